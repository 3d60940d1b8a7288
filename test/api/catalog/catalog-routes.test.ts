// /data.json, /catalog.jsonld, /catalog.ttl and /catalog over a harvested database: valid, in step with the data,
// and every URL they give answers.
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from '../support/harvested-db.ts'
import { setSourceEnabled } from '../../../src/harvest/state.ts'
import { podErrors } from './pod-validator.ts'
import { Graph, NS, parseJsonLd, parseTurtle, triplesOf } from './rdf-graph.ts'

const BASE = 'https://redcti.example.pe'
type Dataset = { identifier: string; title: string; modified?: string; distribution: { downloadURL?: string; accessURL?: string; mediaType: string }[] }

let harvested: HarvestedDb
let app: ReturnType<HarvestedDb['app']>

beforeAll(async () => {
  harvested = await harvestedDb()
  app = harvested.app({ publicUrl: BASE, catalog: { contactEmail: 'datosabiertos@concytec.gob.pe' } })
}, 120_000)

afterAll(async () => { await harvested?.close() })

async function dataJson(): Promise<{ dataset: Dataset[] }> {
  const response = await app.request('/data.json')
  expect(response.status).toBe(200)
  expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
  return await response.json() as { dataset: Dataset[] }
}

describe('the catalog routes', () => {
  it('serve a data.json that validates against POD v1.1, dated by the last change in the database', async () => {
    const document = await dataJson()
    expect(podErrors('catalog-non-federal', document)).toEqual([])
    const latest = harvested.db.$client.prepare("SELECT max(modified_at) FROM entity_index WHERE kind = 'research-output'").pluck().get() as string
    expect(document.dataset.find((d) => d.identifier === `${BASE}/catalog#dataset-outputs`)!.modified).toBe(latest)
    expect(JSON.stringify(document)).toContain('mailto:datosabiertos@concytec.gob.pe')
  })

  it('have one dataset per institution and per COAR type that /api/v1/indicators counts', async () => {
    const ids = new Set((await dataJson()).dataset.map((d) => d.identifier))
    const indicators = await (await app.request('/api/v1/indicators?by=institution,type')).json() as { by: Record<string, { value: string | null; count: number }[]> }
    const institutions = indicators.by.institution!.filter((n) => n.value !== null && n.count > 0)
    const types = indicators.by.type!.filter((n) => n.value !== null && n.count > 0)
    expect(institutions.length).toBeGreaterThan(1)
    expect(types.length).toBeGreaterThan(1)
    for (const n of institutions) expect(ids, n.value!).toContain(`${BASE}/catalog#dataset-outputs-institution-${n.value}`)
    for (const n of types) expect(ids, n.value!).toContain(`${BASE}/catalog#dataset-outputs-type-${n.value!.split('/').pop()}`)
    expect(ids.size).toBe(1 + institutions.length + types.length + 1 + [...ids].filter((id) => /#dataset-(dmps|projects|fundings|persons|organisations)$/.test(id)).length)
  })

  it('give download and access URLs that this server answers: gzip dumps with records, and API lists', async () => {
    const urls = new Set<string>()
    for (const d of (await dataJson()).dataset) for (const x of d.distribution) urls.add(x.downloadURL ?? x.accessURL!)
    expect(urls.size).toBeGreaterThan(20)
    for (const url of urls) {
      expect(url.startsWith(`${BASE}/`), url).toBe(true)
      const response = await app.request(url.slice(BASE.length))
      expect(response.status, url).toBe(200)
      if (url.includes('.gz')) {
        expect(response.headers.get('Content-Type'), url).toBe('application/gzip')
        const text = gunzipSync(Buffer.from(await response.arrayBuffer())).toString('utf8')
        expect(text.trim().length, `${url} is empty`).toBeGreaterThan(0)
      } else {
        await response.arrayBuffer()
      }
    }
  }, 60_000)

  it('serve DCAT-AP 3 as JSON-LD and Turtle that parse to the same graph, and /catalog by Accept', async () => {
    const jsonLdResponse = await app.request('/catalog.jsonld')
    expect(jsonLdResponse.headers.get('Content-Type')).toBe('application/ld+json')
    const turtleResponse = await app.request('/catalog.ttl')
    expect(turtleResponse.headers.get('Content-Type')).toBe('text/turtle; charset=utf-8')
    const turtle = await turtleResponse.text()
    const fromTurtle = triplesOf(parseTurtle(turtle))
    expect(triplesOf(await parseJsonLd(await jsonLdResponse.json() as object))).toEqual(fromTurtle)
    const g = new Graph(parseTurtle(turtle))
    expect(g.ofType(`${NS.dcat}Catalog`)).toEqual([`${BASE}/catalog`])
    expect(g.ofType(`${NS.dcat}Dataset`).length).toBe((await dataJson()).dataset.length)

    const negotiated = await app.request('/catalog', { headers: { Accept: 'text/turtle' } })
    expect(negotiated.headers.get('Content-Type')).toBe('text/turtle; charset=utf-8')
    expect(await negotiated.text()).toBe(turtle)
    expect((await app.request('/catalog')).headers.get('Content-Type')).toBe('application/ld+json')
  })

  it('answer 304 to a current ETag, 400 to an unknown parameter, 405 to other methods', async () => {
    const first = await app.request('/data.json')
    const etag = first.headers.get('ETag')!
    expect(first.headers.get('Last-Modified')).toBeTruthy()
    expect((await app.request('/data.json', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    const bad = await app.request('/catalog.ttl?page=2')
    expect(bad.status).toBe(400)
    expect(bad.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    expect((await app.request('/data.json', { method: 'POST' })).status).toBe(405)
  })

  it('leave out what disabled sources alone held, and change the ETag', async () => {
    const before = await app.request('/data.json')
    // The DSpace records written from the docs are the only records of their institution, in two formats.
    const dspace = harvested.sources.filter((s) => s.id.startsWith('docs-dspace-')).map((s) => s.id)
    const dataset = `${BASE}/catalog#dataset-outputs-institution-universidad-de-ejemplo-del-peru`
    expect(dspace).toHaveLength(2)
    for (const id of dspace) setSourceEnabled(harvested.db, id, false)
    try {
      const after = await app.request('/data.json')
      expect(after.headers.get('ETag')).not.toBe(before.headers.get('ETag'))
      expect(((await before.json()) as { dataset: Dataset[] }).dataset.map((d) => d.identifier)).toContain(dataset)
      const document = (await after.json()) as { dataset: Dataset[] }
      expect(document.dataset.map((d) => d.identifier)).not.toContain(dataset)
      expect(podErrors('catalog-non-federal', document)).toEqual([])
    } finally {
      for (const id of dspace) setSourceEnabled(harvested.db, id, true)
    }
    expect((await dataJson()).dataset.map((d) => d.identifier)).toContain(dataset)
  })
})
