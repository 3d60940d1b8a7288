// The madmp protocol: maDMP documents from a folder (one, an array, NDJSON) or one HTTP URL on 127.0.0.1, every
// document kept (a broken one raw, with its diagnostic), and harvestMadmpSource marking what is no longer served.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { listDocuments, locate, type DocumentStep } from '../../harvesters/madmp/list-documents.ts'
import type { Source } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { openDb } from '../../src/db/open.ts'
import { harvestMadmpSource } from '../../src/harvest/harvest-madmp.ts'
import { listFailures } from '../../src/harvest/status.ts'
import { fakeClock } from '../support/fake-clock.ts'
import { sharedFixtures } from '../support/fixtures.ts'

const real = (name: string) => readFileSync(`${sharedFixtures}madmp/${name}`, 'utf8')
const fromDocs = (name: string) => readFileSync(new URL(`../normalize/fixtures/written-from-docs/${name}`, import.meta.url), 'utf8')

const minimal = real('ex8-dmp-minimal-content.json')
const long = real('ex9-dmp-long.json')
const embargo = real('ex4-dataset-embargo.json')
const peru = fromDocs('a Peruvian maDMP 1.2 for a PROCIENCIA-funded project with CSV and XLSX datasets and an embargo.json')
const v10 = fromDocs('a maDMP 1.0 with a funded project and a grant id.json')
/** One line of NDJSON: the document re-serialized without newlines. */
const line = (text: string) => JSON.stringify(JSON.parse(text))
const withoutId = (text: string) => { const d = JSON.parse(text); delete d.dmp.dmp_id; return JSON.stringify(d) }

const AT = '2026-11-22T12:00:00Z'
const cleanups: Array<() => unknown> = []
afterEach(async () => { for (const cleanup of cleanups.splice(0)) await cleanup() })

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'redcti-madmp-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return dir
}

const source = (baseUrl: string): Source => ({ id: 'pgd-test', baseUrl, metadataPrefix: 'madmp', protocol: 'madmp' })

async function steps(baseUrl: string): Promise<DocumentStep[]> {
  const clock = fakeClock(AT)
  const out: DocumentStep[] = []
  for await (const step of listDocuments(source(baseUrl), { clock, gate: new HostGate(clock) })) out.push(step)
  return out
}

function records(all: DocumentStep[]) {
  return all.map((s) => {
    if (s.kind !== 'record') throw new Error(`unexpected ${s.kind}: ${JSON.stringify(s.error)}`)
    return s.record
  })
}

// ─── a fixture server on 127.0.0.1 ─────────────────────────────────────────

interface Served { type?: string; body: string | Buffer; status?: number; encoding?: string }

async function serve(routes: Record<string, Served>): Promise<{ url: (path: string) => string; hits: string[] }> {
  const hits: string[] = []
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? '')
    const route = routes[req.url ?? '']
    if (!route) { res.writeHead(404, { 'content-type': 'text/plain' }).end('no such plan'); return }
    res.writeHead(route.status ?? 200, { 'content-type': route.type ?? 'application/json', ...(route.encoding ? { 'content-encoding': route.encoding } : {}) })
    res.end(route.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise((resolve) => server.close(resolve)))
  const { port } = server.address() as AddressInfo
  return { url: (path) => `http://127.0.0.1:${port}${path}`, hits }
}

// ─── listing ───────────────────────────────────────────────────────────────

