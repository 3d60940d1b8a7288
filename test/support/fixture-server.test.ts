// The fixture server: a lazy deterministic generator, and a sample of fault switches checked on the wire.
import { spawn } from 'node:child_process'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { matchesFilter, type RecordFilter, type ReplayRepository } from '../../src/demo/replay-repository.ts'
import type { Faults, RecordFaultKind } from './fixture-faults.ts'
import { startFixtureServer, type FixtureServer } from './fixture-server.ts'
import { readOai } from './read-oai.ts'
import { syntheticDatestamp, syntheticRecord, syntheticRepository, type SyntheticSource } from './synthetic-repository.ts'

const all: RecordFilter = { metadataPrefix: 'oai_dc', includeDeleted: true }

describe('the synthetic repository', () => {
  it('builds record i the same whatever the size of the list', () => {
    const small = syntheticRepository({ records: 10 }).records
    const huge = syntheticRepository({ records: 1_000_000 }).records
    expect(huge.record(7)).toEqual(small.record(7))
    expect(huge.slice(all, 7, 1)[0]).toEqual(small.get('oai:synthetic.redcti.test:20.500.12345/7'))
    expect(syntheticRepository({ records: 10, seed: 2 }).records.record(7)).not.toEqual(small.record(7))
  })

  it('looks like a DSpace oai_dc page: ~2.5 KB records, about 5 % tombstones, datestamps out of identifier order', () => {
    const source = syntheticRepository({ records: 2000 }).records
    const records = source.slice(all, 0, 2000)
    const live = records.filter((r) => !r.deleted)
    const meanSize = live.reduce((sum, r) => sum + Buffer.byteLength(r.formats.oai_dc!), 0) / live.length
    expect(meanSize).toBeGreaterThan(2000)
    expect(meanSize).toBeLessThan(3500)
    expect(records.filter((r) => r.deleted)).toHaveLength(100)
    const sample = live[0]!.formats.oai_dc!
    for (const part of ['<dc:title>', 'ford#', 'info:eu-repo/semantics/', 'hdl.handle.net/20.500.12345/', 'doi.org/10.12345/', '<dc:language>spa', '<dc:rights>']) {
      expect(sample).toContain(part)
    }
    expect(records.some((r, i) => i > 0 && r.datestamp < records[i - 1]!.datestamp)).toBe(true)
  })

  it('serves a page deep in a million-record list without building the list', () => {
    const source: SyntheticSource = syntheticRepository({ records: 1_000_000 }).records
    expect(source.count(all)).toBe(1_000_000)
    const page = source.slice(all, 999_900, 100)
    expect(page.map((r) => r.identifier).at(-1)).toBe('oai:synthetic.redcti.test:20.500.12345/999999')
    expect(source.count({ ...all, set: 'com_1', from: '2018-01-01T00:00:00Z', until: '2018-12-31T23:59:59Z' })).toBeGreaterThan(0)
    expect(source.built).toBe(100)
  })

  it('filters by date, set and deletion exactly as a scan of every record would', () => {
    const n = 3_000
    const source = syntheticRepository({ records: n, deletedEvery: 7 }).records
    const everything = Array.from({ length: n }, (_, i) => syntheticRecord(i, 1, i % 7 === 6))
    const d = (i: number) => syntheticDatestamp(i, 1)
    const filters: RecordFilter[] = [
      all,
      { ...all, includeDeleted: false },
      { ...all, set: 'com_2' },
      { ...all, set: 'com_2:col_6', includeDeleted: false },
      { ...all, set: 'driver', from: d(250), until: d(1234) },
      { ...all, from: d(1999) },
      { ...all, until: d(150) },
      { ...all, from: d(120), until: d(130) },
      { ...all, from: '2030-01-01T00:00:00Z' },
      { ...all, set: 'nope' },
    ]
    for (const filter of filters) {
      const want = everything.filter((r) => matchesFilter(r, filter)).map((r) => r.identifier)
      expect(source.count(filter), JSON.stringify(filter)).toBe(want.length)
      expect(source.slice(filter, 0, n).map((r) => r.identifier)).toEqual(want)
      expect(source.slice(filter, 17, 40).map((r) => r.identifier)).toEqual(want.slice(17, 57))
    }
  })
})

