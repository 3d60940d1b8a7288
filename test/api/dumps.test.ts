// Bulk dumps: gzip-compressed NDJSON and CSV that decompress to exactly the stored records (the aggregate, one
// source, one institution, a filter), streamed in batches so writers are never blocked while a client reads slowly.
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { iterateEntities } from '../../src/db/entity-queries.ts'
import { COLLECTIONS } from '../../src/api/collections.ts'
import { setSourceEnabled } from '../../src/harvest/state.ts'

let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>

beforeAll(async () => {
  h = await harvestedDb()
  app = h.app()
  await app.request('/api/v1/outputs')
})
afterAll(() => h.close())

async function download(path: string, headers: Record<string, string> = {}): Promise<{ response: Response; text: string }> {
  const response = await app.request(path, { headers })
  expect(response.status, path).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/gzip')
  return { response, text: gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8') }
}

const lines = (text: string) => text.split('\n').filter(Boolean)

describe('dumps', () => {
  it('the index lists every collection in both formats, per source and per institution, with counts', async () => {
    const index = (await (await app.request('/api/v1/dumps')).json()) as { dumps: { collection: string; format: string; url: string; records: number | null; scope: string }[] }
    for (const collection of Object.keys(COLLECTIONS)) {
      for (const format of ['ndjson', 'csv']) expect(index.dumps.some((d) => d.scope === 'all' && d.collection === collection && d.format === format)).toBe(true)
    }
    expect(index.dumps.find((d) => d.scope === 'all' && d.collection === 'outputs')!.records).toBe(111)
    expect(index.dumps.some((d) => d.url.endsWith('/api/v1/dumps/sources/demo-conicet-digital-oai-dc/outputs.ndjson.gz'))).toBe(true)
    expect(index.dumps.some((d) => d.url.endsWith('/api/v1/dumps/institutions/la-referencia/outputs.csv.gz'))).toBe(true)
    for (const dump of index.dumps) expect((await app.request(dump.url.replace('http://localhost', ''))).status, dump.url).toBe(200)
  })

  it('NDJSON decompresses to exactly the stored records, for every collection', async () => {
    for (const [collection, kind] of Object.entries(COLLECTIONS)) {
      const { response, text } = await download(`/api/v1/dumps/${collection}.ndjson.gz`)
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${collection}.ndjson.gz"`)
      const expected = [...iterateEntities(h.db, { kind })].map((e) => JSON.stringify(e))
      expect(expected.length, collection).toBeGreaterThan(0)
      expect(lines(text), collection).toEqual(expected)
    }
  })

  it('CSV has one row per record, with the list\'s columns', async () => {
    const { text } = await download('/api/v1/dumps/outputs.csv.gz')
    const rows = parse(text, { columns: true }) as Record<string, string>[]
    const expected = [...iterateEntities(h.db, { kind: 'research-output' })]
    expect(rows.map((r) => r.id)).toEqual(expected.map((e) => e.id))
    const first = expected[0]!
    expect(rows[0]!.title).toBe(first.kind === 'research-output' ? first.titles[0]?.value : '')
    const dmps = parse((await download('/api/v1/dumps/dmps.csv.gz')).text, { columns: true }) as Record<string, string>[]
    expect(dmps.length).toBe([...iterateEntities(h.db, { kind: 'dmp' })].length)
  })

  it('per source, per institution and filtered dumps hold exactly their part', async () => {
    for (const source of h.sources) {
      const { text } = await download(`/api/v1/dumps/sources/${source.id}/outputs.ndjson.gz`)
      expect(lines(text), source.id).toEqual([...iterateEntities(h.db, { kind: 'research-output', sourceId: source.id })].map((e) => JSON.stringify(e)))
    }
    const laReferencia = lines((await download('/api/v1/dumps/institutions/la-referencia/outputs.ndjson.gz')).text)
    expect(laReferencia.length).toBe(4)
    const articles = lines((await download('/api/v1/dumps/outputs.ndjson.gz?type=c_6501&year=2010-')).text).map((l) => JSON.parse(l))
    expect(articles.length).toBeGreaterThan(0)
    expect(articles.every((a) => a.type.uri.endsWith('c_6501') && Number(a.issued.slice(0, 4)) >= 2010)).toBe(true)
    expect((await app.request('/api/v1/dumps/sources/nope/outputs.ndjson.gz')).status).toBe(404)
    expect((await app.request('/api/v1/dumps/sources/docs-madmp/outputs.ndjson.gz?source=x')).status).toBe(400)
    expect((await app.request('/api/v1/dumps/outputs.xml.gz')).status).toBe(404)
  })

  it('answers 304 to a current ETag, and HEAD without a body', async () => {
    const { response } = await download('/api/v1/dumps/outputs.ndjson.gz')
    const etag = response.headers.get('etag')!
    expect((await app.request('/api/v1/dumps/outputs.ndjson.gz', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    const head = await app.request('/api/v1/dumps/outputs.csv.gz', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers.get('content-disposition')).toContain('outputs.csv.gz')
  })

  it('streams in batches: a slow reader holds no statement open, so writers go on while it reads', async () => {
    // Enough records for many batches and many compressed blocks.
    const template = h.db.$client.prepare("SELECT json FROM entities WHERE kind = 'research-output' AND length(json) > 2000 LIMIT 1").pluck().get() as string
    const insert = h.db.$client.prepare("INSERT INTO entities (id, kind, json, hash, deleted, members, created_at, modified_at) VALUES (?, 'research-output', ?, ?, 0, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')")
    h.db.$client.transaction(() => {
      for (let i = 0; i < 6000; i++) {
        const id = `ro-zz${String(i).padStart(6, '0')}`
        const entity = JSON.parse(template)
        entity.id = id
        entity.titles = [{ value: `Synthetic record ${i} ${'x'.repeat(i % 97)}` }]
        insert.run(id, JSON.stringify(entity), `h${i}`)
      }
    })()
    const total = (h.db.$client.prepare("SELECT count(*) FROM entities WHERE kind = 'research-output' AND deleted = 0").pluck().get() as number)
    const response = await app.request('/api/v1/dumps/outputs.ndjson.gz')
    const reader = response.body!.getReader()
    const chunks: Uint8Array[] = []
    const first = await reader.read()
    chunks.push(first.value!)
    // Mid-stream: a write on the same connection (better-sqlite3 refuses writes while a statement iterates).
    expect(() => setSourceEnabled(h.db, 'docs-madmp', true)).not.toThrow()
    expect(() => h.db.$client.prepare("UPDATE entities SET json = json WHERE id = 'ro-zz000000'").run()).not.toThrow()
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value)
    expect(chunks.length).toBeGreaterThan(1)
    const text = gunzipSync(Buffer.concat(chunks)).toString('utf8')
    expect(lines(text).length).toBe(total)
    expect(new Set(lines(text).map((l) => JSON.parse(l).id)).size).toBe(total)
  })
})

describe('the gzip stream', () => {
  it('pulls records only as fast as the reader reads, and stops when the reader goes away', async () => {
    const { webStream } = await import('../../src/publish/stream.ts')
    let produced = 0
    let finished = false
    const records = function* () {
      try {
        for (let i = 0; i < 200_000; i++) { produced++; yield `{"id":"${i}","text":"${Math.random().toString(36).repeat(20)}"}\n` }
      } finally { finished = true }
    }
    const reader = webStream(records(), { gzip: true }).getReader()
    await reader.read()
    await new Promise((resolve) => setTimeout(resolve, 200))
    // A few compressed blocks' worth is buffered ahead, not the whole dump.
    expect(produced).toBeGreaterThan(0)
    expect(produced).toBeLessThan(20_000)
    await reader.cancel()
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(finished).toBe(true)
    expect(produced).toBeLessThan(20_000)
  })
})
