// The OAI-PMH conformance suite for /oai: anchors-harvest §3 (spec, guidelines, zimeon's validator), and every
// response collected here validates against OAI-PMH.xsd with its payload schemas (last test).
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/api/app.ts'
import { refreshEntityIndex } from '../../../src/db/entity-index.ts'
import { setSourceEnabled } from '../../../src/harvest/state.ts'
import { buildAggregate, collectNationalIds, type Aggregate } from './aggregate.ts'
import { validateOai } from './oai-xsd.ts'

const PAGE = 7
const BASE = 'http://redcti.test/oai'
const seconds = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const responses: string[] = []

let aggregate: Aggregate
let app: ReturnType<typeof createApp>

interface Answer { status: number; type: string | null; xml: string; headers: Headers }

async function send(target: ReturnType<typeof createApp>, query: string, init: RequestInit = {}, url = BASE): Promise<Answer> {
  const response = await target.request(init.method === 'POST' ? url : `${url}?${query}`, init.method === 'POST'
    ? { ...init, body: query, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(init.headers as Record<string, string> ?? {}) } }
    : init)
  const bytes = Buffer.from(await response.arrayBuffer())
  const xml = (response.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8')
  responses.push(xml)
  return { status: response.status, type: response.headers.get('content-type'), xml, headers: response.headers }
}
const oai = (query: string, init: RequestInit = {}) => send(app, query, init)

const errorCodes = (xml: string) => [...xml.matchAll(/<error code="(\w+)">/g)].map((m) => m[1])
const requestOf = (xml: string) => /<request[^>]*>[^<]*<\/request>/.exec(xml)![0]
const headers = (xml: string) => [...xml.matchAll(/<header( status="deleted")?><identifier>([^<]+)<\/identifier><datestamp>([^<]+)<\/datestamp>((?:<setSpec>[^<]+<\/setSpec>)*)<\/header>/g)]
  .map((m) => ({ identifier: m[2]!, datestamp: m[3]!, deleted: Boolean(m[1]), sets: [...m[4]!.matchAll(/<setSpec>([^<]+)</g)].map((s) => s[1]!) }))
