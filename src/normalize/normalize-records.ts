// The normalize stage: replays the mappers over the raw store (after a mapping fix) in batches, in flat memory.
// `redcti harvest` calls normalizePage on each page it stores; `redcti normalize` walks whole sources.
import type { Db } from '../db/open.ts'
import { createClusterStore } from '../db/cluster-store.ts'
import type { RawRecord, Source } from '../../harvesters/types.ts'
import { mapRecord, type MapContext, type RawRow } from './map-record.ts'
import { createMerge } from './merge-entities.ts'
import { createFindingsStore } from '../db/findings-store.ts'
import { createDmpCopies } from './dmp-copies.ts'
import { checkRecord } from '../compliance/check-record.ts'
import type { MappingIssue } from '../model/index.ts'

export interface NormalizeCounts {
  mapped: number
  failed: number
  deleted: number
}

export function createNormalizer(db: Db, sources: Source[]) {
  const byId = new Map(sources.map((s) => [s.id, s]))
  // A source no longer in the config file is still known by what its last harvest recorded.
  const recorded = new Map((db.$client.prepare('SELECT source_id, metadata_prefix, base_url, role FROM source_state').all() as { source_id: string; metadata_prefix: string | null; base_url: string | null; role: string | null }[])
    .map((r) => [r.source_id, r]))
  const roleOf = (id: string) => byId.get(id)?.role ?? recorded.get(id)?.role ?? 'repository'
  const store = createClusterStore(db, createMerge((id) => roleOf(id) === 'aggregator'))
  const findingsStore = createFindingsStore(db)
  const withDmpCopy = createDmpCopies(db)
  const contexts = new Map<string, MapContext>()
  const contextOf = (sourceId: string, fallbackPrefix: string): MapContext => {
    let context = contexts.get(sourceId)
    if (!context) {
      const source = byId.get(sourceId)
      const state = recorded.get(sourceId)
      const baseUrl = source?.baseUrl ?? state?.base_url
      context = { metadataPrefix: source?.metadataPrefix ?? state?.metadata_prefix ?? fallbackPrefix, repositoryHost: hostOf(baseUrl) }
      contexts.set(sourceId, context)
    }
    return context
  }

  /** Maps and stores one batch; the caller owns the transaction (the harvester's page transaction). */
  function normalizePage(rows: RawRow[], at: string, metadataPrefix = ''): NormalizeCounts {
    const counts: NormalizeCounts = { mapped: 0, failed: 0, deleted: 0 }
    const copies = rows.flatMap((row) => withDmpCopy(mapRecord(row, contextOf(row.sourceId, metadataPrefix))))
    for (const copy of copies) if (!copy.id.endsWith('#dmp')) counts[copy.status]++
    store.putCopies(copies, at)
    // Findings are judged on each source's own copy, never on the merged record: what ALICIA supplies must not
    // hide the repository's own gap (issue #4). Recomputed whenever the copy is.
    const today = at.slice(0, 10)
    for (const copy of copies) {
      findingsStore.replace(copy.id, copy.sourceId, copy.status === 'mapped' && copy.entity ? checkRecord(copy.entity, copy.issues as MappingIssue[], today) : [], at)
    }
    return counts
  }

  return { normalizePage }
}

const BATCH = 500

/** A madmp source's baseUrl may be a folder path, which names no host (and `new URL` would throw on it). */
function hostOf(baseUrl: string | null | undefined): string | undefined {
  return baseUrl && URL.canParse(baseUrl) ? new URL(baseUrl).host || undefined : undefined
}

/** Re-maps every raw record of the given sources (all when none), batch by batch, one transaction each. */
export function normalizeRecords(db: Db, sources: Source[], sourceIds: string[], at: string, onBatch?: (done: number) => void): NormalizeCounts {
  const { normalizePage } = createNormalizer(db, sources)
  const ids = sourceIds.length > 0 ? sourceIds : (db.$client.prepare('SELECT DISTINCT source_id FROM raw_records ORDER BY 1').pluck().all() as string[])
  const page = db.$client.prepare(`SELECT id, source_id AS sourceId, identifier, datestamp, status, metadata, harvested_at AS harvestedAt, set_specs AS setSpecs
    FROM raw_records WHERE source_id = ? AND id > ? ORDER BY id LIMIT ${BATCH}`)
  const total: NormalizeCounts = { mapped: 0, failed: 0, deleted: 0 }
  let done = 0
  for (const sourceId of ids) {
    // Keyset paging on the row id: memory holds one batch, whatever the size of the source.
    let after = 0
    while (true) {
      const rows = page.all(sourceId, after) as (RawRow & { id: number })[]
      if (rows.length === 0) break
      after = rows[rows.length - 1]!.id
      const counts = db.$client.transaction(() => normalizePage(rows, at))()
      total.mapped += counts.mapped
      total.failed += counts.failed
      total.deleted += counts.deleted
      done += rows.length
      onBatch?.(done)
    }
  }
  return total
}

/** For a harvester: written raw records of one source mapped, stored and merged inside the caller's transaction. */
export function rawRecordNormalizer(db: Db, source: Source, sources: Source[]) {
  const { normalizePage } = createNormalizer(db, sources.some((s) => s.id === source.id) ? sources : [...sources, source])
  return (records: RawRecord[], at: string) => {
    if (records.length === 0) return
    normalizePage(records.map((r) => ({
      sourceId: source.id, identifier: r.identifier, datestamp: r.datestamp, status: r.deleted ? 'deleted' as const : 'live' as const,
      metadata: r.metadata, harvestedAt: at, setSpecs: r.setSpecs.join(' '),
    })), at, source.metadataPrefix)
  }
}
