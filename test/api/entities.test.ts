// The entity collections of /api/v1 on a database filled through the real pipeline: filters, full text, keyset
// cursors that page through everything exactly once, the change feed with tombstones, conditional requests, formats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { normalizeRecords } from '../../src/normalize/normalize-records.ts'

/* eslint-disable @typescript-eslint/no-explicit-any */
type Problem = { detail: string; errors: { parameter: string; message: string }[] }
let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers })
const json = async (path: string) => {
  const response = await get(path)
  expect(response.status, `${path}: ${response.status}`).toBe(200)
  return (await response.json()) as { meta: Record<string, unknown>; links: { next: string | null }; items: Record<string, unknown>[] }
}
const count = (sql: string, ...args: unknown[]) => h.db.$client.prepare(sql).pluck().get(...args) as number

/** Follows next links to the end: every item of every page, in order. */
async function pageThrough(path: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = []
  let next: string | null = path
  for (let pages = 0; next; pages++) {
    expect(pages).toBeLessThan(500)
    const page = await json(next.replace(/^https?:\/\/[^/]+/, ''))
    items.push(...page.items)
    next = page.links.next
  }
  return items
}

beforeAll(async () => {
  h = await harvestedDb()
  app = h.app()
  await get('/api/v1/outputs') // the first request indexes what the harvest wrote
})
afterAll(() => h.close())

