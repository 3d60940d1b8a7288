// Normalized copies, their dedup keys, and the merged entities, kept in step incrementally: re-clustering
// walks only the components around the records that changed, so a page of new records costs a page of work.
import { createHash } from 'node:crypto'
import type { Db } from './open.ts'
import type { Entity } from '../model/index.ts'

export interface NormalizedCopy {
  id: string
  sourceId: string
  oaiIdentifier: string
  kind: Entity['kind'] | 'unknown'
  status: 'mapped' | 'failed' | 'deleted'
  entity: Entity | null
  issues: unknown[]
  unmapped: string[]
  error: string | null
  keys: string[]
}

/** Builds the merged public entity of a cluster from its copies (kind-specific merging lives in normalize/). */
export type MergeCopies = (clusterId: string, kind: string, copies: { entity: Entity; sourceId: string }[]) => Entity

/** A key shared by more records than this is noise (a placeholder DOI, a default title): it links nothing. */
const MAX_KEY_FANOUT = 50

const PREFIX: Record<string, string> = {
  'research-output': 'ro', dmp: 'dmp', project: 'project', funding: 'funding', person: 'person', organisation: 'org', equipment: 'equipment',
}

export function createClusterStore(db: Db, merge: MergeCopies) {
  const c = db.$client
  const upsert = c.prepare(`INSERT INTO normalized_records (id, source_id, oai_identifier, kind, status, json, issues, unmapped, error, mapped_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status, json = excluded.json,
      issues = excluded.issues, unmapped = excluded.unmapped, error = excluded.error, mapped_at = excluded.mapped_at`)
  const deleteKeys = c.prepare('DELETE FROM record_keys WHERE record_id = ?')
  const insertKey = c.prepare('INSERT OR IGNORE INTO record_keys (key, record_id) VALUES (?, ?)')
  const keysOf = c.prepare('SELECT key FROM record_keys WHERE record_id = ?').pluck()
  const withKey = c.prepare(`SELECT record_id FROM record_keys WHERE key = ? LIMIT ${MAX_KEY_FANOUT + 1}`).pluck()
  const clusterOf = c.prepare('SELECT cluster_id FROM normalized_records WHERE id = ?').pluck()
  const membersOf = c.prepare('SELECT id FROM normalized_records WHERE cluster_id = ?').pluck()
  const copyRow = c.prepare('SELECT id, source_id, kind, status, json, cluster_id FROM normalized_records WHERE id = ?')
  const setCluster = c.prepare('UPDATE normalized_records SET cluster_id = ? WHERE id = ?')
  const overridesOf = c.prepare('SELECT id, kind, record_id, other_id FROM cluster_overrides WHERE record_id = ? OR other_id = ?')
  const entityRow = c.prepare('SELECT hash, deleted FROM entities WHERE id = ?')
  const insertEntity = c.prepare(`INSERT INTO entities (id, kind, json, hash, deleted, members, created_at, modified_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json, hash = excluded.hash, deleted = 0, members = excluded.members, modified_at = excluded.modified_at`)
  const touchMembers = c.prepare('UPDATE entities SET members = ? WHERE id = ?')
  const tombstone = c.prepare('UPDATE entities SET deleted = 1, json = NULL, hash = NULL, members = 0, modified_at = ? WHERE id = ? AND deleted = 0')
  const liveEntity = c.prepare('SELECT count(*) FROM normalized_records WHERE cluster_id = ?').pluck()

  type Row = { id: string; source_id: string; kind: string; status: string; json: string | null; cluster_id: string | null }

  /** Stores copies (their keys included) and re-clusters around them. Call inside a transaction. */
  function putCopies(copies: NormalizedCopy[], at: string): void {
    for (const copy of copies) {
      upsert.run(copy.id, copy.sourceId, copy.oaiIdentifier, copy.kind, copy.status, copy.entity ? JSON.stringify(copy.entity) : null,
        JSON.stringify(copy.issues), JSON.stringify(copy.unmapped), copy.error, at)
      deleteKeys.run(copy.id)
      if (copy.status === 'mapped') for (const key of copy.keys) insertKey.run(key, copy.id)
      // Operator links survive re-normalization: they are keys too.
      for (const o of overridesOf.all(copy.id, copy.id) as { id: number; kind: string }[]) {
        if (o.kind === 'link') insertKey.run(`link:${o.id}`, copy.id)
      }
    }
    recluster(copies.map((c) => c.id), at)
  }

  function isDetached(id: string): boolean {
    return (overridesOf.all(id, id) as { kind: string; record_id: string }[]).some((o) => o.kind === 'detach' && o.record_id === id)
  }

  /**
   * The connected component of `seed` over shared keys; detached records connect only through links.
   * A weak key (title + year + first author) never joins two records whose DOIs disagree: different DOIs
   * are different works, however alike their titles.
   */
  function component(seed: string): string[] {
    const seen = new Set([seed])
    const queue = [seed]
    const dois = new Map<string, string[]>()
    const doisOf = (id: string) => {
      let list = dois.get(id)
      if (!list) dois.set(id, (list = (keysOf.all(id) as string[]).filter((k) => k.includes('|doi:'))))
      return list
    }
    const conflicting = (a: string, b: string) => {
      const da = doisOf(a)
      const db = doisOf(b)
      return da.length > 0 && db.length > 0 && !da.some((k) => db.includes(k))
    }
    while (queue.length > 0) {
      const id = queue.pop()!
      const detached = isDetached(id)
      for (const key of keysOf.all(id) as string[]) {
        if (detached && !key.startsWith('link:')) continue
        const others = withKey.all(key) as string[]
        if (others.length > MAX_KEY_FANOUT) continue
        const weak = key.includes('|title:')
        for (const other of others) {
          if (seen.has(other)) continue
          if (weak && conflicting(id, other)) continue
          if (!key.startsWith('link:') && isDetached(other)) continue
          seen.add(other)
          queue.push(other)
        }
      }
    }
    return [...seen].sort()
  }

  /** Cluster ids taken during the current re-clustering pass (two halves of a split must not share one). */
  let claimed = new Set<string>()

  function recluster(changed: string[], at: string): void {
    claimed = new Set()
    const seeds = new Set(changed)
    const oldClusters = new Set<string>()
    for (const id of changed) {
      const cluster = clusterOf.get(id) as string | null
      if (cluster) {
        oldClusters.add(cluster)
        for (const member of membersOf.all(cluster) as string[]) seeds.add(member)
      }
    }
    const done = new Set<string>()
    for (const seed of [...seeds].sort()) {
      if (done.has(seed)) continue
      const row = copyRow.get(seed) as Row | undefined
      if (!row || row.status !== 'mapped') {
        done.add(seed)
        if (row?.cluster_id) setCluster.run(null, seed)
        continue
      }
      const members = component(seed).map((id) => copyRow.get(id) as Row).filter((r) => r && r.status === 'mapped')
      for (const m of members) done.add(m.id)
      writeCluster(members, at)
    }
    // A cluster all of whose copies left (deleted, or merged elsewhere) becomes a tombstone: consumers see the deletion.
    for (const cluster of oldClusters) {
      if ((liveEntity.get(cluster) as number) === 0) tombstone.run(at, cluster)
    }
  }

  function writeCluster(members: Row[], at: string): void {
    const kind = members[0]!.kind
    const id = chooseClusterId(members, kind)
    for (const m of members) if (m.cluster_id !== id) setCluster.run(id, m.id)
    const merged = merge(id, kind, members.map((m) => ({ entity: JSON.parse(m.json!) as Entity, sourceId: m.source_id })))
    const json = JSON.stringify(merged)
    const hash = createHash('sha1').update(json).digest('hex')
    const existing = entityRow.get(id) as { hash: string | null; deleted: number } | undefined
    // modified_at moves only when the published JSON really changes (the API's change feed relies on it).
    if (existing && existing.hash === hash && existing.deleted === 0) touchMembers.run(members.length, id)
    else insertEntity.run(id, kind, json, hash, members.length, at, at)
  }

  /** Keeps the id most members already carry (stable URLs); a new cluster is named after its first copy. */
  function chooseClusterId(members: Row[], kind: string): string {
    const votes = new Map<string, number>()
    for (const m of members) if (m.cluster_id) votes.set(m.cluster_id, (votes.get(m.cluster_id) ?? 0) + 1)
    const ranked = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    for (const [candidate] of ranked) {
      if (claimed.has(candidate)) continue
      const holders = membersOf.all(candidate) as string[]
      const ours = new Set(members.map((m) => m.id))
      // After a split, the larger part keeps the id; the other part must not take it too.
      if (holders.filter((h) => ours.has(h)).length * 2 >= holders.length) {
        claimed.add(candidate)
        return candidate
      }
    }
    const fresh = `${PREFIX[kind] ?? kind}-${createHash('sha1').update(members[0]!.id).digest('hex').slice(0, 16)}`
    claimed.add(fresh)
    return fresh
  }

  return { putCopies, recluster, component }
}
