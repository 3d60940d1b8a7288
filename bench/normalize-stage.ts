// The normalize stage in one process, without HTTP: µs per record (CPU and wall) for mapping alone, for
// `normalizeRecords` over a stored raw store, and for page transactions that store raw records and normalize them.
// Usage: npx tsx bench/normalize-stage.ts [--records=10000] [--reps=3] [--only=map,normalize,page,renormalize] [--pragma='cache_size=-65536']
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDb } from '../src/db/open.ts'
import { createRawStore } from '../src/db/raw-store.ts'
import { createNormalizer, normalizeRecords } from '../src/normalize/normalize-records.ts'
import { mapRecord, type RawRow } from '../src/normalize/map-record.ts'
import { syntheticRepository } from '../test/support/synthetic-repository.ts'
import type { RawRecord, Source } from '../harvesters/types.ts'

const { values } = parseArgs({ options: {
  records: { type: 'string', default: '10000' }, reps: { type: 'string', default: '3' }, only: { type: 'string' },
  'page-size': { type: 'string', default: '100' }, pragma: { type: 'string', multiple: true, default: [] },
} })
const n = Number(values.records)
const reps = Number(values.reps)
const pageSize = Number(values['page-size'])
const at = '2026-11-22T12:00:00Z'
const source: Source = { id: 'bench', baseUrl: 'http://127.0.0.1:1/oai', metadataPrefix: 'oai_dc' }

const repository = syntheticRepository({ records: n, seed: 1, deletedEvery: 20 })
const records: RawRecord[] = []
for (let i = 0; i < n; i++) {
  const r = repository.records.record(i)
  records.push({ identifier: r.identifier, datestamp: r.datestamp, setSpecs: r.setSpecs, deleted: r.deleted, metadata: r.deleted ? null : r.formats.oai_dc ?? null, problem: null })
}
const rows: RawRow[] = records.map((r) => ({
  sourceId: source.id, identifier: r.identifier, datestamp: r.datestamp, status: r.deleted ? 'deleted' : 'live', metadata: r.metadata, harvestedAt: at, setSpecs: r.setSpecs.join(' '),
}))

interface Timing { cpuUs: number; wallUs: number }
function time(run: () => void): Timing {
  const cpu0 = process.cpuUsage()
  const wall0 = process.hrtime.bigint()
  run()
  const wall = Number(process.hrtime.bigint() - wall0) / 1000
  const cpu = process.cpuUsage(cpu0)
  return { cpuUs: (cpu.user + cpu.system) / n, wallUs: wall / n }
}

function freshDb(withRaw: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'redcti-normalize-bench-'))
  const db = openDb(join(dir, 'redcti.db'))
  for (const pragma of values.pragma) db.$client.pragma(pragma)
  if (withRaw) {
    const store = createRawStore(db)
    for (let i = 0; i < records.length; i += pageSize) db.$client.transaction(() => store.putRecords(source.id, records.slice(i, i + pageSize), at, 1))()
  }
  return { db, done: () => { db.$client.close(); rmSync(dir, { recursive: true, force: true }) } }
}

const stages: Record<string, () => Timing> = {
  map: () => time(() => { for (const row of rows) mapRecord(row, { metadataPrefix: 'oai_dc', repositoryHost: '127.0.0.1:1' }) }),
  normalize: () => {
    const { db, done } = freshDb(true)
    const t = time(() => normalizeRecords(db, [source], [source.id], at))
    done()
    return t
  },
  renormalize: () => {
    const { db, done } = freshDb(true)
    normalizeRecords(db, [source], [source.id], at)
    const t = time(() => normalizeRecords(db, [source], [source.id], '2026-11-23T12:00:00Z'))
    done()
    return t
  },
  page: () => {
    const { db, done } = freshDb(false)
    const store = createRawStore(db)
    const { normalizePage } = createNormalizer(db, [source])
    const t = time(() => {
      for (let i = 0; i < records.length; i += pageSize) {
        db.$client.transaction(() => {
          const page = records.slice(i, i + pageSize)
          store.putRecords(source.id, page, at, 1)
          normalizePage(rows.slice(i, i + pageSize), at, 'oai_dc')
        })()
      }
    })
    done()
    return t
  },
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const [name, stage] of Object.entries(stages)) {
  if (values.only && !values.only.split(',').includes(name)) continue
  stage() // warm-up
  const runs = Array.from({ length: reps }, stage)
  console.log(JSON.stringify({ stage: name, records: n, cpuUsPerRecord: +median(runs.map((r) => r.cpuUs)).toFixed(1), wallUsPerRecord: +median(runs.map((r) => r.wallUs)).toFixed(1), runs: runs.map((r) => +r.cpuUs.toFixed(1)) }))
}
