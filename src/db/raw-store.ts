// The harvest hot path: prepared statements (drizzle's builder halves insert speed: shared/bench/RESULTS.md)
// that upsert one page of raw records, newest datestamp winning.
import type { Db } from './open.ts'
import type { RawRecord } from '../../harvesters/types.ts'

export interface PageCounts {
  live: number
  deleted: number
  failed: number
  /** The records that were written (an older copy than the stored one is not): what normalization must re-map. */
  written: RawRecord[]
}

export interface RawStore {
  /** Upserts records; call inside the page transaction. */
  putRecords(sourceId: string, records: RawRecord[], harvestedAt: string, epoch: number): PageCounts
  /** Marks identifiers listed by a reconciliation pass as still present. Returns those we do not have. */
  markSeen(sourceId: string, identifiers: string[], epoch: number): string[]
  /** Live records the server no longer lists (no tombstone came): Spec §2.5.1, cases 75–76. Returns their identifiers. */
  markVanished(sourceId: string, epoch: number, at: string): string[]
  liveCount(sourceId: string): number
}

/** Connections that already have the set-union SQL function (registered once: re-registering expires statements). */
const withUnion = new WeakSet<object>()

export function createRawStore(db: Db): RawStore {
  const client = db.$client
  // The same version listed twice (a server that lists a record once per set, case 69) belongs to the union
  // of both lists' sets (Spec §2.6); a newer version's sets replace the old ones (it may have left a set).
  if (!withUnion.has(client)) {
    client.function('union_set_specs', { deterministic: true }, (a: unknown, b: unknown) =>
      [...new Set(`${a} ${b}`.split(' ').filter(Boolean))].join(' '))
    withUnion.add(client)
  }
  const upsert = client.prepare(`
    INSERT INTO raw_records (source_id, identifier, datestamp, set_specs, status, metadata, problem, harvested_at, seen_epoch)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (source_id, identifier) DO UPDATE SET
      datestamp = excluded.datestamp, status = excluded.status,
      set_specs = CASE WHEN excluded.datestamp = raw_records.datestamp AND excluded.set_specs <> raw_records.set_specs
        THEN union_set_specs(raw_records.set_specs, excluded.set_specs) ELSE excluded.set_specs END,
      metadata = excluded.metadata, problem = excluded.problem, harvested_at = excluded.harvested_at,
      seen_epoch = max(raw_records.seen_epoch, excluded.seen_epoch)
    WHERE excluded.datestamp >= raw_records.datestamp`)
  const touch = client.prepare('UPDATE raw_records SET seen_epoch = max(seen_epoch, ?) WHERE source_id = ? AND identifier = ?')
  const vanish = client.prepare(`
    UPDATE raw_records SET status = 'vanished', harvested_at = ?
    WHERE source_id = ? AND status = 'live' AND seen_epoch < ?
    RETURNING identifier`).pluck()
  const live = client.prepare(`SELECT
      (SELECT count(*) FROM raw_records WHERE source_id = @id) -
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND status <> 'live')`).pluck()

  return {
    putRecords(sourceId, records, harvestedAt, epoch) {
      const counts: PageCounts = { live: 0, deleted: 0, failed: 0, written: [] }
      for (const r of records) {
        const status = r.deleted ? 'deleted' : 'live'
        const result = upsert.run(sourceId, r.identifier, r.datestamp, r.setSpecs.join(' '), status, r.metadata, r.problem, harvestedAt, epoch)
        // An older copy (offset paging shifts, case 53) changes nothing but still counts as listed.
        if (result.changes === 0) touch.run(epoch, sourceId, r.identifier)
        else counts.written.push(r)
        if (r.deleted) counts.deleted++
        else counts.live++
        if (r.problem) counts.failed++
      }
      return counts
    },
    markSeen(sourceId, identifiers, epoch) {
      const unknown: string[] = []
      for (const id of identifiers) {
        if (touch.run(epoch, sourceId, id).changes === 0) unknown.push(id)
      }
      return unknown
    },
    markVanished(sourceId, epoch, at) {
      return vanish.all(at, sourceId, epoch) as string[]
    },
    liveCount(sourceId) {
      return live.get({ id: sourceId }) as number
    },
  }
}