let servers: FixtureServer[] = []
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()))
  servers = []
})

async function fixture(faults: Faults = {}, records = 250, extra: Partial<Parameters<typeof startFixtureServer>[0]> = {}): Promise<FixtureServer> {
  const server = await startFixtureServer({ repository: syntheticRepository({ records }), pageSize: 100, faults, ...extra })
  servers.push(server)
  return server
}

interface Raw {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** One request with node:http, which neither decompresses nor follows redirects. */
function raw(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
      res.on('aborted', () => reject(new Error('aborted')))
    }).on('error', reject).end()
  })
}

const list = (s: FixtureServer, query = '') => `${s.baseUrl}?verb=ListRecords&metadataPrefix=oai_dc${query}`
const next = (s: FixtureServer, token: string, verb = 'ListRecords') => `${s.baseUrl}?verb=${verb}&resumptionToken=${encodeURIComponent(token.trim())}`
const doc = async (url: string) => readOai((await raw(url)).body.toString('utf8'))

describe('the fixture server without faults', () => {
  it('serves the whole list in pages and logs every request', async () => {
    const s = await fixture({}, 250)
    const ids: string[] = []
    let page = await doc(`${s.baseUrl}?verb=ListIdentifiers&metadataPrefix=oai_dc`)
    for (;;) {
      ids.push(...page.headers.map((h) => h.identifier))
      if (page.token!.value === '') break
      page = await doc(next(s, page.token!.value, 'ListIdentifiers'))
    }
    expect(new Set(ids).size).toBe(250)
    expect(page.token).toMatchObject({ completeListSize: '250', cursor: '200' })
    expect(s.requests.map((r) => [r.n, r.verb, r.page, r.status])).toEqual([[1, 'ListIdentifiers', 0, 200], [2, 'ListIdentifiers', 1, 200], [3, 'ListIdentifiers', 2, 200]])
    expect(s.requests[0]!.params).toEqual({ verb: 'ListIdentifiers', metadataPrefix: 'oai_dc' })
  })

  it('lets a test change the repository in the middle of a harvest', async () => {
    const repo: ReplayRepository = { ...syntheticRepository({ records: 0 }), records: [] }
    const s = await fixture({}, 0, {
      repository: repo,
      onRequest: (entry) => {
        if (entry.n === 2) repo.records.push(syntheticRecord(3, 1, false))
      },
    })
    expect((await doc(list(s))).errors[0]!.code).toBe('noRecordsMatch')
    expect((await doc(list(s))).headers.map((h) => h.identifier)).toEqual(['oai:synthetic.redcti.test:20.500.12345/3'])
  })
})