describe('lists and keyset cursors', () => {
  it('pages through every live output exactly once, whatever the sort', async () => {
    const live = count("SELECT count(*) FROM entities WHERE kind = 'research-output' AND deleted = 0")
    expect(live).toBeGreaterThan(100)
    for (const sort of ['id', 'modified', '-modified', 'year', '-year']) {
      const items = await pageThrough(`/api/v1/outputs?per_page=7&sort=${sort}`)
      const ids = items.map((i) => i.id)
      expect(new Set(ids).size, sort).toBe(ids.length)
      expect(ids.length, sort).toBe(live)
      if (sort === 'year' || sort === '-year') {
        const years = items.map((i) => (typeof i.issued === 'string' ? Number(i.issued.slice(0, 4)) : null))
        const known = years.filter((y): y is number => y !== null)
        expect(known).toEqual([...known].sort((a, b) => (sort === 'year' ? a - b : b - a)))
        // NULLs first ascending, last descending (SQLite's order, kept across pages).
        if (years.includes(null)) expect(sort === 'year' ? years[0] : years[years.length - 1]).toBeNull()
      }
    }
  })

  it('the next link carries every filter, and a cursor cannot be used with another query', async () => {
    const first = await json('/api/v1/outputs?per_page=5&type=c_6501&sort=-year')
    expect(first.links.next).toContain('type=c_6501')
    expect(first.links.next).toContain('sort=-year')
    expect(first.items.every((i) => (i.type as { uri: string }).uri === 'http://purl.org/coar/resource_type/c_6501')).toBe(true)
    const cursor = first.meta.next_cursor as string
    const other = await get(`/api/v1/outputs?per_page=5&type=c_3248&sort=-year&cursor=${cursor}`)
    expect(other.status).toBe(400)
    expect(other.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await other.json()) as Problem).errors[0]!.parameter).toBe('cursor')
  })

  it('filters by institution (name or slug), source, type, access, year range, language, OCDE area and DOI', async () => {
    const conicet = 'consejo-nacional-de-investigaciones-cientificas-y-tecnicas-conicet-argentina'
    const byName = await pageThrough(`/api/v1/outputs?per_page=200&institution=${conicet}`)
    expect(byName.length).toBe(98)
    // A name without commas is slugged as the index slugs it.
    expect((await pageThrough('/api/v1/outputs?per_page=200&institution=LA%20Referencia')).length).toBe(4)
    const bySource = await pageThrough('/api/v1/outputs?per_page=200&source=demo-conicet-digital-oai-dc')
    expect(bySource.map((i) => i.id).sort()).toEqual(byName.map((i) => i.id).sort())
    const open = await pageThrough('/api/v1/outputs?per_page=200&access=open')
    expect(open.length).toBeGreaterThan(0)
    expect(open.every((i) => (i.accessRight as { uri: string }).uri.endsWith('c_abf2'))).toBe(true)
    const range = await pageThrough('/api/v1/outputs?per_page=200&year=2015-2019')
    expect(range.length).toBe(count("SELECT count(*) FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND year BETWEEN 2015 AND 2019"))
    expect(range.every((i) => Number((i.issued as string).slice(0, 4)) >= 2015 && Number((i.issued as string).slice(0, 4)) <= 2019)).toBe(true)
    const from = await pageThrough('/api/v1/outputs?per_page=200&year=2020-')
    expect(from.every((i) => Number((i.issued as string).slice(0, 4)) >= 2020)).toBe(true)
    const spanish = await pageThrough('/api/v1/outputs?per_page=200&language=es')
    expect(spanish.length).toBeGreaterThan(0)
    expect(spanish.every((i) => (i.languages as string[])[0] === 'spa')).toBe(true)
    const theses = await pageThrough('/api/v1/outputs?per_page=200&type=http://purl.org/coar/resource_type/c_db06,c_bdcc,c_7a1f')
    expect(theses.length).toBeGreaterThanOrEqual(3)
    const withDoi = await pageThrough('/api/v1/outputs?per_page=200&has_doi=true')
    expect(withDoi.every((i) => (i.identifiers as { type: string }[]).some((x) => x.type === 'doi'))).toBe(true)
    const social = await pageThrough('/api/v1/outputs?per_page=200&ford_area=5')
    expect(social.every((i) => (i.ford as { code: string }[])[0]?.code.startsWith('5.'))).toBe(true)
    expect(social.length).toBe(count("SELECT count(*) FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND ford_area = '5.00.00'"))
  })

  it('a year range listed by id (read one year at a time, merged) pages through what a plain query finds, in id order', async () => {
    const plain = (extra: string, ...args: unknown[]) => h.db.$client.prepare(`SELECT id FROM entity_index WHERE kind = 'research-output' AND deleted = 0 ${extra} ORDER BY id`).pluck().all(...args) as string[]
    const article = 'http://purl.org/coar/resource_type/c_6501'
    const cases: [string, string[]][] = [
      ['type=c_6501&year=2010-2020', plain('AND type_uri = ? AND year BETWEEN 2010 AND 2020', article)],
      ['year=2015-', plain('AND year >= 2015')],
      ['year=-2012', plain('AND year <= 2012')],
      ['year=1000-1001', []],
      ['institution=consejo-nacional-de-investigaciones-cientificas-y-tecnicas-conicet-argentina&year=2018-2024', plain("AND institution = 'consejo-nacional-de-investigaciones-cientificas-y-tecnicas-conicet-argentina' AND year BETWEEN 2018 AND 2024")],
    ]
    for (const [query, expected] of cases) {
      const ids = (await pageThrough(`/api/v1/outputs?per_page=4&${query}`)).map((i) => i.id)
      expect(ids, query).toEqual(expected)
    }
    expect(cases[0]![1].length).toBeGreaterThan(8)
  })

  it('searches full text with FTS5, by relevance, and user syntax is only words', async () => {
    const caries = await json('/api/v1/outputs?q=caries')
    expect(caries.meta.sort).toBe('relevance')
    expect(caries.items.length).toBeGreaterThan(0)
    expect(JSON.stringify(caries.items[0]).toLowerCase()).toContain('caries')
    // Operators and quotes are searched as words, never parsed: no error, no syntax.
    for (const q of ['caries OR', '"caries', 'NEAR(caries', 'title:caries', 'caries*', '-caries', 'caries AND NOT dental']) {
      const response = await get(`/api/v1/outputs?q=${encodeURIComponent(q)}`)
      expect(response.status, q).toBe(200)
    }
    const prefix = await json('/api/v1/outputs?q=cari*')
    expect(prefix.items.length).toBeGreaterThanOrEqual(caries.items.length)
    const paged = await pageThrough('/api/v1/outputs?q=de&per_page=3')
    expect(new Set(paged.map((i) => i.id)).size).toBe(paged.length)
    expect(paged.length).toBe(count("SELECT count(*) FROM entity_text t JOIN entity_index i ON i.rowid = t.rowid WHERE entity_text MATCH '\"de\"' AND i.kind = 'research-output'"))
  })

  it('serves every collection with its item route; persons show only allow-listed fields', async () => {
    for (const collection of ['outputs', 'dmps', 'projects', 'fundings', 'persons', 'organisations']) {
      const list = await json(`/api/v1/${collection}?per_page=200`)
      expect(list.items.length, collection).toBeGreaterThan(0)
      const item = await get(`/api/v1/${collection}/${encodeURIComponent(list.items[0]!.id as string)}`)
      expect(item.status).toBe(200)
      expect(((await item.json()) as { id: string }).id).toBe(list.items[0]!.id)
    }
    const persons = await json('/api/v1/persons')
    for (const p of persons.items) expect(Object.keys(p).every((k) => ['id', 'kind', 'name', 'orcid', 'affiliations', 'provenance', 'modified'].includes(k))).toBe(true)
  })

  it('answers unknown and wrong-kind ids with problem+json 404s that say where to look', async () => {
    const missing = await get('/api/v1/outputs/ro-doesnotexist')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const person = (await json('/api/v1/persons')).items[0]!.id as string
    const wrong = await get(`/api/v1/outputs/${person}`)
    expect(wrong.status).toBe(404)
    expect(((await wrong.json()) as Problem).detail).toContain(`/api/v1/persons/${person}`)
    const nowhere = await get('/api/v1/nothing-here')
    expect(nowhere.status).toBe(404)
    expect(nowhere.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})

describe('conditional requests', () => {
  it('answers 304 to a current ETag or Last-Modified, and changes the ETag when the data changes', async () => {
    const first = await get('/api/v1/outputs?per_page=3')
    const etag = first.headers.get('etag')!
    const lastModified = first.headers.get('last-modified')!
    expect(etag).toBeTruthy()
    expect(lastModified).toMatch(/GMT$/)
    expect((await get('/api/v1/outputs?per_page=3', { 'If-None-Match': etag })).status).toBe(304)
    expect((await get('/api/v1/outputs?per_page=3', { 'If-Modified-Since': lastModified })).status).toBe(304)
    expect((await get('/api/v1/outputs?per_page=4', { 'If-None-Match': etag })).status).toBe(200)
    // Another representation of the same list has another tag.
    expect((await get('/api/v1/outputs?per_page=3', { Accept: 'text/csv' })).headers.get('etag')).not.toBe(etag)

    const item = (await json('/api/v1/outputs?per_page=1')).items[0]!
    const itemResponse = await get(`/api/v1/outputs/${item.id}`)
    expect(itemResponse.headers.get('last-modified')).toBe(new Date(item.modified as string).toUTCString())
    expect((await get(`/api/v1/outputs/${item.id}`, { 'If-None-Match': itemResponse.headers.get('etag')! })).status).toBe(304)
    // A person's tag says nothing of the stored record (it holds what the allow-list keeps out); an output's may.
    const person = (await json('/api/v1/persons?per_page=1')).items[0]!
    const personTag = (await get(`/api/v1/persons/${person.id}`)).headers.get('etag')!
    const personHash = h.db.$client.prepare('SELECT hash FROM entities WHERE id = ?').pluck().get(person.id) as string
    expect(personTag).toBeTruthy()
    expect(personTag).not.toContain(personHash.slice(0, 8))
    for (const path of ['/api/v1/sources', '/api/v1/indicators', '/api/v1/findings', '/api/v1/dumps', '/api/v1/reports']) {
      const r = await get(path)
      expect(r.headers.get('etag'), path).toBeTruthy()
      expect((await get(path, { 'If-None-Match': r.headers.get('etag')! })).status, path).toBe(304)
    }
  })
})

describe('formats', () => {
  it('negotiates JSON-LD (schema.org types with @context) and CSV by Accept or ?format=, and says 406 when it cannot', async () => {
    const ld = await get('/api/v1/outputs?per_page=200', { Accept: 'application/ld+json' })
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/)
    const doc = (await ld.json()) as any
    expect(doc['@context']).toBe('https://schema.org')
    const types = new Set(doc['@graph'].map((n: { '@type': string }) => n['@type']))
    expect(types).toContain('ScholarlyArticle')
    expect(types).toContain('Thesis')
    expect(types).toContain('Dataset')
    expect(types).toContain('Chapter')
    expect(doc['@graph'][0]['@id']).toMatch(/^http:\/\/localhost\/api\/v1\/outputs\//)
    const dmp = (await json('/api/v1/dmps')).items[0]!
    const dmpLd = (await (await get(`/api/v1/dmps/${dmp.id}?format=jsonld`)).json()) as any
    expect(dmpLd['@context']).toBe('https://schema.org')
    expect(dmpLd.hasPart.some((d: { '@type': string }) => d['@type'] === 'Dataset')).toBe(true)
    const project = (await json('/api/v1/projects')).items[0]!
    expect(((await (await get(`/api/v1/projects/${project.id}`, { Accept: 'application/ld+json' })).json()) as any)['@type']).toBe('ResearchProject')

    const csvResponse = await get('/api/v1/outputs?per_page=200&format=csv')
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/)
    const rows = parse(await csvResponse.text(), { columns: true }) as Record<string, string>[]
    const all = await json('/api/v1/outputs?per_page=200')
    expect(rows.map((r) => r.id)).toEqual(all.items.map((i) => i.id))
    const withCreators = all.items.find((i) => (i.creators as unknown[]).length > 1)!
    expect(rows.find((r) => r.id === withCreators.id)!.creators).toBe((withCreators.creators as { name: string }[]).map((c) => c.name).join(' | '))
    expect(parse(await (await get('/api/v1/fundings?format=csv')).text(), { columns: true })[0]).toHaveProperty('award_number')

    expect((await get('/api/v1/outputs', { Accept: 'text/csv;q=0, */*' })).headers.get('content-type')).toMatch(/^application\/json/)
    const refused = await get('/api/v1/outputs', { Accept: 'application/xml' })
    expect(refused.status).toBe(406)
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    const badFormat = await get('/api/v1/outputs?format=xml')
    expect(badFormat.status).toBe(400)
    expect(((await badFormat.json()) as Problem).errors[0]!.parameter).toBe('format')
  })
})

