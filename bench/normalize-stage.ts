// The normalize stage in one process, without HTTP or CLI start-up: µs per record for mapping alone, for
// `normalizeRecords` over a raw store, for harvest-like page transactions, and where a batch's time goes.
// Usage: npx tsx bench/normalize-stage.ts [--records=10000] [--reps=3] [--only=map,normalize,renormalize,page,breakdown]
//          [--page-size=100] [--pragma='cache_size=-65536'] [--sql='DROP INDEX …']   (the last two: experiments)
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openDb, type Db } from '../src/db/open.ts'
import { createRawStore } from '../src/db/raw-store.ts'
import { createClusterStore } from '../src/db/cluster-store.ts'
import { createFindingsStore } from '../src/db/findings-store.ts'
import { checkRecord } from '../src/compliance/check-record.ts'
import { createNormalizer, normalizeRecords } from '../src/normalize/normalize-records.ts'
import { mapRecord, type RawRow } from '../src/normalize/map-record.ts'
import { createMerge } from '../src/normalize/merge-entities.ts'
import type { MappingIssue } from '../src/model/index.ts'
import { syntheticRepository } from '../test/support/synthetic-repository.ts'
import type { RawRecord, Source } from '../harvesters/types.ts'

const { values } = parseArgs({ options: {
  records: { type: 'string', default: '10000' }, reps: { type: 'string', default: '3' }, only: { type: 'string' },
  'page-size': { type: 'string', default: '100' },
  pragma: { type: 'string', multiple: true, default: [] }, sql: { type: 'string', multiple: true, default: [] },
} })
const n = Number(values.records)
const reps = Number(values.reps)
const pageSize = Number(values['page-size'])
const only = values.only?.split(',')
const at = '2026-11-22T12:00:00Z'
const source: Source = { id: 'bench', baseUrl: 'http://127.0.0.1:1/oai', metadataPrefix: 'oai_dc' }
const context = { metadataPrefix: 'oai_dc', repositoryHost: '127.0.0.1:1' }

// The corpus `npm run bench` serves (about 2.7 KB of oai_dc per record, 5 % deleted), built in memory.
const repository = syntheticRepository({ records: n, seed: 1, deletedEvery: 20 })
const records: RawRecord[] = []
for (let i = 0; i < n; i++) {
  const r = repository.records.record(i)
  records.push({ identifier: r.identifier, datestamp: r.datestamp, setSpecs: r.setSpecs, deleted: r.deleted, metadata: r.deleted ? null : r.formats.oai_dc ?? null, problem: null })
}
const rows: RawRow[] = records.map((r) => ({
  sourceId: source.id, identifier: r.identifier, datestamp: r.datestamp, status: r.deleted ? 'deleted' : 'live', metadata: r.metadata, harvestedAt: at, setSpecs: r.setSpecs.join(' '),
}))

/** Bytes this process has handed to write() so far (Linux): what a design costs the WAL and the checkpoints. */
const written = () => { try { return Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]) } catch { return 0 } }
const cpu = () => { const u = process.cpuUsage(); return u.user + u.system }

type Figures = Record<string, number>
function time(run: () => void): Figures {
  const cpu0 = cpu()
  const wall0 = process.hrtime.bigint()
  const bytes0 = written()
  run()
  return { cpuUs: (cpu() - cpu0) / n, wallUs: Number(process.hrtime.bigint() - wall0) / 1000 / n, writtenKB: (written() - bytes0) / 1024 / n }
}

function freshDb(withRaw: boolean): { db: Db; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'redcti-normalize-bench-'))
  const db = openDb(join(dir, 'redcti.db'))
  for (const pragma of values.pragma) db.$client.pragma(pragma)
  for (const sql of values.sql) db.$client.exec(sql)
  if (withRaw) {
    const store = createRawStore(db)
    for (let i = 0; i < n; i += pageSize) db.$client.transaction(() => store.putRecords(source.id, records.slice(i, i + pageSize), at, 1))()
  }
  return { db, done: () => { db.$client.close(); rmSync(dir, { recursive: true, force: true }) } }
}