describe('HTTP faults on the wire', () => {
  it('scripts statuses with Retry-After in seconds, as an HTTP-date, or absent', async () => {
    const s = await fixture({
      statuses: [
        { status: 503, retryAfter: 7, when: { requests: [1] } },
        { status: 503, retryAfterHttpDateIn: 120, when: { requests: [2] } },
        { status: 429, retryAfter: 86400, when: { requests: [3] } },
        { status: 502, when: { verb: 'ListRecords', page: 1, times: 1 } },
      ],
    })
    const first = await raw(list(s))
    expect([first.status, first.headers['retry-after']]).toEqual([503, '7'])
    const second = await raw(list(s))
    expect(second.status).toBe(503)
    expect(Date.parse(second.headers['retry-after']!)).toBeGreaterThan(Date.now())
    expect((await raw(list(s))).headers['retry-after']).toBe('86400')
    const ok = await doc(list(s))
    expect(ok.headers).toHaveLength(100)
    expect((await raw(next(s, ok.token!.value))).status).toBe(502)
    expect((await raw(next(s, ok.token!.value))).status).toBe(200)
    expect(s.requests.map((r) => r.status)).toEqual([503, 503, 429, 200, 502, 200])
  })

  it('poisons the ListRecords page of one record while ListIdentifiers and other GetRecords work', async () => {
    const bad = 'oai:synthetic.redcti.test:20.500.12345/142'
    const s = await fixture({ poisoned: { identifiers: [bad] } })
    const token = (await doc(list(s))).token!.value
    expect((await raw(next(s, token))).status).toBe(500)
    expect((await raw(next(s, token))).status).toBe(500)
    const headers = await doc(`${s.baseUrl}?verb=ListIdentifiers&metadataPrefix=oai_dc`)
    const ids = headers.headers.map((h) => h.identifier)
    expect((await doc(next(s, headers.token!.value, 'ListIdentifiers'))).headers.map((h) => h.identifier)).toContain(bad)
    expect((await raw(`${s.baseUrl}?verb=GetRecord&metadataPrefix=oai_dc&identifier=${ids[1]}`)).status).toBe(200)
    expect((await raw(`${s.baseUrl}?verb=GetRecord&metadataPrefix=oai_dc&identifier=${bad}`)).status).toBe(500)
  })

  it('redirects to another path that serves OAI, without Location, or in a loop', async () => {
    const s = await fixture({ redirect: { mode: 'moved' } })
    const moved = await raw(list(s))
    expect(moved.status).toBe(301)
    expect(moved.headers.location).toBe(`${s.origin}/moved/oai?verb=ListRecords&metadataPrefix=oai_dc`)
    expect((await doc(moved.headers.location!)).headers).toHaveLength(100)
    s.setFaults({ redirect: { mode: 'no-location' } })
    const nowhere = await raw(list(s))
    expect([nowhere.status, nowhere.headers.location]).toEqual([302, undefined])
    s.setFaults({ redirect: { mode: 'loop' } })
    const a = await raw(list(s))
    const b = await raw(a.headers.location!)
    expect(b.headers.location).toBe(list(s))
    await expect(fetch(list(s))).rejects.toThrow()
  })

  it('truncates a body with and without Content-Length, and resets connections', async () => {
    const s = await fixture({ truncate: { when: { requests: [1] } }, resetConnection: { when: { requests: [3] } } })
    await expect(raw(list(s))).rejects.toThrow()
    s.setFaults({ truncate: { contentLength: false } })
    await expect(fetch(list(s)).then((r) => r.text())).rejects.toThrow()
    s.setFaults({ resetConnection: {} })
    await expect(fetch(list(s))).rejects.toThrow()
    expect(s.requests.map((r) => r.faults)).toEqual([['truncate'], ['truncate'], ['resetConnection']])
  })

  it('compresses in every way servers get wrong', async () => {
    const s = await fixture({ compression: { mode: 'gzip' } }, 5)
    const plain = (await raw(list(s))).body
    expect(plain.subarray(0, 5).toString()).toBe('<?xml')
    const asked = await raw(list(s), { 'Accept-Encoding': 'gzip' })
    expect(asked.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(asked.body).toString()).toContain('<ListRecords>')
    s.setFaults({ compression: { mode: 'gzip-unlabelled' } })
    const unlabelled = await raw(list(s))
    expect([unlabelled.headers['content-encoding'], unlabelled.body[0], unlabelled.body[1]]).toEqual([undefined, 0x1f, 0x8b])
    s.setFaults({ compression: { mode: 'deflate-raw' } })
    expect(inflateRawSync((await raw(list(s))).body).toString()).toContain('<ListRecords>')
    s.setFaults({ compression: { mode: 'deflate-zlib' } })
    const zlib = await raw(list(s))
    expect([zlib.headers['content-encoding'], inflateSync(zlib.body).toString().includes('<ListRecords>')]).toEqual(['deflate', true])
    s.setFaults({ compression: { mode: 'gzip-label-on-identity' } })
    const liar = await raw(list(s))
    expect([liar.headers['content-encoding'], liar.body.subarray(0, 5).toString()]).toEqual(['gzip', '<?xml'])
  })

  it('sends other content types, non-OAI pages with status 200, and trailing garbage', async () => {
    const s = await fixture({ contentType: { value: 'text/html' } }, 5)
    expect((await raw(list(s))).headers['content-type']).toBe('text/html')
    s.setFaults({ notOai: { kind: 'html-login' } })
    const login = await raw(list(s))
    expect([login.status, login.body.toString().startsWith('<!DOCTYPE html>')]).toEqual([200, true])
    s.setFaults({ notOai: { kind: 'json' } })
    expect(JSON.parse((await raw(list(s))).body.toString())).toHaveProperty('error')
    s.setFaults({ trailingGarbage: {} })
    const body = (await raw(list(s))).body.toString()
    expect(body.slice(body.indexOf('</OAI-PMH>') + 11)).toContain('<b>Notice</b>')
  })

  it('answers 503 to a client above the rate limit', async () => {
    const s = await fixture({ rateLimit: { perSecond: 1, retryAfter: 2 } }, 5)
    await raw(list(s))
    const second = await raw(list(s))
    expect([second.status, second.headers['retry-after']]).toEqual([503, '2'])
  })

  it('delays headers and trickles bodies without changing them', async () => {
    const s = await fixture({ trickle: { chunkBytes: 4096, intervalMs: 1 } }, 20)
    const clean = await fixture({}, 20)
    const strip = (b: Buffer) => b.toString().replace(/<responseDate>[^<]*|http:\/\/127\.0\.0\.1:\d+/g, '')
    expect(strip((await raw(list(s))).body)).toBe(strip((await raw(list(clean))).body))
    s.setFaults({ slowHeaders: { ms: 30_000 } })
    await expect(fetch(list(s), { signal: AbortSignal.timeout(200) })).rejects.toThrow()
  })
})

