// Operator decisions on clusters (split a wrong merge, force a right one), stored so re-normalization keeps them.
import type { Db } from './open.ts'
import { clusterOverrides } from './schema.ts'
import { createClusterStore } from './cluster-store.ts'
import { createMerge } from '../normalize/merge-entities.ts'
import { fail, ok, type Result } from '../../harvesters/types.ts'

export interface OverrideRequest {
  kind: 'detach' | 'link'
  recordId: string
  otherId?: string
  note?: string
}

export function addOverride(db: Db, request: OverrideRequest, at: string, isAggregator: (sourceId: string) => boolean = () => false): Result<{ clusterId: string | null }, string> {
  const exists = db.$client.prepare('SELECT 1 FROM normalized_records WHERE id = ?').pluck()
  for (const id of [request.recordId, request.otherId].filter((x): x is string => Boolean(x))) {
    if (!exists.get(id)) return fail(`no normalized copy with id ${JSON.stringify(id)} (ids look like <source>:<oai identifier>; see redcti clusters show)`)
  }
  if (request.kind === 'link' && !request.otherId) return fail('merge needs two copy ids')
  const store = createClusterStore(db, createMerge(isAggregator))
  return db.$client.transaction(() => {
    const row = db.insert(clusterOverrides).values({ kind: request.kind, recordId: request.recordId, otherId: request.otherId ?? null, note: request.note ?? null, createdAt: at }).returning({ id: clusterOverrides.id }).get()
    if (request.kind === 'link') {
      const key = db.$client.prepare('INSERT OR IGNORE INTO record_keys (key, record_id) VALUES (?, ?)')
      key.run(`link:${row.id}`, request.recordId)
      key.run(`link:${row.id}`, request.otherId)
    }
    store.recluster([request.recordId, ...(request.otherId ? [request.otherId] : [])], at)
    const clusterId = db.$client.prepare('SELECT cluster_id FROM normalized_records WHERE id = ?').pluck().get(request.recordId) as string | null
    return ok({ clusterId })
  })()
}

export function listOverrides(db: Db) {
  return db.select().from(clusterOverrides).all()
}