const tokenOf = (xml: string) => /<resumptionToken([^>]*)(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(xml)
const withoutDate = (xml: string) => xml.replace(/<responseDate>[^<]+</, '<responseDate><')

/** Every page of a list: its headers, and each page's token attributes. */
async function walk(first: string): Promise<{ items: ReturnType<typeof headers>; tokens: { value: string; attrs: string }[] }> {
  const items: ReturnType<typeof headers> = []
  const tokens: { value: string; attrs: string }[] = []
  let query = first
  const verb = /verb=(\w+)/.exec(first)![1]
  while (true) {
    const { xml } = await oai(query)
    expect(errorCodes(xml)).toEqual([])
    items.push(...headers(xml))
    const token = tokenOf(xml)
    if (!token) break
    tokens.push({ value: token[2] ?? '', attrs: token[1]! })
    if (!token[2]) break
    query = `verb=${verb}&resumptionToken=${encodeURIComponent(token[2])}`
  }
  return { items, tokens }
}

beforeAll(async () => {
  aggregate = await buildAggregate({ disable: ['dspace-dim'] })
  // A data management plan: an item no format disseminates (noMetadataFormats).
  aggregate.db.$client.prepare(`INSERT INTO entities (id, kind, json, hash, deleted, members, created_at, modified_at)
    VALUES ('dmp-0000000000000001', 'dmp', '{"id":"dmp-0000000000000001","kind":"dmp","title":"Plan","created":"2024-01-01","language":"spa","provenance":[]}', 'x', 0, 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')`).run()
  app = createApp({ db: aggregate.db, sources: aggregate.sources, oai: { pageSize: PAGE, setsPageSize: 5 } })
})
afterAll(async () => { await aggregate?.close() })

describe('HTTP embedding (§3.1)', () => {
  it('answers GET and form-encoded POST alike, in any argument order, as text/xml with HTTP 200', async () => {
    const get = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=institution')
    const post = await oai('verb=ListRecords&metadataPrefix=oai_dc&set=institution', { method: 'POST' })
    const reordered = await oai('set=institution&metadataPrefix=oai_dc&verb=ListRecords')
    for (const a of [get, post, reordered]) {
      expect(a.status).toBe(200)
      expect(a.type).toBe('text/xml; charset=UTF-8')
    }
    expect(withoutDate(post.xml)).toBe(withoutDate(get.xml))
    expect(withoutDate(reordered.xml).replace(requestOf(reordered.xml), '')).toBe(withoutDate(get.xml).replace(requestOf(get.xml), ''))
    const identify = await oai('verb=Identify', { method: 'POST' })
    expect(identify.xml).toContain('<Identify>')
  })

  it('compresses with gzip only when asked with a non-zero q, and advertises it in Identify', async () => {
    const plain = await app.request(`${BASE}?verb=Identify`)
    expect(plain.headers.get('content-encoding')).toBeNull()
    const gzip = await oai('verb=Identify', { headers: { 'Accept-Encoding': 'gzip;q=1.0, identity;q=0.5' } })
    expect(gzip.headers.get('content-encoding')).toBe('gzip')
    expect(gzip.headers.get('vary')).toContain('Accept-Encoding')
    expect(gzip.xml).toContain('<compression>gzip</compression>')
    const refused = await app.request(`${BASE}?verb=Identify`, { headers: { 'Accept-Encoding': 'gzip;q=0' } })
    expect(refused.headers.get('content-encoding')).toBeNull()
  })

  it('refuses other methods with 405', async () => {
    const put = await app.request(`${BASE}?verb=Identify`, { method: 'PUT' })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toContain('POST')
  })
})

describe('envelope and Identify (§3.2, §4.2)', () => {
  it('writes the declaration, the root attributes, a UTC responseDate without fractions and the baseURL byte for byte', async () => {
    const { xml } = await oai('verb=Identify')
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">')).toBe(true)
    expect(/<responseDate>([^<]+)</.exec(xml)![1]).toMatch(seconds)
    expect(requestOf(xml)).toBe(`<request verb="Identify">${BASE}</request>`)
    expect(xml).toContain(`<baseURL>${BASE}</baseURL>`)
    expect(xml).toContain('<deletedRecord>persistent</deletedRecord>')
    expect(xml).toContain('<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>')
    expect(/<adminEmail>([^<]+)</.exec(xml)![1]).toMatch(/\S+@(\S+\.)+\S+/)
    expect([...xml.matchAll(/<oai-identifier /g)]).toHaveLength(1)
    expect(/<repositoryIdentifier>([^<]+)</.exec(xml)![1]).toMatch(/^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]+)+$/)
  })

  it('has a real earliestDatestamp: no datestamp is earlier', async () => {
    const earliest = /<earliestDatestamp>([^<]+)</.exec((await oai('verb=Identify')).xml)![1]!
    expect(earliest).toMatch(seconds)
    const { items } = await walk('verb=ListIdentifiers&metadataPrefix=oai_dc')
    expect(items.length).toBeGreaterThan(3 * PAGE)
    for (const item of items) {
      expect(item.datestamp).toMatch(seconds)
      expect(item.datestamp >= earliest).toBe(true)
    }
  })

  it('uses the public URL as baseURL and its host in identifiers when one is configured', async () => {
    const published = createApp({ db: aggregate.db, sources: aggregate.sources, publicUrl: 'https://redcti.example.pe/', oai: { pageSize: PAGE } })
    const identify = await send(published, 'verb=Identify')
    expect(identify.xml).toContain('<baseURL>https://redcti.example.pe/oai</baseURL>')
    expect(requestOf(identify.xml)).toBe('<request verb="Identify">https://redcti.example.pe/oai</request>')
    const list = await send(published, 'verb=ListIdentifiers&metadataPrefix=oai_dc')
    expect(headers(list.xml)[0]!.identifier).toMatch(/^oai:redcti\.example\.pe:ro-/)
  })
})