describe('XML faults on the wire', () => {
  const damaged = async (faults: Faults) => {
    const s = await fixture(faults, 5)
    return (await raw(list(s))).body
  }

  it('corrupts one record of the page with the characters real servers send', async () => {
    expect((await damaged({ records: [{ kind: 'c0-controls' }] })).toString()).toContain('\u0003\u000B\u000C\u001A')
    for (const [kind, text] of [['char-ref-control', '&#x1;'], ['char-ref-nonchar', '&#xFFFE;'], ['lone-surrogate-ref', '&#55349;'],
      ['unescaped-ampersand', 'Ciencia & Tecnología']] as const) {
      const body = (await damaged({ records: [{ kind }] })).toString()
      expect(body, kind).toContain(text)
      expect(() => readOai(body), kind).toThrow()
    }
    const mojibake = (await damaged({ records: [{ kind: 'double-encoded-utf8' }] })).toString()
    expect(readOai(mojibake).headers).toHaveLength(5)
    expect(mojibake).toContain('InvestigaciÃ³n')
    const astral = (await damaged({ records: [{ kind: 'astral-chars' }] })).toString()
    expect(astral).toContain('𝐀𝐁𝐂 🧪')
    expect(readOai(astral).headers).toHaveLength(5)
    const bytes = await damaged({ records: [{ kind: 'invalid-utf8', position: 1 }] })
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow()
    expect(bytes.includes(Buffer.from('Investigaci\xf3n', 'latin1'))).toBe(true)
    const nested = (await damaged({ records: [{ kind: 'nested-xml-declaration' }] })).toString()
    expect(nested.match(/<\?xml /g)).toHaveLength(2)
  })

  it('writes header oddities into the chosen record only', async () => {
    const stamps = async (kind: 'datestamp-milliseconds' | 'datestamp-no-z' | 'datestamp-space' | 'datestamp-offset') =>
      [...(await damaged({ records: [{ kind, position: 2 }] })).toString().matchAll(/<datestamp>([^<]*)/g)].map((m) => m[1]!)
    expect((await stamps('datestamp-milliseconds'))[2]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.123Z$/)
    expect((await stamps('datestamp-no-z'))[2]).toMatch(/T\d\d:\d\d:\d\d$/)
    expect((await stamps('datestamp-space'))[2]).toMatch(/^\d{4}-\d\d-\d\d \d\d/)
    const offset = await stamps('datestamp-offset')
    expect(offset[2]).toMatch(/-05:00$/)
    expect(Date.parse(offset[2]!)).toBe(Date.parse(syntheticDatestamp(2, 1)))
    expect((await stamps('datestamp-offset'))[1]).toBe(syntheticDatestamp(1, 1))
    const read = async (kind: RecordFaultKind) =>
      readOai((await damaged({ records: [{ kind }] })).toString()).headers[0]!
    expect((await read('no-datestamp')).datestamp).toBe('')
    expect((await read('no-identifier')).identifier).toBe('')
    expect((await read('no-metadata')).hasMetadata).toBe(false)
    expect((await read('deleted-with-metadata'))).toMatchObject({ deleted: true, hasMetadata: true })
    expect((await damaged({ records: [{ kind: 'empty-metadata' }] })).toString()).toContain('<metadata/>')
    expect((await damaged({ records: [{ kind: 'record-wrapper' }] })).toString()).toContain('<metadata><record><oai_dc:dc')
  })

  it('varies the envelope: BOM, stylesheet, declared encodings, prefixed root, OAI 1.1', async () => {
    const bom = await damaged({ envelope: { variants: ['bom', 'stylesheet-pi'] } })
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(bom.toString()).toContain('?>\n<?xml-stylesheet')
    const prefixed = readOai((await damaged({ envelope: { variants: ['oai-prefixed-root'] } })).toString())
    expect([prefixed.rootName, prefixed.headers.length, prefixed.token]).toEqual(['oai:OAI-PMH', 5, null])
    expect(readOai((await damaged({ envelope: { variants: ['oai-1.1-namespace'] } })).toString()).rootUri).toBe('http://www.openarchives.org/OAI/1.1/OAI_ListRecords')
    expect((await damaged({ envelope: { variants: ['declared-latin1-bytes-utf8'] } })).toString()).toMatch(/^<\?xml version="1.0" encoding="ISO-8859-1"\?>/)
    const latin1 = await damaged({ envelope: { variants: ['declared-utf8-bytes-latin1'] } })
    expect(latin1.toString('latin1')).toContain('encoding="UTF-8"')
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(latin1)).toThrow()
  })
})