describe('the change feed', () => {
  it('lists changes after since= in modification order, deletions as tombstones {id, deleted: true}', async () => {
    const before = await pageThrough('/api/v1/outputs?since=2000-01-01&per_page=50')
    expect(before.length).toBe(count("SELECT count(*) FROM entity_index WHERE kind = 'research-output'"))
    const modified = before.map((i) => i.modified as string)
    expect(modified).toEqual([...modified].sort())
    const after = modified[modified.length - 1]!
    expect((await json(`/api/v1/outputs?since=${after}`)).items).toEqual([])

    // A repository deletes a record: the merged output becomes a tombstone, and the feed says so.
    const conicet = h.sources.find((s) => s.id === 'demo-conicet-digital-oai-dc')!
    const victim = h.db.$client.prepare("SELECT oai_identifier, cluster_id FROM normalized_records WHERE source_id = ? AND status = 'mapped' LIMIT 1").get(conicet.id) as { oai_identifier: string; cluster_id: string }
    const later = '2099-01-01T00:00:00Z'
    h.db.$client.transaction(() => createRawStore(h.db).putRecords(conicet.id, [{ identifier: victim.oai_identifier, datestamp: later, setSpecs: [], deleted: true, metadata: null, problem: null }], later, 99))()
    normalizeRecords(h.db, h.sources, [conicet.id], later)
    const feed = await json(`/api/v1/outputs?since=${encodeURIComponent(after)}`)
    expect(feed.items).toEqual([{ id: victim.cluster_id, deleted: true, modified: later }])
    // Filtered feeds carry every tombstone (a deleted entity has no facets left to filter on).
    expect((await json(`/api/v1/outputs?since=${encodeURIComponent(after)}&type=c_3248`)).items).toEqual(feed.items)
    const gone = await get(`/api/v1/outputs/${victim.cluster_id}`)
    expect(gone.status).toBe(410)
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await pageThrough('/api/v1/outputs?per_page=200')).some((i) => i.id === victim.cluster_id)).toBe(false)
    const wrongSort = await get('/api/v1/outputs?since=2020-01-01&sort=-year')
    expect(wrongSort.status).toBe(400)
  })
})