describe('errors (§3.6): HTTP 200, one element per problem, no echo after badVerb/badArgument', () => {
  const cases: [string, string[], boolean][] = [
    ['', ['badVerb'], false],
    ['verb=junk', ['badVerb'], false],
    ['verb=identify', ['badVerb'], false],
    ['verb=Identify&verb=Identify', ['badVerb'], false],
    ['verb=Identify&foo=1', ['badArgument'], false],
    ['verb=ListRecords', ['badArgument'], false],
    ['verb=GetRecord&identifier=X', ['badArgument'], false],
    ['verb=GetRecord&metadataPrefix=oai_dc', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=a&set=b', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=junk&until=junk', ['badArgument', 'badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00Z', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00.5Z', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-01-01T10:00:00%2B05:00', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&until=2026-09-08T13:13:40.', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2002-02-05&until=2002-02-06T05:35:00Z', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&from=2024-02-01&until=2024-01-01', ['badArgument'], false],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&identifier=x', ['badArgument'], false],
    ['verb=ListIdentifiers&resumptionToken=junk&until=2000-02-05', ['badArgument'], false],
    ['verb=ListRecords&metadataPrefix=oai_dc&resumptionToken=junk&until=1990-01-10', ['badArgument'], false],
    ['verb=GetRecord&resumptionToken=x', ['badArgument', 'badArgument', 'badArgument'], false],
    ['verb=ListRecords&resumptionToken=junk', ['badResumptionToken'], true],
    ['verb=ListSets&resumptionToken=junk', ['badResumptionToken'], true],
    ['verb=GetRecord&identifier=oai:redcti.localhost:ro-0000000000000000&metadataPrefix=nonexistent', ['cannotDisseminateFormat', 'idDoesNotExist'], true],
    ['verb=ListRecords&metadataPrefix=nonexistent', ['cannotDisseminateFormat'], true],
    ['verb=GetRecord&identifier=invalid%22id&metadataPrefix=oai_dc', ['idDoesNotExist'], true],
    ['verb=ListMetadataFormats&identifier=invalid%22id', ['idDoesNotExist'], true],
    ['verb=ListMetadataFormats&identifier=oai:redcti.localhost:dmp-0000000000000001', ['noMetadataFormats'], true],
    ['verb=ListRecords&metadataPrefix=oai_dc&set=institution:nowhere', ['noRecordsMatch'], true],
    ['verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01', ['noRecordsMatch'], true],
  ]
  for (const [query, codes, echo] of cases) {
    it(`${query || '(no arguments)'} → ${codes.join(', ')}`, async () => {
      const { status, type, xml } = await oai(query)
      expect(status).toBe(200)
      expect(type).toBe('text/xml; charset=UTF-8')
      expect(errorCodes(xml)).toEqual(codes)
      if (echo) expect(requestOf(xml)).toMatch(/^<request verb="\w+"/)
      else expect(requestOf(xml)).toBe(`<request>${BASE}</request>`)
    })
  }

  it('echoes an identifier with a quote as well-formed XML', async () => {
    const { xml } = await oai('verb=GetRecord&identifier=invalid%22id&metadataPrefix=oai_dc')
    expect(xml).toContain('identifier="invalid&quot;id"')
  })

  it('refuses tampered tokens, tokens of another verb and expired tokens', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')
    const token = tokenOf(first.xml)![2]!
    const tampered = token.slice(0, 5) + (token[5] === 'A' ? 'B' : 'A') + token.slice(6)
    expect(errorCodes((await oai(`verb=ListIdentifiers&resumptionToken=${tampered}`)).xml)).toEqual(['badResumptionToken'])
    expect(errorCodes((await oai(`verb=ListRecords&resumptionToken=${token}`)).xml)).toEqual(['badResumptionToken'])
    const sets = tokenOf((await oai('verb=ListSets')).xml)![2]!
    expect(errorCodes((await oai(`verb=ListRecords&resumptionToken=${sets}`)).xml)).toEqual(['badResumptionToken'])
    const later = createApp({ db: aggregate.db, sources: aggregate.sources, oai: { pageSize: PAGE }, now: () => new Date(Date.now() + 25 * 3600_000) })
    expect(errorCodes((await send(later, `verb=ListIdentifiers&resumptionToken=${token}`)).xml)).toEqual(['badResumptionToken'])
  })
})

