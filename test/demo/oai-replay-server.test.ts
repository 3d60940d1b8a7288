// The replay data provider over the real demo corpus, on loopback: every verb, paging, dates, sets, errors, tombstones.
import { request as httpRequest } from 'node:http'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemoRepositories, type DemoSource } from '../../src/demo/demo-corpus.ts'
import { loadReplayRepository, startReplayServer, type ReplayRecord, type ReplayRepository, type ReplayServer } from '../../src/demo/oai-replay-server.ts'
import { readOai } from '../support/read-oai.ts'
import { scratchDir } from '../support/scratch-dir.ts'

const demoDir = fileURLToPath(new URL('../../data/demo', import.meta.url))
const fixedNow = new Date('2026-03-01T12:34:56.789Z')

let demo: DemoSource[]
let conicet: ReplayServer
let lareferencia: ReplayServer
let perucris: ReplayServer

const sourceOf = (id: string) => demo.find((d) => d.id === id)!
const oai = async (baseUrl: string, query: string) => {
  const res = await fetch(`${baseUrl}?${query}`)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/xml/)
  return readOai(await res.text())
}

beforeAll(async () => {
  demo = loadDemoRepositories()
  conicet = await startReplayServer(sourceOf('demo-conicet-digital-oai-dc').repository, { pageSize: 30, setsPageSize: 30, now: () => fixedNow })
  lareferencia = await startReplayServer(sourceOf('demo-lareferencia-examples-xoai').repository, { now: () => fixedNow })
  perucris = await startReplayServer(sourceOf('demo-perucris-example-cerif-perucris').repository, { pageSize: 3 })
})
afterAll(async () => {
  await Promise.all([conicet, lareferencia, perucris].map((s) => s.close()))
})

describe('the demo corpus', () => {
  it('has one source per demo repository and format, with the records of the copied files', () => {
    const summary = demo.map((d) => [d.id, d.metadataPrefix, d.repository.records.length, d.repository.records.filter((r) => r.deleted).length])
    expect(summary).toEqual([
      ['demo-conicet-digital-oai-dc', 'oai_dc', 100, 2],
      ['demo-perucris-example-cerif-perucris', 'cerif_perucris', 16, 0],
      ['demo-lareferencia-examples-xoai', 'xoai', 4, 0],
      ['demo-openaire-sample-oai-openaire', 'oai_openaire', 1, 0],
    ])
    expect(loadDemoRepositories(join(demoDir, '..')).map((d) => d.id)).toEqual(demo.map((d) => d.id))
  })

  it('keeps each metadata payload as the exact text of the file', () => {
    const file = readFileSync(join(demoDir, 'conicet/conicet-ar-getrecord-oai_dc.xml'), 'utf8')
    const record = sourceOf('demo-conicet-digital-oai-dc').repository.records.find((r) => r.identifier === 'oai:ri.conicet.gov.ar:11336/149241')!
    expect(record.formats.oai_dc).toMatch(/^<oai_dc:dc [^>]*>[\s\S]*<\/oai_dc:dc>$/)
    expect(file).toContain(record.formats.oai_dc)
    const cerifFiles = readdirSync(join(demoDir, 'perucris')).map((name) => readFileSync(join(demoDir, 'perucris', name), 'utf8'))
    for (const r of sourceOf('demo-perucris-example-cerif-perucris').repository.records) {
      expect(cerifFiles.some((file) => file.includes(r.formats.cerif_perucris!)), r.identifier).toBe(true)
    }
    const xoai = sourceOf('demo-lareferencia-examples-xoai').repository.records.find((r) => r.identifier === 'oai:redi.anii.org.uy:20.500.12381/2671')!
    expect(xoai.datestamp).toBe('2022-12-20T15:18:22Z')
    expect(xoai.formats.xoai).toMatch(/^<metadata xmlns="http:\/\/www.lyncode.com\/xoai"[\s\S]*<\/metadata>$/)
  })

  it('keeps the tombstones of the list page as deleted headers with their sets', () => {
    const deleted = sourceOf('demo-conicet-digital-oai-dc').repository.records.filter((r) => r.deleted)
    expect(deleted.map((r) => r.identifier).sort()).toEqual(['oai:ri.conicet.gov.ar:11336/177888', 'oai:ri.conicet.gov.ar:11336/235922'])
    expect(deleted.every((r) => r.setSpecs.length > 0)).toBe(true)
  })
})