describe('token faults on the wire', () => {
  it('ends lists with no token, or with an extra token leading to an empty page or noRecordsMatch', async () => {
    const s = await fixture({ finalToken: 'absent' }, 150)
    const last = await doc(next(s, (await doc(list(s))).token!.value))
    expect([last.headers.length, last.token]).toEqual([50, null])
    s.setFaults({ finalToken: 'extra-then-noRecordsMatch' })
    const extra = await doc(next(s, (await doc(list(s))).token!.value))
    expect(extra.token!.value).not.toBe('')
    expect((await doc(next(s, extra.token!.value))).errors[0]!.code).toBe('noRecordsMatch')
    s.setFaults({ finalToken: 'extra-then-empty-page' })
    const empty = await doc(next(s, (await doc(next(s, (await doc(list(s))).token!.value))).token!.value))
    expect([empty.errors, empty.headers.length, empty.token?.value]).toEqual([[], 0, ''])
  })

  it('repeats a token, cycles A → B → A, and serves empty pages that carry tokens', async () => {
    const s = await fixture({ repeatToken: { atPage: 1 } }, 500)
    const a = (await doc(list(s))).token!.value
    expect((await doc(next(s, a))).token!.value).toBe(a)
    s.setFaults({ tokenCycle: { atPage: 2 } })
    const a2 = (await doc(list(s))).token!.value
    const b = (await doc(next(s, a2))).token!.value
    expect((await doc(next(s, b))).token!.value).toBe(a2)
    s.setFaults({ emptyPages: { atPage: 0, count: 3 } })
    let page = await doc(list(s))
    const sizes: number[] = []
    for (let i = 0; i < 4; i++) {
      sizes.push(page.headers.length)
      page = await doc(next(s, page.token!.value))
    }
    expect(sizes).toEqual([0, 0, 0, 100])
  })

  it('issues tokens full of reserved characters that resume only when percent-encoded', async () => {
    const s = await fixture({ tokenStyle: 'special-chars' }, 250)
    const token = (await doc(list(s))).token!.value
    expect(token).toMatch(/^\s+%20a\+b\/c=d&e:f g\|/)
    expect((await doc(next(s, token))).headers).toHaveLength(100)
    const careless = `${s.baseUrl}?verb=ListRecords&resumptionToken=${token.trim().replace(/&/g, '%26').replace(/ /g, '%20')}`
    expect((await doc(careless)).errors[0]!.code).toBe('badResumptionToken')
  })

  it('expires tokens, answers noRecordsMatch mid-list, and insists on metadataPrefix', async () => {
    const s = await fixture({ badToken: { every: 2 } }, 500)
    const t = (await doc(list(s))).token!.value
    expect((await doc(next(s, t))).errors).toEqual([])
    expect((await doc(next(s, t))).errors[0]!.code).toBe('badResumptionToken')
    s.setFaults({ noRecordsMatchAtPage: 2 })
    const t2 = (await doc(next(s, (await doc(list(s))).token!.value))).token!.value
    expect((await doc(next(s, t2))).errors[0]!.code).toBe('noRecordsMatch')
    s.setFaults({ requirePrefixWithToken: true })
    const t3 = (await doc(list(s))).token!.value
    expect((await doc(next(s, t3))).errors[0]!.code).toBe('badArgument')
    expect((await doc(`${next(s, t3)}&metadataPrefix=oai_dc`)).headers).toHaveLength(100)
    s.setFaults({ tokenExpiresAfterMs: 0 })
    const expiring = (await doc(list(s))).token!
    expect(expiring.expirationDate).toMatch(/Z$/)
    await new Promise((resolve) => setTimeout(resolve, 5))
    expect((await doc(next(s, expiring.value))).errors[0]!.code).toBe('badResumptionToken')
  })

  it('writes odd cursors and list sizes, and shifts a re-issued page', async () => {
    const s = await fixture({ cursor: 'page-index', completeListSize: 'under' }, 500)
    const second = await doc(next(s, (await doc(list(s))).token!.value))
    expect(second.token).toMatchObject({ cursor: '1', completeListSize: '100' })
    s.setFaults({ reissueShifts: true })
    const token = (await doc(list(s))).token!.value
    const once = await doc(next(s, token))
    const twice = await doc(next(s, token))
    expect(twice.headers[0]!.identifier).toBe(once.headers[50]!.identifier)
  })
})

