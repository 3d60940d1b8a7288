// What `redcti status` and `redcti failures` report: counts per source, the last run, the failed records.
import { sql } from 'drizzle-orm'
import type { Db } from '../db/open.ts'
import { isProcessAlive } from './state.ts'

export interface SourceStatus {
  id: string
  name: string | null
  enabled: boolean
  records: number
  deleted: number
  vanished: number
  failed: number
  /** Records that were read but could not be mapped to the model (see `redcti failures`). */
  notMapped: number
  highWater: string | null
  deferredUntil: string | null
  lastRun: { id: number; mode: string; status: string; startedAt: string; finishedAt: string | null; pages: number; records: number; message: string | null } | null
}

export function sourceStatuses(db: Db, sources: { id: string; name?: string; enabled?: boolean }[]): SourceStatus[] {
  const client = db.$client
  // Each count reads an index (the unique one, or a partial one over the rare rows), never the 3 KB rows.
  const counts = client.prepare(`SELECT
      (SELECT count(*) FROM raw_records WHERE source_id = @id) AS total,
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND status <> 'live' AND status = 'deleted') AS deleted,
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND status <> 'live' AND status = 'vanished') AS vanished,
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND problem IS NOT NULL) AS failed,
      (SELECT count(*) FROM normalized_records WHERE source_id = @id AND status = 'failed') AS not_mapped`)
  const last = client.prepare('SELECT * FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT 1')
  const state = client.prepare('SELECT high_water, deferred_until, enabled FROM source_state WHERE source_id = ?')
  // Sources no longer configured still have data: show them too.
  const known = new Map(sources.map((s) => [s.id, s]))
  for (const row of db.all<{ id: string }>(sql`SELECT DISTINCT source_id AS id FROM raw_records UNION SELECT source_id FROM harvest_runs`)) {
    if (!known.has(row.id)) known.set(row.id, { id: row.id })
  }
  return [...known.values()].map((source) => {
    const c = counts.get({ id: source.id }) as Record<string, number | null>
    const run = last.get(source.id) as Record<string, unknown> | undefined
    const s = state.get(source.id) as { high_water: string | null; deferred_until: string | null; enabled: number } | undefined
    let status = run?.status as string | undefined
    // A run still "running" whose process is gone was killed: say so (it resumes on the next harvest).
    if (status === 'running' && !isProcessAlive(run?.pid as number)) status = 'interrupted'
    return {
      id: source.id,
      name: source.name ?? null,
      enabled: source.enabled !== false && (s ? s.enabled === 1 : true),
      records: (c.total ?? 0) - (c.deleted ?? 0) - (c.vanished ?? 0),
      deleted: c.deleted ?? 0,
      vanished: c.vanished ?? 0,
      failed: c.failed ?? 0,
      notMapped: c.not_mapped ?? 0,
      highWater: s?.high_water ?? null,
      deferredUntil: s?.deferred_until ?? null,
      lastRun: run ? {
        id: run.id as number, mode: run.mode as string, status: status!, startedAt: run.started_at as string,
        finishedAt: (run.finished_at as string | null) ?? null, pages: run.pages as number, records: run.records as number,
        message: (run.message as string | null) ?? null,
      } : null,
    }
  })
}

export interface FailureRow {
  sourceId: string
  identifier: string | null
  kind: 'unreadable' | 'not-mapped' | string
  detail: string
  at: string
}

/** Records that could not be read, records that could not be mapped, then run-level problems (newest first). */
export function listFailures(db: Db, sourceId?: string): FailureRow[] {
  const client = db.$client
  const bySource = sourceId ? 'source_id = @source AND' : ''
  const args = sourceId ? { source: sourceId } : {}
  const unread = client.prepare(`SELECT source_id, identifier, problem, harvested_at FROM raw_records
    WHERE ${bySource} problem IS NOT NULL ORDER BY source_id, identifier`).all(args) as { source_id: string; identifier: string; problem: string; harvested_at: string }[]
  const unmapped = client.prepare(`SELECT source_id, oai_identifier, error, mapped_at FROM normalized_records
    WHERE ${bySource} status = 'failed' ORDER BY source_id, oai_identifier`).all(args) as { source_id: string; oai_identifier: string; error: string; mapped_at: string }[]
  const problems = client.prepare(`SELECT source_id, identifier, kind, detail, at FROM harvest_problems
    ${sourceId ? 'WHERE source_id = @source' : ''} ORDER BY id DESC LIMIT 500`).all(args) as { source_id: string; identifier: string | null; kind: string; detail: string; at: string }[]
  return [
    ...unread.map((r) => ({ sourceId: r.source_id, identifier: r.identifier, kind: 'unreadable', detail: r.problem, at: r.harvested_at })),
    ...unmapped.map((r) => ({ sourceId: r.source_id, identifier: r.oai_identifier, kind: 'not-mapped', detail: r.error, at: r.mapped_at })),
    ...problems.map((p) => ({ sourceId: p.source_id, identifier: p.identifier, kind: p.kind, detail: p.detail, at: p.at })),
  ]
}