describe('Identify and the envelope', () => {
  it('describes the repository at the URL it is served from, with a responseDate in whole seconds', async () => {
    const doc = await oai(conicet.baseUrl, 'verb=Identify')
    expect(doc.rootName).toBe('OAI-PMH')
    expect(doc.responseDate).toBe('2026-03-01T12:34:56Z')
    expect(doc.request).toEqual({ url: conicet.baseUrl, attributes: { verb: 'Identify' } })
    expect(doc.identify.baseURL).toEqual([conicet.baseUrl])
    expect(doc.identify.repositoryName).toEqual(['CONICET Digital'])
    expect(doc.identify.deletedRecord).toEqual(['transient'])
    expect(doc.identify.earliestDatestamp).toEqual(['2015-04-21T14:44:27Z'])
    expect(doc.identify.compression).toEqual(['gzip'])
  })

  it('answers POST with a form body exactly as GET', async () => {
    const query = 'verb=GetRecord&identifier=oai%3Ari.conicet.gov.ar%3A11336%2F149241&metadataPrefix=oai_dc'
    const get = await (await fetch(`${conicet.baseUrl}?${query}`)).text()
    const post = await (await fetch(conicet.baseUrl, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: query })).text()
    expect(post).toBe(get)
    expect(readOai(get).headers[0]!.datestamp).toBe('2021-12-23T16:03:17Z')
  })

  it('sends gzip only to a harvester that asks for it', async () => {
    const raw = (encoding?: string) => new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
      httpRequest(`${conicet.baseUrl}?verb=Identify`, { headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }))
      }).on('error', reject).end()
    })
    const plain = await raw()
    expect(plain.encoding).toBeUndefined()
    expect(plain.body.subarray(0, 5).toString()).toBe('<?xml')
    const zipped = await raw('gzip;q=1.0, identity;q=0.5')
    expect(zipped.encoding).toBe('gzip')
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true)
    expect((await raw('gzip;q=0')).encoding).toBeUndefined()
  })
})