describe('lists and flow control (§3.5)', () => {
  it('pages ListRecords with cursor, completeListSize and expirationDate, ends with an empty token, repeats nothing', async () => {
    const { items, tokens } = await walk('verb=ListRecords&metadataPrefix=oai_dc')
    expect(tokens.length).toBeGreaterThanOrEqual(3)
    expect(tokens[0]!.value).not.toBe('')
    tokens.forEach((t, page) => {
      expect(t.attrs).toContain(` cursor="${page * PAGE}"`)
      expect(t.attrs).toContain(` completeListSize="${items.length}"`)
      if (t.value) expect(/expirationDate="([^"]+)"/.exec(t.attrs)![1]).toMatch(seconds)
      if (t.value) expect(t.value).toMatch(/^[A-Za-z0-9_.-]+$/)
    })
    expect(tokens.at(-1)!.value).toBe('')
    expect(new Set(items.map((i) => i.identifier)).size).toBe(items.length)
    expect(items.some((i) => i.deleted)).toBe(true)
  })

  it('answers a re-issued token with the same page, and still accepts the previous token', async () => {
    const first = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')
    const t1 = tokenOf(first.xml)![2]!
    const second = await oai(`verb=ListIdentifiers&resumptionToken=${t1}`)
    const t2 = tokenOf(second.xml)![2]!
    await oai(`verb=ListIdentifiers&resumptionToken=${t2}`)
    const again = await oai(`verb=ListIdentifiers&resumptionToken=${t1}`)
    expect(headers(again.xml)).toEqual(headers(second.xml))
    expect(tokenOf(again.xml)![2]).toBe(t2)
  })

  it('puts a one-page list in one response without a token', async () => {
    const { xml } = await oai('verb=ListIdentifiers&metadataPrefix=cerif_perucris&set=perucris_projects')
    expect(headers(xml).length).toBeGreaterThan(0)
    expect(tokenOf(xml)).toBeNull()
  })

  it('pages ListSets too', async () => {
    const sets: string[] = []
    let query = 'verb=ListSets'
    while (true) {
      const { xml } = await oai(query)
      sets.push(...[...xml.matchAll(/<setSpec>([^<]+)</g)].map((m) => m[1]!))
      const token = tokenOf(xml)
      if (!token?.[2]) break
      query = `verb=ListSets&resumptionToken=${token[2]}`
    }
    expect(sets.length).toBeGreaterThan(5)
    expect(sets).toContain('institution')
    expect(sets).toContain('type:c_6501')
    expect(sets).toContain('institution:universidad-sintetica-del-peru')
    for (const s of sets) expect(s).toMatch(/^([A-Za-z0-9\-_.!~*'()])+(:[A-Za-z0-9\-_.!~*'()]+)*$/)
  })
})