describe('listDocuments reads a folder', () => {
  it('one document: keyed by its dmp_id, dated by dmp.modified in UTC seconds, its text kept as is', async () => {
    const dir = folder({ 'minimal.json': minimal })
    expect(records(await steps(dir))).toEqual([{
      identifier: '10.0000/00.0.1234', datestamp: '2019-02-06T15:30:42Z', setSpecs: [], deleted: false, metadata: minimal.trim(), problem: null,
    }])
    // A file: URL names the same folder.
    expect(records(await steps(pathToFileURL(dir).href)).map((r) => r.identifier)).toEqual(['10.0000/00.0.1234'])
  })

  it('a JSON array, NDJSON and JSON Lines files, in name order; other files, dot files and sub-folders are left alone', async () => {
    const dir = folder({
      'a-plans.json': `[${peru}, ${v10}]`,
      'b-more.ndjson': `${line(long)}\n\n${withoutId(minimal)}\r\n`,
      'c-tool.jsonl': `\uFEFF${line(embargo)}\n`,
      'README.md': '# not a plan',
      '.sync-conflict.json': '{}',
    })
    mkdirSync(join(dir, 'old.json'))
    const all = records(await steps(dir))
    expect(all.map((r) => [r.identifier, r.datestamp])).toEqual([
      ['https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', '2023-03-20T21:45:12Z'],
      ['https://dmp.ejemplo.edu.pe/plans/48213', '2021-06-15T09:30:00Z'],
      ['10.0000/00.0.1234', '2019-12-06T11:33:05Z'],
      // No dmp_id: the file name and the document's position (blank lines do not count).
      ['b-more.ndjson#1', '2019-02-06T15:30:42Z'],
      ['10.0000/00.0.1234', '2019-02-22T15:10:56Z'],
    ])
    // An array element is stored as its own JSON text: the same value, re-serialized.
    expect(JSON.parse(all[0]!.metadata!)).toEqual(JSON.parse(peru))
    expect(all[2]!.metadata).toBe(line(long))
    expect(all.every((r) => r.problem === null)).toBe(true)
  })

  it('NDJSON saved as *.json, and the DMPRoadmap API envelope { items: [ { dmp } ] }', async () => {
    const dir = folder({ 'export.json': `${line(peru)}\n${line(v10)}\n`, 'api.json': JSON.stringify({ page: 1, total_items: 1, items: [JSON.parse(v10)] }) })
    expect(records(await steps(dir)).map((r) => r.identifier)).toEqual(['https://dmp.ejemplo.edu.pe/plans/48213', 'https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', 'https://dmp.ejemplo.edu.pe/plans/48213'])
  })

  it('a broken document is kept raw with its diagnostic, which quotes nothing from it', async () => {
    const cut = '{"dmp": {"title": "Plan cortado", "contact": {"mbox": "privado@ejemplo.pe", "name": '
    const dir = folder({
      'broken.json': cut,
      'lines.ndjson': `${line(peru)}\n{"dmp": {"contact": {"mbox": "otra@ejemplo.pe"}} oops\n["a list"]\n`,
      'not-a-plan.json': '{"title": "Informe final", "authors": []}',
    })
    const all = records(await steps(dir))
    expect(all.map((r) => [r.identifier, r.problem])).toEqual([
      ['broken.json#0', expect.stringMatching(/^not valid JSON at line 1, column \d+: /)],
      ['https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', null],
      ['lines.ndjson#1', expect.stringMatching(/^not valid JSON at line 1, column \d+: /)],
      ['lines.ndjson#2', 'not a maDMP: a JSON array without a "dmp" object'],
      ['not-a-plan.json#0', 'not a maDMP: an object with keys "title", "authors" without a "dmp" object'],
    ])
    expect(all[0]!.metadata).toBe(cut)
    expect(all[0]!.datestamp).toBe(AT)
    expect(all.map((r) => r.problem ?? '').join(' ')).not.toContain('@')
  })

  it('a folder that does not exist is an error, not an empty listing', async () => {
    const all = await steps(join(tmpdir(), 'redcti-no-such-folder-4b1f'))
    expect(all).toEqual([{ kind: 'error', error: { kind: 'file', path: expect.stringContaining('redcti-no-such-folder-4b1f'), detail: 'no such file or folder' } }])
  })

  it('streams a large NDJSON file line by line', async () => {
    const doc = JSON.parse(minimal)
    const lines = Array.from({ length: 5000 }, (_, i) => { doc.dmp.dmp_id.identifier = `10.99999/pgd.${i}`; return JSON.stringify(doc) })
    const dir = folder({ 'many.ndjson': `${lines.join('\n')}\n` })
    const all = records(await steps(dir))
    expect(all).toHaveLength(5000)
    expect(all[4999]!.identifier).toBe('10.99999/pgd.4999')
  })

  it('tells a URL from a path', () => {
    expect(locate('https://dmp.example.pe/api/plans?format=ndjson')).toEqual({ kind: 'http', url: 'https://dmp.example.pe/api/plans?format=ndjson' })
    expect(locate('file:///srv/dmps')).toEqual({ kind: 'path', path: '/srv/dmps' })
    expect(locate('/srv/dmps')).toEqual({ kind: 'path', path: '/srv/dmps' })
    expect(locate('data/dmps')).toEqual({ kind: 'path', path: join(process.cwd(), 'data/dmps') })
  })
})

