// Test harness: a fresh database, a source pointed at a fixture server, a fake clock, and the stored set read back.
import { openDb, type Db } from '../../src/db/open.ts'
import { harvestSource, type HarvestOptions } from '../../src/harvest/run.ts'
import type { Source } from '../../harvesters/types.ts'
import { fakeClock, type FakeClock } from './fake-clock.ts'
import { syntheticRecord } from './synthetic-repository.ts'
import type { ReplayRepository } from '../../src/demo/replay-repository.ts'
import { syntheticSets } from './synthetic-repository.ts'

export interface Harness {
  db: Db
  clock: FakeClock
  source: Source
  harvest(options?: HarvestOptions): ReturnType<typeof harvestSource>
  stored(): { identifier: string; datestamp: string; status: string; metadata: string | null; problem: string | null; set_specs: string }[]
  counts(): { live: number; deleted: number; vanished: number; failed: number; duplicates: number }
  problems(): { kind: string; detail: string; identifier: string | null }[]
}

export function harness(baseUrl: string, overrides: Partial<Source> = {}, dbFile = ':memory:'): Harness {
  const db = openDb(dbFile)
  const clock = fakeClock('2026-11-22T12:00:00Z')
  const source: Source = { id: 'fixture', baseUrl, metadataPrefix: 'oai_dc', ...overrides }
  return {
    db, clock, source,
    harvest: (options = {}) => harvestSource(db, source, { clock, random: () => 0.5, ...options }),
    stored: () => db.$client.prepare('SELECT identifier, datestamp, status, metadata, problem, set_specs FROM raw_records WHERE source_id = ? ORDER BY identifier').all(source.id) as never,
    counts: () => db.$client.prepare(`SELECT
        coalesce(sum(status = 'live'), 0) AS live, coalesce(sum(status = 'deleted'), 0) AS deleted,
        coalesce(sum(status = 'vanished'), 0) AS vanished, coalesce(sum(problem IS NOT NULL), 0) AS failed,
        count(*) - count(DISTINCT identifier) AS duplicates
      FROM raw_records WHERE source_id = ?`).get(source.id) as never,
    problems: () => db.$client.prepare('SELECT kind, detail, identifier FROM harvest_problems WHERE source_id = ? ORDER BY id').all(source.id) as never,
  }
}

/** An in-memory (mutable) copy of the first `n` synthetic records, for tests that add, change or remove records. */
export function mutableRepository(n: number, options: { deletedEvery?: number; deletedRecord?: ReplayRepository['deletedRecord'] } = {}): ReplayRepository {
  const every = options.deletedEvery ?? 20
  return {
    repositoryName: 'Repositorio de prueba',
    earliestDatestamp: '2015-01-01T00:00:00Z',
    granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: options.deletedRecord ?? 'persistent',
    formats: [{ metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' }],
    sets: syntheticSets(),
    records: Array.from({ length: n }, (_, i) => syntheticRecord(i, 1, every > 0 && i % every === every - 1)),
  }
}