describe('ListRecords and ListIdentifiers', () => {
  it('pages the whole list with stateless tokens, cursor and completeListSize, ending with an empty token', async () => {
    const seen: string[] = []
    const tokens: NonNullable<ReturnType<typeof readOai>['token']>[] = []
    let doc = await oai(conicet.baseUrl, 'verb=ListRecords&metadataPrefix=oai_dc')
    for (;;) {
      seen.push(...doc.headers.map((h) => h.identifier))
      expect(doc.headers.every((h) => h.hasMetadata === !h.deleted)).toBe(true)
      tokens.push(doc.token!)
      if (doc.token!.value === '') break
      doc = await oai(conicet.baseUrl, `verb=ListRecords&resumptionToken=${encodeURIComponent(doc.token!.value)}`)
      expect(Object.keys(doc.request.attributes)).toEqual(['verb', 'resumptionToken'])
    }
    expect(tokens.map((t) => [t.cursor, t.completeListSize])).toEqual([['0', '100'], ['30', '100'], ['60', '100'], ['90', '100']])
    expect(new Set(seen).size).toBe(100)
    expect([...seen].sort()).toEqual(seen)
  })

  it('gives the same page when a token is re-issued, and rejects tokens it did not issue or for another verb', async () => {
    const first = await oai(conicet.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc')
    const token = encodeURIComponent(first.token!.value)
    const again = await (await fetch(`${conicet.baseUrl}?verb=ListIdentifiers&resumptionToken=${token}`)).text()
    expect(await (await fetch(`${conicet.baseUrl}?verb=ListIdentifiers&resumptionToken=${token}`)).text()).toBe(again)
    expect((await oai(conicet.baseUrl, `verb=ListRecords&resumptionToken=${token}`)).errors[0]!.code).toBe('badResumptionToken')
    expect((await oai(conicet.baseUrl, 'verb=ListRecords&resumptionToken=junk%2B%2F%3D')).errors[0]!.code).toBe('badResumptionToken')
    const mixed = await oai(conicet.baseUrl, `verb=ListRecords&resumptionToken=${token}&until=2000-02-05`)
    expect(mixed.errors.map((e) => e.code)).toEqual(['badArgument'])
    expect(mixed.request.attributes).toEqual({})
  })

  it('selects datestamps inclusively at both granularities and rejects illegal dates', async () => {
    const record = sourceOf('demo-conicet-digital-oai-dc').repository.records.find((r) => r.identifier.endsWith('/179477'))!
    const d = record.datestamp
    const exact = await oai(conicet.baseUrl, `verb=ListIdentifiers&metadataPrefix=oai_dc&from=${d}&until=${d}`)
    expect(exact.headers.map((h) => h.identifier)).toContain(record.identifier)
    const day = await oai(conicet.baseUrl, `verb=ListIdentifiers&metadataPrefix=oai_dc&from=${d.slice(0, 10)}&until=${d.slice(0, 10)}`)
    expect(day.headers.map((h) => h.identifier)).toContain(record.identifier)
    expect(day.headers.every((h) => h.datestamp.startsWith(d.slice(0, 10)))).toBe(true)
    for (const bad of ['from=2024-01', 'from=2024-01-01T10:00Z', 'from=2024-01-01T10:00:00.5Z', 'from=2024-01-01T10:00:00%2B05:00',
      'until=2026-09-08T13:13:40.', 'from=2024-02-30', 'from=2002-02-05&until=2002-02-06T05:35:00Z', 'from=2020-01-02&until=2020-01-01']) {
      const doc = await oai(conicet.baseUrl, `verb=ListRecords&metadataPrefix=oai_dc&${bad}`)
      expect(doc.errors.map((e) => e.code), bad).toEqual(['badArgument'])
    }
    expect((await oai(conicet.baseUrl, 'verb=ListRecords&metadataPrefix=oai_dc&until=2014-04-21')).errors[0]!.code).toBe('noRecordsMatch')
  })

  it('serves a day-granularity repository in days and refuses seconds', async () => {
    const days: ReplayRepository = { ...sourceOf('demo-conicet-digital-oai-dc').repository, granularity: 'YYYY-MM-DD' }
    const server = await startReplayServer(days, { pageSize: 500 })
    try {
      const list = await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-01-01')
      expect(list.headers.length).toBeGreaterThan(0)
      expect(list.headers.every((h) => /^\d{4}-\d\d-\d\d$/.test(h.datestamp))).toBe(true)
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2021-01-01T00:00:00Z')).errors[0]!.code).toBe('badArgument')
    } finally {
      await server.close()
    }
  })

  it('filters by set, including descendant sets, and says noSetHierarchy where there are none', async () => {
    const fundings = await oai(perucris.baseUrl, 'verb=ListRecords&metadataPrefix=cerif_perucris&set=perucris_fundings')
    expect(fundings.headers).toHaveLength(3)
    expect(fundings.token).toMatchObject({ completeListSize: '4', cursor: '0' })
    expect(fundings.headers.every((h) => h.setSpecs.includes('perucris_fundings'))).toBe(true)
    // The orgunits sample files four of its five records under a set its own ListSets does not list.
    const orgunits = await oai(perucris.baseUrl, 'verb=ListIdentifiers&metadataPrefix=cerif_perucris&set=perucris_cris_orgunits')
    expect(orgunits.headers).toHaveLength(3)
    expect(orgunits.token).toMatchObject({ completeListSize: '4' })
    expect((await oai(perucris.baseUrl, 'verb=ListRecords&metadataPrefix=cerif_perucris&set=perucris')).errors[0]!.code).toBe('noRecordsMatch')
    expect((await oai(lareferencia.baseUrl, 'verb=ListSets')).errors[0]!.code).toBe('noSetHierarchy')
    expect((await oai(lareferencia.baseUrl, 'verb=ListRecords&metadataPrefix=xoai&set=a')).errors[0]!.code).toBe('noSetHierarchy')

    const tree = tinyRepository([
      record('oai:x:1', '2024-01-01T00:00:00Z', ['com_1']),
      record('oai:x:2', '2024-01-02T00:00:00Z', ['com_1:col_2']),
      record('oai:x:3', '2024-01-03T00:00:00Z', ['com_10:col_3']),
    ])
    const server = await startReplayServer(tree)
    try {
      const parent = await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=com_1')
      expect(parent.headers.map((h) => h.identifier)).toEqual(['oai:x:1', 'oai:x:2'])
      const child = await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=com_1:col_2')
      expect(child.headers.map((h) => h.identifier)).toEqual(['oai:x:2'])
    } finally {
      await server.close()
    }
  })

  it('pages ListSets', async () => {
    const specs: string[] = []
    let doc = await oai(conicet.baseUrl, 'verb=ListSets')
    for (;;) {
      specs.push(...doc.sets)
      if (!doc.token || doc.token.value === '') break
      doc = await oai(conicet.baseUrl, `verb=ListSets&resumptionToken=${doc.token.value}`)
    }
    expect(specs).toHaveLength(100)
    expect(specs[0]).toBe('snrd')
  })
})

describe('errors', () => {
  it('answers badVerb and badArgument with a bare request element, and lists every bad argument', async () => {
    for (const query of ['', 'verb=identify', 'verb=Identify&verb=Identify', 'junk=1']) {
      const doc = await oai(conicet.baseUrl, query)
      expect(doc.errors.map((e) => e.code), query).toEqual(['badVerb'])
      expect(doc.request.attributes).toEqual({})
    }
    const cases: Record<string, number> = {
      'verb=Identify&foo=1': 1,
      'verb=ListRecords': 1,
      'verb=GetRecord&identifier=X': 1,
      'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc': 1,
      'verb=ListRecords&metadataPrefix=oai_dc&set=': 1,
      'verb=ListIdentifiers&metadataPrefix=oai_dc&identifier=x&from=junk': 2,
      'verb=GetRecord&resumptionToken=x': 3,
    }
    for (const [query, count] of Object.entries(cases)) {
      const doc = await oai(conicet.baseUrl, query)
      expect(doc.errors.map((e) => e.code), query).toEqual(Array(count).fill('badArgument'))
      expect(doc.request.attributes).toEqual({})
    }
  })

  it('keeps the request attributes for the other errors, escaped', async () => {
    const unknown = await oai(conicet.baseUrl, 'verb=GetRecord&identifier=invalid%22id&metadataPrefix=oai_dc')
    expect(unknown.errors[0]!.code).toBe('idDoesNotExist')
    expect(unknown.request.attributes.identifier).toBe('invalid"id')
    expect((await oai(conicet.baseUrl, 'verb=ListRecords&metadataPrefix=nonexistent')).errors[0]!.code).toBe('cannotDisseminateFormat')
    expect((await oai(conicet.baseUrl, 'verb=GetRecord&identifier=oai:ri.conicet.gov.ar:11336/149241&metadataPrefix=nonexistent')).errors[0]!.code)
      .toBe('cannotDisseminateFormat')
    expect((await oai(conicet.baseUrl, 'verb=ListMetadataFormats&identifier=oai:nowhere:1')).errors[0]!.code).toBe('idDoesNotExist')
    const formats = await oai(conicet.baseUrl, 'verb=ListMetadataFormats&identifier=oai:ri.conicet.gov.ar:11336/149241')
    expect(formats.formats).toEqual(['oai_dc'])
  })

  it('answers noMetadataFormats for an item with no format at all', async () => {
    const server = await startReplayServer(tinyRepository([{ ...record('oai:x:1', '2024-01-01T00:00:00Z', []), formats: {} }]))
    try {
      expect((await oai(server.baseUrl, 'verb=ListMetadataFormats&identifier=oai:x:1')).errors[0]!.code).toBe('noMetadataFormats')
    } finally {
      await server.close()
    }
  })
})

describe('deletions and a repository that changes between harvests', () => {
  it('returns a tombstone for a deleted record, and hides it when deletedRecord is no', async () => {
    const gone = await oai(conicet.baseUrl, 'verb=GetRecord&identifier=oai:ri.conicet.gov.ar:11336/235922&metadataPrefix=oai_dc')
    expect(gone.headers[0]).toMatchObject({ deleted: true, hasMetadata: false })
    const repo = tinyRepository([record('oai:x:1', '2024-01-01T00:00:00Z', []), { ...record('oai:x:2', '2024-01-02T00:00:00Z', []), deleted: true, formats: {} }])
    const server = await startReplayServer(() => repo)
    try {
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).headers.map((h) => h.deleted)).toEqual([false, true])
      repo.deletedRecord = 'no'
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).headers.map((h) => h.identifier)).toEqual(['oai:x:1'])
      expect((await oai(server.baseUrl, 'verb=GetRecord&identifier=oai:x:2&metadataPrefix=oai_dc')).errors[0]!.code).toBe('idDoesNotExist')
    } finally {
      await server.close()
    }
  })

  it('serves records added, deleted or removed after it started (late indexing, withdrawal, vanishing)', async () => {
    let repo = tinyRepository([record('oai:x:1', '2024-01-01T00:00:00Z', [])])
    const server = await startReplayServer(() => repo)
    try {
      repo.records.push(record('oai:x:0', '2023-06-01T00:00:00Z', []))
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2023-01-01')).headers.map((h) => h.identifier)).toEqual(['oai:x:0', 'oai:x:1'])
      repo.records[0]!.deleted = true
      repo.records[0]!.datestamp = '2024-02-01T00:00:00Z'
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2024-02-01')).headers[0]).toMatchObject({ identifier: 'oai:x:1', deleted: true })
      repo = tinyRepository([])
      expect((await oai(server.baseUrl, 'verb=ListIdentifiers&metadataPrefix=oai_dc')).errors[0]!.code).toBe('noRecordsMatch')
    } finally {
      await server.close()
    }
  })
})