describe('dates, sets, records and deletions (§2.4–2.7, §3.3)', () => {
  it('returns a record for from=until=its datestamp, and for its day', async () => {
    const item = headers((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc')).xml)[0]!
    const exact = await walk(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${item.datestamp}&until=${item.datestamp}`)
    expect(exact.items.map((i) => i.identifier)).toContain(item.identifier)
    const day = item.datestamp.slice(0, 10)
    const daily = await walk(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${day}&until=${day}`)
    expect(daily.items.map((i) => i.identifier)).toContain(item.identifier)
  })

  it('GetRecord gives a listed record the datestamp and sets the list gave, with metadata in the advertised schema and provenance', async () => {
    const item = headers((await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:universidad-sintetica-del-peru')).xml).find((i) => !i.deleted)!
    expect(item.sets).toContain('institution:universidad-sintetica-del-peru')
    const { xml } = await oai(`verb=GetRecord&identifier=${encodeURIComponent(item.identifier)}&metadataPrefix=oai_dc`)
    expect(headers(xml)[0]).toEqual(item)
    expect(xml).toContain('xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd"')
    const synthetic = aggregate.sources.find((s) => s.id === 'synthetic')!
    expect(xml).toMatch(new RegExp(`<about><provenance [^>]+><originDescription harvestDate="[^"]+" altered="true"><baseURL>${synthetic.baseUrl}</baseURL><identifier>oai:synthetic`))
    const openaire = await oai(`verb=GetRecord&identifier=${encodeURIComponent(item.identifier)}&metadataPrefix=oai_openaire`)
    expect(openaire.xml).toContain('<oaire:resource ')
    const cerif = await oai(`verb=GetRecord&identifier=${encodeURIComponent(item.identifier)}&metadataPrefix=cerif_perucris`)
    expect(errorCodes(cerif.xml)).toEqual(['cannotDisseminateFormat'])
    const formats = await oai(`verb=ListMetadataFormats&identifier=${encodeURIComponent(item.identifier)}`)
    expect([...formats.xml.matchAll(/<metadataPrefix>([^<]+)</g)].map((m) => m[1])).toEqual(['oai_dc', 'oai_openaire'])
  })

  it('keeps deletions as headers with status="deleted": in lists, in sets, and in GetRecord without metadata', async () => {
    const { items } = await walk('verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:universidad-sintetica-del-peru')
    const deleted = items.filter((i) => i.deleted)
    expect(deleted.length).toBeGreaterThanOrEqual(aggregate.deletedAtSource)
    const { xml } = await oai(`verb=GetRecord&identifier=${encodeURIComponent(deleted[0]!.identifier)}&metadataPrefix=oai_dc`)
    expect(xml).toContain('<header status="deleted">')
    expect(xml).not.toContain('<metadata>')
    expect(xml).not.toContain('<about>')
  })

  it('a parent set holds its children; CRIS entities are in their PerúCRIS sets in cerif_perucris', async () => {
    const all = (await walk('verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution')).items.map((i) => i.identifier)
    const child = (await walk('verb=ListIdentifiers&metadataPrefix=oai_dc&set=institution:conicet')).items.map((i) => i.identifier)
    expect(child.length).toBeGreaterThan(0)
    for (const id of child) expect(all).toContain(id)
    const persons = (await walk('verb=ListRecords&metadataPrefix=cerif_perucris&set=perucris_persons')).items
    expect(persons.length).toBeGreaterThan(0)
    for (const p of persons) expect(p.sets).toContain('perucris_persons')
    const articles = (await walk('verb=ListIdentifiers&metadataPrefix=oai_dc&set=type:c_6501')).items
    for (const a of articles.filter((i) => !i.deleted)) expect(a.sets).toContain('type:c_6501')
  })

  it("presents a disabled source's records as deletions dated after the switch, and brings them back when it is enabled", async () => {
    const dimIds = aggregate.db.$client.prepare("SELECT id FROM entity_index WHERE (' ' || sources || ' ') LIKE '% dspace-dim %' AND sources = 'dspace-dim'").pluck().all() as string[]
    expect(dimIds.length).toBeGreaterThan(0)
    const identifier = `oai:redcti.localhost:${dimIds[0]}`
    const before = headers((await oai(`verb=GetRecord&identifier=${identifier}&metadataPrefix=oai_dc`)).xml)[0]!
    expect(before.deleted).toBe(true)
    const modified = aggregate.db.$client.prepare('SELECT modified_at FROM entities WHERE id = ?').pluck().get(dimIds[0]) as string
    expect(before.datestamp >= modified).toBe(true)
    // An incremental harvester that harvested up to the switch hears of the deletion.
    const since = await walk(`verb=ListIdentifiers&metadataPrefix=oai_dc&from=${before.datestamp}`)
    expect(since.items.find((i) => i.identifier === identifier)?.deleted).toBe(true)

    await new Promise((resolve) => setTimeout(resolve, 1100))
    setSourceEnabled(aggregate.db, 'dspace-dim', true)
    const after = headers((await oai(`verb=GetRecord&identifier=${identifier}&metadataPrefix=oai_dc`)).xml)[0]!
    expect(after.deleted).toBe(false)
    expect(after.datestamp > before.datestamp).toBe(true)
    setSourceEnabled(aggregate.db, 'dspace-dim', false)
    const again = headers((await oai(`verb=GetRecord&identifier=${identifier}&metadataPrefix=oai_dc`)).xml)[0]!
    expect(again.deleted).toBe(true)
  })
})

describe('what goes out', () => {
  it('carries no national ID in any response', () => {
    refreshEntityIndex(aggregate.db, { institutionOfSource: () => null })
    const ids = collectNationalIds()
    expect(ids.size).toBeGreaterThanOrEqual(10)
    const all = responses.join('\n')
    expect(all).toContain('<Person ')
    for (const id of ids) expect(all, `a response holds ${id}`).not.toContain(id)
  })

  it('every response of this suite validates against OAI-PMH.xsd and the payload schemas', async () => {
    // The validator is no rubber stamp: an unknown verb echoed, an empty list and a foreign element in oai_dc fail it.
    const list = responses.find((r) => r.includes('<ListRecords>') && r.includes('<oai_dc:dc '))!
    const control = await validateOai([
      list.replace('<request verb="ListRecords"', '<request verb="ListEverything"'),
      list.replace(/<ListRecords>[\s\S]*<\/ListRecords>/, '<ListRecords></ListRecords>'),
      list.replace('<dc:title>', '<dc:titel>x</dc:titel><dc:title>'),
    ])
    expect(control.map((r) => r.valid)).toEqual([false, false, false])
    // The XSD allows fractions in responseDate; zimeon's validator does not (check_response_date).
    for (const r of responses) expect(/<responseDate>([^<]+)</.exec(r)![1]).toMatch(seconds)
    expect(responses.length).toBeGreaterThan(60)
    const results = await validateOai(responses)
    const failures = results.map((r, i) => ({ ...r, query: /<request[^>]*>/.exec(responses[i]!)?.[0] })).filter((r) => !r.valid)
    expect(failures).toEqual([])
  })
})
