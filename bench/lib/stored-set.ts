// Reads what a harvest stored (the SQLite file, opened read-only) and lists every way it differs from the served set.
import Database from 'better-sqlite3'
import { SetDigest } from './set-digest.ts'
import type { ServedSet } from './served-set.ts'

export interface StoredSet {
  rows: number
  distinct: number
  live: number
  deleted: number
  vanished: number
  /** Rows kept with a problem (unreadable as they came). */
  withProblem: number
  liveWithoutMetadata: number
  digest: string
  lastRun: { status: string; message: string | null; records: number; deleted: number; pages: number } | null
}

export function readStoredSet(dbFile: string, sourceId: string): StoredSet {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const counts = db.prepare(`SELECT count(*) AS rows, count(DISTINCT identifier) AS "distinct",
        coalesce(sum(status = 'live'), 0) AS live, coalesce(sum(status = 'deleted'), 0) AS deleted,
        coalesce(sum(status = 'vanished'), 0) AS vanished, coalesce(sum(problem IS NOT NULL), 0) AS withProblem,
        coalesce(sum(status = 'live' AND (metadata IS NULL OR metadata = '')), 0) AS liveWithoutMetadata
      FROM raw_records WHERE source_id = ?`).get(sourceId) as Omit<StoredSet, 'digest' | 'lastRun'>
    const digest = new SetDigest()
    const rows = db.prepare('SELECT identifier, status FROM raw_records WHERE source_id = ?').iterate(sourceId) as IterableIterator<{ identifier: string; status: string }>
    // A 'vanished' row hashes as neither live nor deleted, so it shows as a difference.
    for (const row of rows) digest.add(row.identifier, row.status)
    const lastRun = db.prepare('SELECT status, message, records, deleted, pages FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT 1')
      .get(sourceId) as StoredSet['lastRun'] | undefined
    return { ...counts, digest: digest.toString(), lastRun: lastRun ?? null }
  } finally {
    db.close()
  }
}

/** Every difference between what was stored and what the server serves; [] when they are the same set. */
export function storedSetProblems(stored: StoredSet, served: ServedSet): string[] {
  const problems: string[] = []
  const expect = (what: string, got: number, want: number) => {
    if (got !== want) problems.push(`${what}: stored ${got}, expected ${want}`)
  }
  expect('live records', stored.live, served.live)
  expect('deleted records', stored.deleted, served.deleted)
  expect('vanished records', stored.vanished, 0)
  expect('rows', stored.rows, served.total)
  if (stored.distinct !== stored.rows) problems.push(`duplicate identifiers: ${stored.rows - stored.distinct} rows repeat an identifier`)
  if (stored.withProblem > 0) problems.push(`${stored.withProblem} records stored with a problem (the fixture is well-formed)`)
  if (stored.liveWithoutMetadata > 0) problems.push(`${stored.liveWithoutMetadata} live records without metadata`)
  if (problems.length === 0 && stored.digest !== served.digest) {
    problems.push(`same counts but a different set of (identifier, status) pairs: digest ${stored.digest}, expected ${served.digest}`)
  }
  if (stored.lastRun === null) problems.push('no harvest run recorded')
  else if (stored.lastRun.status !== 'finished') problems.push(`last run is '${stored.lastRun.status}': ${stored.lastRun.message ?? ''}`)
  return problems
}

/** What the normalize stage left: copies by status, and live merged records. */
export function normalizedCounts(file: string): { mapped: number; failed: number; deleted: number; entities: number; unclustered: number } {
  const db = new Database(file, { readonly: true })
  try {
    const by = Object.fromEntries((db.prepare('SELECT status, count(*) AS n FROM normalized_records GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]))
    const entities = db.prepare('SELECT count(*) FROM entities WHERE deleted = 0').pluck().get() as number
    const unclustered = db.prepare(`SELECT count(*) FROM normalized_records n LEFT JOIN entities e ON e.id = n.cluster_id AND e.deleted = 0
      WHERE n.status = 'mapped' AND e.id IS NULL`).pluck().get() as number
    return { mapped: by.mapped ?? 0, failed: by.failed ?? 0, deleted: by.deleted ?? 0, entities, unclustered }
  } finally {
    db.close()
  }
}