describe('date, set and format faults on the wire', () => {
  it('refuses seconds on a day server, and on a server that only claims seconds', async () => {
    const day = await startFixtureServer({ repository: syntheticRepository({ records: 50, granularity: 'YYYY-MM-DD' }) })
    servers.push(day)
    expect((await doc(list(day, '&from=2015-01-01T00:00:00Z'))).errors[0]!.code).toBe('badArgument')
    const claims = await fixture({ rejectSecondsGranularity: true }, 50)
    expect((await doc(`${claims.baseUrl}?verb=Identify`)).identify.granularity).toEqual(['YYYY-MM-DDThh:mm:ssZ'])
    expect((await doc(list(claims, '&from=2015-01-01T00:00:00Z'))).errors[0]!.code).toBe('badArgument')
    expect((await doc(list(claims, '&from=2015-01-01'))).headers).toHaveLength(50)
  })

  it('skews the clock, stamps everything now, and widens a midnight until', async () => {
    const skewed = await fixture({}, 5, { clockSkewMs: -2 * 3600_000 })
    const responseDate = Date.parse((await doc(list(skewed))).responseDate)
    expect(Date.now() - responseDate).toBeGreaterThan(3600_000)
    const now = await fixture({ datestampAlwaysNow: true }, 5)
    const page = await doc(list(now, '&from=2030-01-01'))
    expect(page.headers.every((h) => h.datestamp === page.responseDate)).toBe(true)
    const d = syntheticDatestamp(3, 1).slice(0, 10)
    const wide = await fixture({ widenUntilToEndOfDay: true }, 50)
    const strict = await fixture({}, 50)
    const query = `&from=${d}T00:00:00Z&until=${d}T00:00:00Z`
    expect((await doc(list(strict, query))).errors[0]!.code).toBe('noRecordsMatch')
    expect((await doc(list(wide, query))).headers.length).toBeGreaterThan(0)
  })

  it('pages ListSets, has no sets when asked, and withholds a format for some items or all', async () => {
    const s = await fixture({}, 50, { setsPageSize: 5 })
    const first = await doc(`${s.baseUrl}?verb=ListSets`)
    expect([first.sets.length, first.token?.completeListSize]).toEqual([5, '17'])
    const flat = await startFixtureServer({ repository: { ...syntheticRepository({ records: 5 }), sets: [] } })
    servers.push(flat)
    expect((await doc(`${flat.baseUrl}?verb=ListSets`)).errors[0]!.code).toBe('noSetHierarchy')
    const some = 'oai:synthetic.redcti.test:20.500.12345/2'
    s.setFaults({ cannotDisseminate: { metadataPrefix: 'oai_dc', identifiers: [some] } })
    expect((await doc(`${s.baseUrl}?verb=GetRecord&metadataPrefix=oai_dc&identifier=${some}`)).errors[0]!.code).toBe('cannotDisseminateFormat')
    s.setFaults({ cannotDisseminate: { metadataPrefix: 'oai_dc', identifiers: 'all' } })
    expect((await doc(list(s))).errors[0]!.code).toBe('cannotDisseminateFormat')
    s.setFaults({ deletedGetRecord: 'idDoesNotExist' })
    const tombstone = 'oai:synthetic.redcti.test:20.500.12345/19'
    expect((await doc(`${s.baseUrl}?verb=GetRecord&metadataPrefix=oai_dc&identifier=${tombstone}`)).errors[0]!.code).toBe('idDoesNotExist')
  })

  it('rewrites Identify values verbatim', async () => {
    const s = await fixture({ identify: { granularity: 'yyyy-mm-dd', earliestDatestamp: '0000-00-00', baseURL: 'https://elsewhere.example/oai' } }, 5)
    const identify = (await doc(`${s.baseUrl}?verb=Identify`)).identify
    expect([identify.granularity, identify.earliestDatestamp, identify.baseURL]).toEqual([['yyyy-mm-dd'], ['0000-00-00'], ['https://elsewhere.example/oai']])
  })
})

describe('the standalone fixture process', () => {
  it('prints where it listens, serves a large list, and exits on SIGTERM', async () => {
    const script = fileURLToPath(new URL('./fixture-server-main.ts', import.meta.url))
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--records=100000', '--page-size=100', '--fail-every=3', '--retry-after=1'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)))
      })
      const { baseUrl, port } = JSON.parse(line) as { baseUrl: string; port: number }
      expect(baseUrl).toBe(`http://127.0.0.1:${port}/oai`)
      const pages = [await raw(`${baseUrl}?verb=ListIdentifiers&metadataPrefix=oai_dc`), await raw(`${baseUrl}?verb=ListIdentifiers&metadataPrefix=oai_dc`),
        await raw(`${baseUrl}?verb=ListIdentifiers&metadataPrefix=oai_dc`)]
      expect(pages.map((p) => p.status)).toEqual([200, 200, 503])
      expect(readOai(pages[0]!.body.toString()).token).toMatchObject({ completeListSize: '100000', cursor: '0' })
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    }
  })
})