describe('loading response files', () => {
  it('adds namespace declarations a metadata root borrows from the envelope, and normalises datestamps', () => {
    const dir = scratchDir('replay-')
    writeFileSync(join(dir, 'page.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/">
  <responseDate>2024-01-01T00:00:00Z</responseDate>
  <request verb="ListRecords" metadataPrefix="oai_dc">https://example.org/oai</request>
  <ListRecords>
    <record><header><identifier>oai:example.org:1</identifier><datestamp>2023-04-14 09:48:01.987</datestamp></header>
      <metadata><oai_dc:dc><dc:title>Perú &amp; más</dc:title></oai_dc:dc></metadata></record>
    <record><header><identifier>oai:example.org:2</identifier><datestamp>2023-04-14T09:48:01-05:00</datestamp></header>
      <metadata><record><title>wrapper in the OAI namespace</title></record></metadata></record>
  </ListRecords>
</OAI-PMH>
`)
    const repo = loadReplayRepository(dir)
    const [one, two] = repo.records
    expect(one!.formats.oai_dc).toBe('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Perú &amp; más</dc:title></oai_dc:dc>')
    expect(one!.datestamp).toBe('2023-04-14T09:48:01Z')
    expect(two!.formats.oai_dc).toBe('<record xmlns="http://www.openarchives.org/OAI/2.0/"><title>wrapper in the OAI namespace</title></record>')
    expect(two!.datestamp).toBe('2023-04-14T14:48:01Z')
    expect(repo.repositoryName).toMatch(/^replay-/)
    expect(repo.formats.map((f) => f.metadataPrefix)).toEqual(['oai_dc'])
  })
})

function record(identifier: string, datestamp: string, setSpecs: string[]): ReplayRecord {
  return { identifier, datestamp, setSpecs, deleted: false, formats: { oai_dc: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>` } }
}

function tinyRepository(records: ReplayRecord[]): ReplayRepository {
  return {
    repositoryName: 'tiny',
    earliestDatestamp: '2020-01-01T00:00:00Z',
    granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: 'persistent',
    formats: [{ metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' }],
    sets: [{ setSpec: 'com_1', setName: 'one' }],
    records,
  }
}
