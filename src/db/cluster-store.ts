// Normalized copies, their dedup keys, and the merged entities, kept in step incrementally: re-clustering
// walks only the components around the records that changed, so a page of new records costs a page of work.
import { hash } from 'node:crypto'
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

export interface ClusterStoreOptions {
  /**
   * Store a copy that shares no key with any other copy (almost every copy) without walking the key graph:
   * its cluster is itself. Off only in tests, to show the fast path writes what the full walk writes.
   */
  singletonFastPath?: boolean
}

/** A key shared by more records than this is noise (a placeholder DOI, a default title): it links nothing. */
const MAX_KEY_FANOUT = 50

const PREFIX: Record<string, string> = {
  'research-output': 'ro', dmp: 'dmp', project: 'project', funding: 'funding', person: 'person', organisation: 'org', equipment: 'equipment',
}

const EMPTY = '[]'
const jsonList = (list: unknown[]) => (list.length === 0 ? EMPTY : JSON.stringify(list))

export function createClusterStore(db: Db, merge: MergeCopies, options: ClusterStoreOptions = {}) {
  const fastPath = options.singletonFastPath ?? true
  const c = db.$client
  const previousRows = c.prepare('SELECT id, cluster_id, dedup_keys FROM normalized_records WHERE id IN (SELECT value FROM json_each(?))')
  // cluster_id is written with the row: kept as it was for a copy the full walk re-clusters, final for a singleton.
  const upsert = c.prepare(`INSERT INTO normalized_records (id, source_id, oai_identifier, kind, status, json, issues, unmapped, error, mapped_at, dedup_keys, cluster_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, status = excluded.status, json = excluded.json,
      issues = excluded.issues, unmapped = excluded.unmapped, error = excluded.error, mapped_at = excluded.mapped_at,
      dedup_keys = excluded.dedup_keys, cluster_id = excluded.cluster_id`)
  // One row per statement: a statement that writes many rows keeps a statement journal, which spills to a temp file.
  const deleteKey = c.prepare('DELETE FROM record_keys WHERE key = ? AND record_id = ?')
  const insertKey = c.prepare('INSERT OR IGNORE INTO record_keys (key, record_id) VALUES (?, ?)')
  // Batches of [key, record id] pairs, as JSON.
  const copiesSharingKeys = c.prepare(`SELECT DISTINCT value ->> 1 FROM json_each(?) AS pair
    WHERE EXISTS (SELECT 1 FROM record_keys WHERE key = pair.value ->> 0 AND record_id <> pair.value ->> 1)`).pluck()
  const storedKeys = c.prepare('SELECT dedup_keys FROM normalized_records WHERE id = ?').pluck()
  const withKey = c.prepare(`SELECT record_id FROM record_keys WHERE key = ? LIMIT ${MAX_KEY_FANOUT + 1}`).pluck()
  const clusterOf = c.prepare('SELECT cluster_id FROM normalized_records WHERE id = ?').pluck()
  const membersOf = c.prepare('SELECT id FROM normalized_records WHERE cluster_id = ?').pluck()
  /** Which of these clusters have more than one copy. */
  const clustersOfMany = c.prepare(`SELECT value FROM json_each(?) AS cluster
    WHERE (SELECT count(*) FROM (SELECT 1 FROM normalized_records WHERE cluster_id = cluster.value LIMIT 2)) > 1`).pluck()
  const copyRow = c.prepare('SELECT id, source_id, kind, status, json, cluster_id FROM normalized_records WHERE id = ?')
  const setCluster = c.prepare('UPDATE normalized_records SET cluster_id = ? WHERE id = ?')
  const anyOverride = c.prepare('SELECT EXISTS (SELECT 1 FROM cluster_overrides)').pluck()
  const overridesOf = c.prepare('SELECT id, kind, record_id, other_id FROM cluster_overrides WHERE record_id = ? OR other_id = ?')
  const entityRow = c.prepare('SELECT hash, deleted, members FROM entities WHERE id = ?')
  const insertEntity = c.prepare(`INSERT INTO entities (id, kind, json, hash, deleted, members, created_at, modified_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, json = excluded.json, hash = excluded.hash, deleted = 0, members = excluded.members, modified_at = excluded.modified_at`)
  const touchMembers = c.prepare('UPDATE entities SET members = ? WHERE id = ?')
  const tombstone = c.prepare('UPDATE entities SET deleted = 1, json = NULL, hash = NULL, members = 0, modified_at = ? WHERE id = ? AND deleted = 0')
  const liveEntity = c.prepare('SELECT count(*) FROM normalized_records WHERE cluster_id = ?').pluck()

  type Row = { id: string; source_id: string; kind: string; status: string; json: string | null; cluster_id: string | null }
  type Previous = { id: string; cluster_id: string | null; dedup_keys: string }

  /** Whether cluster_overrides has any row, read once per call: operators add overrides rarely, often never. */
  let overrides = false

  /**
   * Stores copies (their keys included) and re-clusters around them. Call inside a transaction.
   * First every copy's keys, so each copy sees the whole batch; then each copy that shares no key and had no
   * cluster mate is its own cluster, written at once; the rest go through the full walk (recluster).
   * What it reads is one statement per batch (json_each), not one per copy or per key.
   */
  function putCopies(copies: NormalizedCopy[], at: string): void {
    overrides = anyOverride.get() === 1
    // A page that lists one identifier twice (case 69) stores its last version, as a second upsert would.
    const batch = new Map<string, NormalizedCopy>()
    for (const copy of copies) batch.set(copy.id, copy)
    const before = new Map((previousRows.all(JSON.stringify([...batch.keys()])) as Previous[]).map((r) => [r.id, r]))
    const removed: [string, string][] = []
    const added: [string, string][] = []
    const held: [string, string][] = []
    for (const copy of batch.values()) {
      const keys = keysToStore(copy)
      for (const key of keys) held.push([key, copy.id])
      const old = before.get(copy.id)?.dedup_keys ?? EMPTY
      if (old === jsonList(keys)) continue
      const oldKeys = old === EMPTY ? [] : JSON.parse(old) as string[]
      // Operator links (link:<id>) are not dedup keys: they stay.
      for (const key of oldKeys) if (!keys.includes(key)) removed.push([key, copy.id])
      for (const key of keys) if (!oldKeys.includes(key)) added.push([key, copy.id])
    }
    for (const [key, id] of removed) deleteKey.run(key, id)
    for (const [key, id] of added) insertKey.run(key, id)
    // Copies with a key someone else holds; sharesKey then leaves out keys too common to link anything.
    const linked = new Set(held.length > 0 ? copiesSharingKeys.all(JSON.stringify(held)) as string[] : [])
    const oldClusters = [...new Set([...before.values()].map((r) => r.cluster_id).filter((id): id is string => id !== null))]
    const crowded = new Set(oldClusters.length > 0 ? clustersOfMany.all(JSON.stringify(oldClusters)) as string[] : [])
    const walk: string[] = []
    for (const copy of batch.values()) {
      const oldCluster = before.get(copy.id)?.cluster_id ?? null
      // The shortcut keeps only a cluster named after the copy itself: a name taken from a copy that has left
      // may be claimed by that copy's new cluster in the same pass, which only the full walk settles.
      const own = oldCluster === null || namedAfter(oldCluster, copy.id)
      if (!fastPath || !own || (oldCluster !== null && crowded.has(oldCluster)) || (overrides && overridesOf.all(copy.id, copy.id).length > 0)) {
        store(copy, oldCluster, at)
        walk.push(copy.id)
      } else if (copy.status !== 'mapped' || copy.entity === null) {
        // A copy that leaves a cluster of one leaves a tombstone: consumers see the deletion.
        store(copy, null, at)
        if (oldCluster !== null) tombstone.run(at, oldCluster)
      } else if (linked.has(copy.id) && sharesKey(copy)) {
        store(copy, oldCluster, at)
        walk.push(copy.id)
      } else {
        // What chooseClusterId gives a cluster of one: the id it had, else one named after the copy.
        const id = oldCluster ?? freshId(copy.kind, copy.id)
        const existing = entityRow.get(id) as EntityState | undefined
        // A live cluster that already holds the name (it kept it when this copy left) is left to the full walk.
        if (oldCluster === null && existing && existing.deleted === 0) {
          store(copy, null, at)
          walk.push(copy.id)
          continue
        }
        store(copy, id, at)
        writeEntity(id, copy.kind, merge(id, copy.kind, [{ entity: copy.entity, sourceId: copy.sourceId }]), 1, at, existing)
      }
    }
    if (walk.length > 0) recluster(walk, at)
  }

  function store(copy: NormalizedCopy, clusterId: string | null, at: string): void {
    upsert.run(copy.id, copy.sourceId, copy.oaiIdentifier, copy.kind, copy.status, copy.entity ? JSON.stringify(copy.entity) : null,
      jsonList(copy.issues), jsonList(copy.unmapped), copy.error, at, jsonList(keysToStore(copy)), clusterId)
  }

  /** Only a mapped copy links: a deleted or failed one keeps no keys. */
  function keysToStore(copy: NormalizedCopy): string[] {
    return copy.status === 'mapped' ? copy.keys : []
  }

  /** Whether another copy carries one of this copy's keys (a key held by too many links nothing). */
  function sharesKey(copy: NormalizedCopy): boolean {
    for (const key of copy.keys) {
      const holders = withKey.all(key) as string[]
      if (holders.length <= MAX_KEY_FANOUT && holders.some((h) => h !== copy.id)) return true
    }
    return false
  }

  /** The copy's keys, operator links included. */
  function keysOf(id: string): string[] {
    const json = storedKeys.get(id) as string | undefined
    const keys = json && json !== EMPTY ? JSON.parse(json) as string[] : []
    if (overrides) for (const o of overridesOf.all(id, id) as { id: number; kind: string }[]) if (o.kind === 'link') keys.push(`link:${o.id}`)
    return keys
  }

  function isDetached(id: string): boolean {
    return overrides && (overridesOf.all(id, id) as { kind: string; record_id: string }[]).some((o) => o.kind === 'detach' && o.record_id === id)
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
      if (!list) dois.set(id, (list = keysOf(id).filter((k) => k.includes('|doi:'))))
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
      for (const key of keysOf(id)) {
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
    overrides = anyOverride.get() === 1
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
    writeEntity(id, kind, merged, members.length, at, entityRow.get(id) as EntityState | undefined)
  }

  type EntityState = { hash: string | null; deleted: number; members: number }

  function writeEntity(id: string, kind: string, merged: Entity, members: number, at: string, existing: EntityState | undefined): void {
    const json = JSON.stringify(merged)
    const digest = hash('sha1', json)
    // modified_at moves only when the published JSON really changes (the API's change feed relies on it).
    if (existing && existing.hash === digest && existing.deleted === 0) {
      if (existing.members !== members) touchMembers.run(members, id)
    } else insertEntity.run(id, kind, json, digest, members, at, at)
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
    const fresh = freshId(kind, members[0]!.id)
    claimed.add(fresh)
    return fresh
  }

  return { putCopies, recluster, component }
}

/** A new cluster's id: the kind's prefix and a hash of its first copy's id. */
function freshId(kind: string, copyId: string): string {
  return `${PREFIX[kind] ?? kind}-${nameOf(copyId)}`
}

function nameOf(copyId: string): string {
  return hash('sha1', copyId).slice(0, 16)
}

function namedAfter(clusterId: string, copyId: string): boolean {
  return clusterId.endsWith(`-${nameOf(copyId)}`)
}