describe('listDocuments reads one HTTP URL', () => {
  it('each shape in one request: a single maDMP, an array, NDJSON (labelled or not), a gzipped body', async () => {
    const ndjson = `${line(peru)}\n${line(v10)}\n`
    const { url, hits } = await serve({
      '/plan.json': { body: minimal },
      '/plans.json': { body: `[${peru},${v10}]` },
      '/plans.ndjson': { type: 'application/x-ndjson', body: ndjson },
      '/export': { type: 'application/json', body: ndjson },
      '/plans.json.gz': { body: gzipSync(Buffer.from(`[${peru},${v10}]`)), encoding: 'gzip' },
    })
    const both = ['https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', 'https://dmp.ejemplo.edu.pe/plans/48213']
    expect(records(await steps(url('/plan.json'))).map((r) => r.identifier)).toEqual(['10.0000/00.0.1234'])
    expect(records(await steps(url('/plans.json'))).map((r) => r.identifier)).toEqual(both)
    expect(records(await steps(url('/plans.ndjson'))).map((r) => r.identifier)).toEqual(both)
    expect(records(await steps(url('/export'))).map((r) => r.identifier)).toEqual(both)
    expect(records(await steps(url('/plans.json.gz'))).map((r) => r.identifier)).toEqual(both)
    expect(hits).toEqual(['/plan.json', '/plans.json', '/plans.ndjson', '/export', '/plans.json.gz'])
  })

  it('a document without dmp_id served over HTTP is named after the URL path', async () => {
    const { url } = await serve({ '/pgd/exportar.ndjson': { type: 'application/x-ndjson', body: `${withoutId(minimal)}\n{oops\n` } })
    expect(records(await steps(url('/pgd/exportar.ndjson'))).map((r) => [r.identifier, r.problem === null])).toEqual([
      ['exportar.ndjson#0', true], ['exportar.ndjson#1', false],
    ])
  })

  it('an HTTP error is an error step, with the status', async () => {
    const { url } = await serve({})
    expect(await steps(url('/gone.json'))).toEqual([{ kind: 'error', error: { kind: 'http', url: url('/gone.json'), status: 404, detail: 'no such plan' } }])
  })
})

// ─── harvestMadmpSource ────────────────────────────────────────────────────

