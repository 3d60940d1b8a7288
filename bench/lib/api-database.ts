// The API benchmark's database: N synthetic oai_dc records stored and normalized with the project's own functions,
// built once and cached under os.tmpdir(). `redcti harvest --no-normalize` + `redcti normalize` would take longer than
// the bench's budget at 1M on a 2-core machine, so the build skips HTTP and XML transport: for each page of 500 records
// it does what the harvester's page transaction does (createRawStore().putRecords + createNormalizer().normalizePage,
// i.e. mapping, dedup keys, createClusterStore merges, findings), then refreshEntityIndex once, as the API's first
// request would. Untimed. Standalone: `npx tsx bench/lib/api-database.ts --records=1000000`.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { statfs } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { openDb } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { createNormalizer } from '../../src/normalize/normalize-records.ts'
import { refreshEntityIndex } from '../../src/db/entity-index.ts'
import type { RawRecord, Source } from '../../harvesters/types.ts'
import { syntheticRepository } from '../../test/support/synthetic-repository.ts'

/** Bump when what the build stores changes: a cached database of another version is rebuilt. */
const BUILD_VERSION = 2
const PAGE = 500
/** With indexes, findings, the FTS index and the raw XML: about 12 KB per record, with room to spare. */
const DISK_BYTES_PER_RECORD = 16 * 1024
export const BENCH_SOURCE: Source = { id: 'bench', baseUrl: 'http://127.0.0.1:1/oai', metadataPrefix: 'oai_dc' }

export function databaseDir(n: number): string {
  return join(tmpdir(), `redcti-bench-api-${n}-v${BUILD_VERSION}`)
}

export function databaseFile(n: number): string {
  return join(databaseDir(n), 'redcti.db')
}

/** The cached database of n records, built when missing (or left half-built by an interrupted run). */
export async function ensureDatabase(n: number, log: (line: string) => void): Promise<{ file: string; built: boolean; seconds: number }> {
  const dir = databaseDir(n)
  const file = databaseFile(n)
  const done = join(dir, 'complete')
  if (existsSync(done)) return { file, built: false, seconds: 0 }
  rmSync(dir, { recursive: true, force: true })
  const fs = await statfs(tmpdir())
  const free = fs.bavail * fs.bsize
  const need = n * DISK_BYTES_PER_RECORD + 1024 ** 3
  log(`free disk in ${tmpdir()}: ${gib(free)} GiB; building ${n.toLocaleString('en-US')} records needs up to ${gib(need)} GiB`)
  if (free < need) throw new Error(`not enough free disk in ${tmpdir()} (${gib(free)} GiB free, ${gib(need)} GiB needed); set TMPDIR`)
  mkdirSync(dir, { recursive: true })
  const t0 = performance.now()
  buildDatabase(file, n, log)
  const seconds = (performance.now() - t0) / 1000
  writeFileSync(done, `${JSON.stringify({ n, seconds, at: new Date().toISOString() })}\n`)
  return { file, built: true, seconds }
}

function buildDatabase(file: string, n: number, log: (line: string) => void): void {
  const db = openDb(file)
  // The build is untimed and disposable: a crash means a rebuild, so no fsync per transaction.
  db.$client.pragma('synchronous = OFF')
  db.$client.pragma('cache_size = -262144')
  const at = '2026-11-22T12:00:00Z'
  const repository = syntheticRepository({ records: n, seed: 1, deletedEvery: 20 })
  const raw = createRawStore(db)
  const { normalizePage } = createNormalizer(db, [BENCH_SOURCE])
  const t0 = performance.now()
  let lastLog = t0
  for (let start = 0; start < n; start += PAGE) {
    const records: RawRecord[] = []
    for (let i = start; i < Math.min(n, start + PAGE); i++) {
      const r = repository.records.record(i)
      records.push({ identifier: r.identifier, datestamp: r.datestamp, setSpecs: r.setSpecs, deleted: r.deleted, metadata: r.deleted ? null : r.formats.oai_dc ?? null, problem: null })
    }
    db.$client.transaction(() => {
      raw.putRecords(BENCH_SOURCE.id, records, at, 1)
      normalizePage(records.map((r) => ({
        sourceId: BENCH_SOURCE.id, identifier: r.identifier, datestamp: r.datestamp, status: r.deleted ? 'deleted' as const : 'live' as const,
        metadata: r.metadata, harvestedAt: at, setSpecs: r.setSpecs.join(' '),
      })), at, BENCH_SOURCE.metadataPrefix)
    })()
    const now = performance.now()
    const stored = Math.min(n, start + PAGE)
    if (now - lastLog > 15_000 || stored === n) {
      lastLog = now
      const rate = stored / ((now - t0) / 1000)
      log(`stored + normalized ${stored.toLocaleString('en-US')} / ${n.toLocaleString('en-US')} (${Math.round(rate).toLocaleString('en-US')} records/s, ETA ${Math.round((n - stored) / rate)} s)`)
    }
  }
  // What createApp's middleware does on the first request, with the same institution of the source.
  log('refreshing the entity index (what the API\'s first request would do)…')
  const t1 = performance.now()
  const indexed = refreshEntityIndex(db, { institutionOfSource: (id) => (id === BENCH_SOURCE.id ? BENCH_SOURCE.id : null) })
  log(`indexed ${indexed.toLocaleString('en-US')} entities in ${((performance.now() - t1) / 1000).toFixed(0)} s`)
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
}

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1)

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' } } })
  const result = await ensureDatabase(Number(values.records), (line) => process.stderr.write(`[build] ${line}\n`))
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