const stages: Record<string, () => Figures> = {
  map: () => time(() => { for (const row of rows) mapRecord(row, context) }),
  /** `redcti normalize` without start-up: every raw record mapped, checked, stored and merged, 500 per transaction. */
  normalize: () => {
    const { db, done } = freshDb(true)
    const t = time(() => normalizeRecords(db, [source], [source.id], at))
    done()
    return t
  },
  /** The same over copies that are all stored already (after a mapping fix, or `redcti check`). */
  renormalize: () => {
    const { db, done } = freshDb(true)
    normalizeRecords(db, [source], [source.id], at)
    const t = time(() => normalizeRecords(db, [source], [source.id], '2026-11-23T12:00:00Z'))
    done()
    return t
  },
  /** `redcti harvest` without HTTP: one transaction per page stores the raw records and normalizes them. */
  page: () => {
    const { db, done } = freshDb(false)
    const store = createRawStore(db)
    const { normalizePage } = createNormalizer(db, [source])
    const t = time(() => {
      for (let i = 0; i < n; i += pageSize) {
        db.$client.transaction(() => {
          store.putRecords(source.id, records.slice(i, i + pageSize), at, 1)
          normalizePage(rows.slice(i, i + pageSize), at, 'oai_dc')
        })()
      }
    })
    done()
    return t
  },
  /** Where a `normalize` batch's CPU goes: as normalizePage does it (DMP copies aside), step by step. */
  breakdown: () => {
    const { db, done } = freshDb(true)
    const store = createClusterStore(db, createMerge(() => false))
    const findings = createFindingsStore(db)
    const page = db.$client.prepare(`SELECT id, source_id AS sourceId, identifier, datestamp, status, metadata, harvested_at AS harvestedAt, set_specs AS setSpecs
      FROM raw_records WHERE source_id = ? AND id > ? ORDER BY id LIMIT 500`)
    const begin = db.$client.prepare('BEGIN')
    const commit = db.$client.prepare('COMMIT')
    const spent: Figures = { read: 0, map: 0, store: 0, check: 0, commit: 0 }
    const step = (name: string, run: () => void) => { const t = cpu(); run(); spent[name]! += cpu() - t }
    let after = 0
    while (true) {
      let batch: (RawRow & { id: number })[] = []
      step('read', () => { batch = page.all(source.id, after) as (RawRow & { id: number })[] })
      if (batch.length === 0) break
      after = batch[batch.length - 1]!.id
      let copies: ReturnType<typeof mapRecord>[] = []
      step('map', () => { copies = batch.map((row) => mapRecord(row, context)) })
      begin.run()
      step('store', () => store.putCopies(copies, at))
      step('check', () => {
        for (const copy of copies) findings.replace(copy.id, copy.sourceId, copy.status === 'mapped' && copy.entity ? checkRecord(copy.entity, copy.issues as MappingIssue[], at.slice(0, 10)) : [], at)
      })
      step('commit', () => commit.run())
    }
    done()
    return Object.fromEntries(Object.entries(spent).map(([k, v]) => [k, v / n]))
  },
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const [name, stage] of Object.entries(stages)) {
  if (only ? !only.includes(name) : name === 'breakdown') continue
  stage() // warm-up: JIT, vocabularies, compiled schemas
  const runs = Array.from({ length: reps }, stage)
  const figures = Object.fromEntries(Object.keys(runs[0]!).map((k) => [k, +median(runs.map((r) => r[k]!)).toFixed(1)]))
  console.log(JSON.stringify({ stage: name, records: n, median: figures, minCpuUs: name === 'breakdown' ? undefined : +Math.min(...runs.map((r) => r.cpuUs!)).toFixed(1) }))
}