describe('harvestMadmpSource', () => {
  function setup(baseUrl: string) {
    const db = openDb(':memory:')
    cleanups.push(() => db.$client.close())
    const clock = fakeClock(AT)
    const src = source(baseUrl)
    return {
      db, clock,
      harvest: () => harvestMadmpSource(db, src, { clock }),
      stored: () => db.$client.prepare('SELECT identifier, status, problem IS NOT NULL AS broken FROM raw_records ORDER BY identifier').all() as { identifier: string; status: string; broken: number }[],
      problems: () => (db.$client.prepare('SELECT kind, detail, identifier FROM harvest_problems ORDER BY id').all() as { kind: string; detail: string; identifier: string | null }[]),
      normalized: () => db.$client.prepare('SELECT oai_identifier AS identifier, kind, status FROM normalized_records ORDER BY oai_identifier').all(),
      run: () => db.$client.prepare('SELECT mode, status, pages, records, message FROM harvest_runs ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>,
    }
  }

  it('stores every document (the broken one raw), normalizes them in the same transaction, and reports repeats', async () => {
    const dir = folder({ 'a.json': `[${peru}, ${v10}]`, 'b.ndjson': `${line(minimal)}\n${line(long)}\n{"dmp": 1\n` })
    const h = setup(dir)
    const outcome = await h.harvest()
    expect(outcome).toMatchObject({ status: 'finished', pages: 1, records: 5, message: '5 documents (1 not readable as maDMP) in 1 batches' })
    expect(h.run()).toMatchObject({ mode: 'full', status: 'finished', pages: 1, records: 5 })
    expect(h.stored()).toEqual([
      { identifier: '10.0000/00.0.1234', status: 'live', broken: 0 },
      { identifier: 'b.ndjson#2', status: 'live', broken: 1 },
      { identifier: 'https://dmp.ejemplo.edu.pe/plans/48213', status: 'live', broken: 0 },
      { identifier: 'https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', status: 'live', broken: 0 },
    ])
    // ex8 and ex9 share the example dmp_id: ex9, modified last, is the copy kept.
    const kept = h.db.$client.prepare("SELECT metadata FROM raw_records WHERE identifier = '10.0000/00.0.1234'").pluck().get() as string
    expect(JSON.parse(kept).dmp.title).toBe('DMP for our new project')
    expect(h.problems()).toEqual([
      { kind: 'duplicate-identifier', detail: 'b.ndjson#1 repeats the dmp_id of b.ndjson#0; the copy modified last is kept', identifier: '10.0000/00.0.1234' },
    ])
    expect(listFailures(h.db, 'pgd-test').map((f) => [f.kind, f.identifier, f.detail])).toEqual(expect.arrayContaining([
      ['unreadable', 'b.ndjson#2', expect.stringMatching(/^not valid JSON at line 1, column \d+/)],
      ['not-mapped', 'b.ndjson#2', expect.stringMatching(/^the metadata is not valid JSON/)],
    ]))
    expect(h.normalized()).toEqual([
      { identifier: '10.0000/00.0.1234', kind: 'dmp', status: 'mapped' },
      { identifier: 'b.ndjson#2', kind: 'unknown', status: 'failed' },
      { identifier: 'https://dmp.ejemplo.edu.pe/plans/48213', kind: 'dmp', status: 'mapped' },
      { identifier: 'https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', kind: 'dmp', status: 'mapped' },
    ])
  })

  it('a document no longer in the folder is marked vanished; an emptied folder marks nothing', async () => {
    const dir = folder({ 'peru.json': peru, 'v10.json': v10 })
    const h = setup(dir)
    expect((await h.harvest()).status).toBe('finished')
    rmSync(join(dir, 'v10.json'))
    const second = await h.harvest()
    expect(second.message).toBe('1 documents (0 not readable as maDMP) in 1 batches; 1 no longer served, marked vanished')
    expect(h.stored().map((r) => [r.identifier, r.status])).toEqual([
      ['https://dmp.ejemplo.edu.pe/plans/48213', 'vanished'],
      ['https://doi.org/10.99999/PGD.PROCIENCIA.2022.0042', 'live'],
    ])
    expect(h.normalized()).toContainEqual({ identifier: 'https://dmp.ejemplo.edu.pe/plans/48213', kind: 'unknown', status: 'deleted' })
    // An unmounted volume or an emptied export must not mass-delete.
    rmSync(join(dir, 'peru.json'))
    expect((await h.harvest()).status).toBe('finished')
    expect(h.stored().map((r) => r.status)).toEqual(['vanished', 'live'])
    expect(h.problems().at(-1)).toMatchObject({ kind: 'reconcile-skipped' })
  })

  it('a listing that fails marks nothing vanished and fails the run; the lock is released', async () => {
    const { url } = await serve({ '/plans.json': { body: `[${peru}]` } })
    const h = setup(url('/plans.json'))
    expect((await h.harvest()).status).toBe('finished')
    const broken = setup(url('/gone.json'))
    const failed = await broken.harvest()
    expect(failed).toMatchObject({ status: 'failed', message: `HTTP 404 from ${url('/gone.json')}: no such plan; nothing was marked as vanished` })
    const lock = broken.db.$client.prepare('SELECT lock_run_id FROM source_state').pluck().get()
    expect(lock).toBeNull()
  })

  it('a file it cannot read leaves the listing incomplete: the others are stored, nothing is marked vanished', async () => {
    const dir = folder({ 'peru.json': peru, 'v10.json': v10 })
    const h = setup(dir)
    await h.harvest()
    rmSync(join(dir, 'v10.json'))
    // A dangling link: listed with the folder, unreadable when opened.
    symlinkSync(join(dir, 'moved-away.json'), join(dir, 'v10.ndjson'))
    const outcome = await h.harvest()
    expect(outcome.message).toBe('1 documents (0 not readable as maDMP) in 1 batches; a file could not be read, so nothing was marked as vanished')
    expect(h.stored().map((r) => r.status)).toEqual(['live', 'live'])
    expect(h.problems().map((p) => p.kind)).toEqual(['file-unreadable', 'mark-kept'])
  })
})
