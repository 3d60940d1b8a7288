// Reading merged entities and clusters: streamed with iterate() so exports hold one row at a time.
import type { Db } from './open.ts'
import type { Entity } from '../model/index.ts'

export interface EntityFilter {
  kind?: string
  /** Only entities with at least one copy from this source. */
  sourceId?: string
}

export function* iterateEntities(db: Db, filter: EntityFilter = {}): Generator<Entity> {
  const where = ['e.deleted = 0']
  const args: string[] = []
  if (filter.kind) { where.push('e.kind = ?'); args.push(filter.kind) }
  if (filter.sourceId) {
    where.push('e.id IN (SELECT cluster_id FROM normalized_records WHERE source_id = ? AND cluster_id IS NOT NULL)')
    args.push(filter.sourceId)
  }
  const rows = db.$client.prepare(`SELECT e.json FROM entities e WHERE ${where.join(' AND ')} ORDER BY e.id`).pluck().iterate(...args)
  for (const json of rows) yield JSON.parse(json as string) as Entity
}

export interface ClusterMember {
  id: string
  sourceId: string
  oaiIdentifier: string
  status: string
  keys: string[]
}

/** The copies of a cluster and the keys that joined them: what an operator looks at before a split. */
export function clusterMembers(db: Db, clusterId: string): ClusterMember[] {
  const rows = db.$client.prepare('SELECT id, source_id, oai_identifier, status FROM normalized_records WHERE cluster_id = ? ORDER BY id').all(clusterId) as { id: string; source_id: string; oai_identifier: string; status: string }[]
  // A copy's dedup keys are listed on its row; operator links are keys too (link:<override id>).
  const keys = db.$client.prepare(`SELECT key FROM (
      SELECT value AS key FROM json_each((SELECT dedup_keys FROM normalized_records WHERE id = @id))
      UNION SELECT 'link:' || id FROM cluster_overrides WHERE kind = 'link' AND (record_id = @id OR other_id = @id)
    ) ORDER BY key`).pluck()
  return rows.map((r) => ({ id: r.id, sourceId: r.source_id, oaiIdentifier: r.oai_identifier, status: r.status, keys: keys.all({ id: r.id }) as string[] }))
}

export function clusterOfRecord(db: Db, recordId: string): string | null {
  return (db.$client.prepare('SELECT cluster_id FROM normalized_records WHERE id = ?').pluck().get(recordId) as string | null | undefined) ?? null
}
