// Cases 1–22 of anchors-harvest §4.A (HTTP and transport): the real harvester against the fixture server, one fault at a time.
import { once } from 'node:events'
import { connect, type AddressInfo } from 'node:net'
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls'
import { afterEach, describe, expect, it } from 'vitest'
import pino from 'pino'
import { setSourceEnabled } from '../../src/harvest/state.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { oaiRequest } from '../../harvesters/oai-pmh/request.ts'
import { resolveSettings } from '../../harvesters/oai-pmh/settings.ts'
import { systemClock, type Source } from '../../harvesters/types.ts'
import { sourceStatuses } from '../../src/harvest/status.ts'
import { fakeClock } from '../support/fake-clock.ts'
import { startFixtureServer, syntheticRepository, type Faults, type FixtureServer } from '../support/fixture-server.ts'
import type { CompressionMode, NotOaiKind } from '../support/fixture-faults.ts'
import { harness, mutableRepository } from '../support/harvest-harness.ts'
import { selfSignedCertificate } from '../support/self-signed-certificate.ts'
import { syntheticRecord } from '../support/synthetic-repository.ts'

let server: FixtureServer | undefined
let tlsFront: TlsServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
  tlsFront?.close()
  tlsFront = undefined
})

// 120 records (every 20th a tombstone) in pages of 50 and one date window, so request 1 is Identify
// and requests 2, 3, 4 are ListRecords pages 0, 1, 2: a fault `when: { requests: [3] }` hits page 1.
const RECORDS = 120
const ALL = { live: 114, deleted: 6, vanished: 0, failed: 0, duplicates: 0 }
const oneWindow = { windowDays: 36500 }
// The harness clock starts here; the default back-off (2 s base, jitter 0.5) makes a first retry wait 1.5 s.
const HARNESS_START = Date.parse('2026-11-22T12:00:00Z')
const FIRST_BACKOFF = 1500

async function serve(faults: Faults, extra: { clockSkewMs?: number } = {}): Promise<FixtureServer> {
  server = await startFixtureServer({ repository: syntheticRepository({ records: RECORDS }), pageSize: 50, faults, ...extra })
  return server
}

/** The metadata the fixture serves for synthetic record i, exactly. */
const metadataOf = (i: number) => syntheticRecord(i, 1, false).formats.oai_dc!

/** One raw request through the harvester's request layer (decoding, repair, parsing), for what a page says. */
async function requestOnce(baseUrl: string, params: Record<string, string>) {
  const source: Source = { id: 'probe', baseUrl, metadataPrefix: 'oai_dc', politeness: { maxAttempts: 1 } }
  const clock = fakeClock('2026-11-22T12:00:00Z')
  const result = await oaiRequest({ source, settings: resolveSettings(source), clock, gate: new HostGate(clock) }, params)
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`)
  return result.value
}

function stateOf(h: ReturnType<typeof harness>) {
  return h.db.$client.prepare('SELECT deferred_until, plan_json FROM source_state WHERE source_id = ?').get(h.source.id) as
    { deferred_until: string | null; plan_json: string | null }
}

describe('4.A flow control: 503, 429, Retry-After', () => {
  it('case 1: 503 + Retry-After: 20 waits exactly 20 s, then sends the same token request again', async () => {
    const s = await serve({ statuses: [{ status: 503, retryAfter: 20, when: { requests: [3] } }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.clock.sleeps).toEqual([20_000])
    const [refused, retried] = [s.requests[2]!, s.requests[3]!]
    expect(refused.status).toBe(503)
    expect(retried.params.resumptionToken).toBeDefined()
    expect(retried.url).toBe(refused.url)
    expect(h.counts()).toEqual(ALL)
  })

  it('case 2: 503 + Retry-After as an HTTP-date is read as a date: 90 s, not 90 ms or 90 000 s', async () => {
    // The fixture's clock is moved to the harness clock, so its HTTP-date is 90 s after the harvester's "now".
    const s = await serve(
      { statuses: [{ status: 503, retryAfterHttpDateIn: 90, when: { requests: [3] } }] },
      { clockSkewMs: HARNESS_START - Date.now() },
    )
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.clock.sleeps).toHaveLength(1)
    // An HTTP-date has whole seconds: the request may reach the fixture up to a second into that 90 s.
    expect(h.clock.sleeps[0]).toBeGreaterThanOrEqual(90_000)
    expect(h.clock.sleeps[0]).toBeLessThanOrEqual(91_000)
    expect(s.requests[3]!.url).toBe(s.requests[2]!.url)
    expect(h.counts()).toEqual(ALL)
  })

  it('case 3: 503 without Retry-After backs off for minutes, capped, then gives up and says why', async () => {
    const s = await serve({ statuses: [{ status: 503 }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/gave up after 6 attempts: HTTP 503/)
    expect(s.requests).toHaveLength(6)
    // 30 s base doubling up to the 300 s cap, half of it jittered (random 0.5): 9 min 22 s in all, never a hot loop.
    expect(h.clock.sleeps).toEqual([22_500, 45_000, 90_000, 180_000, 225_000])
    expect(new Set(s.requests.map((r) => r.url)).size).toBe(1)
  })

  // Case 4 (503 forever on every request, stopped after maxAttempts): test/harvest/harvest-source.test.ts.

  it('case 5: 429 + Retry-After of a day defers the source for 24 h without sleeping, keeps page 0, shows it in status', async () => {
    const s = await serve({ statuses: [{ status: 429, retryAfter: 86_400, when: { requests: [3] } }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('deferred')
    expect(outcome.message).toMatch(/asked to wait 86400 s/)
    expect(h.clock.sleeps).toEqual([])
    expect(s.requests).toHaveLength(3)
    expect(h.counts()).toMatchObject({ live: 48, deleted: 2, duplicates: 0 })
    expect(stateOf(h).deferred_until).toBe('2026-11-23T12:00:00Z')
    expect(JSON.parse(stateOf(h).plan_json!).token).toBe(s.requests[2]!.params.resumptionToken)
    const [status] = sourceStatuses(h.db, [h.source])
    expect(status).toMatchObject({ deferredUntil: '2026-11-23T12:00:00Z', lastRun: { status: 'deferred' } })
  })

  it('case 6: a Retry-After over an hour does not hold a worker: deferred at once, never slept', async () => {
    const s = await serve({ statuses: [{ status: 503, retryAfter: 7200, when: { requests: [3] } }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('deferred')
    expect(h.clock.sleeps).toEqual([])
    expect(s.requests).toHaveLength(3)
    expect(stateOf(h).deferred_until).toBe('2026-11-22T14:00:00Z')
    // The next run resumes at the saved token and completes the set.
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(ALL)
  })

  it('case 7: 500, 502, 504 then 200 on one page: exponential back-off with jitter, the same request, the exact set', async () => {
    const s = await serve({
      statuses: [
        { status: 500, when: { requests: [3] } }, { status: 502, when: { requests: [4] } }, { status: 504, when: { requests: [5] } },
      ],
    })
    const draws = [0, 1, 0.25]
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest({ random: () => draws.shift() ?? 0.5 })).status).toBe('finished')
    // 2 s, 4 s, 8 s, each drawn from [half, whole]: 1 s (draw 0), 4 s (draw 1), 5 s (draw 0.25).
    expect(h.clock.sleeps).toEqual([1000, 4000, 5000])
    expect(s.requests.slice(2, 6).map((r) => r.status)).toEqual([500, 502, 504, 200])
    expect(new Set(s.requests.slice(2, 6).map((r) => r.url)).size).toBe(1)
    expect(h.counts()).toEqual(ALL)
  })

  // Case 8 (a poisoned page: split, then ListIdentifiers + GetRecord, the bad id recorded): test/harvest/harvest-source.test.ts.

  it('case 9: 404 in the middle of a list is a hard error for that list, never retried', async () => {
    const s = await serve({ statuses: [{ status: 404, when: { requests: [3] } }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/^HTTP 404 from .*resumptionToken=/)
    expect(s.requests).toHaveLength(3)
    expect(h.clock.sleeps).toEqual([])
    expect(h.counts()).toMatchObject({ live: 48, deleted: 2, duplicates: 0 })
  })

  it('case 10: 403 stops the source at once, not retried', async () => {
    const s = await serve({ statuses: [{ status: 403 }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/^Identify failed: HTTP 403/)
    expect(s.requests).toHaveLength(1)
    expect(h.clock.sleeps).toEqual([])
  })
})

describe('4.A redirects', () => {
  it.each([301, 302, 307, 308] as const)('case 11: %i on every request, token requests too: followed; the configured baseURL is kept; Identify\'s differing baseURL is reported', async (status) => {
    const s = await serve({ redirect: { mode: 'moved', status } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(ALL)
    // Every request went to the configured path, got the redirect, and was followed with the same arguments.
    expect(s.requests).toHaveLength(8)
    for (let i = 0; i < s.requests.length; i += 2) {
      const [asked, followed] = [s.requests[i]!, s.requests[i + 1]!]
      expect([asked.path, asked.status, followed.path, followed.status]).toEqual(['/oai', status, '/moved/oai', 200])
      expect(followed.args).toEqual(asked.args)
    }
    expect(s.requests.filter((r) => r.path === '/oai' && r.params.resumptionToken)).toHaveLength(2)
    expect(h.problems()).toContainEqual(expect.objectContaining({ kind: 'base-url-differs', detail: expect.stringContaining('/moved/oai') }))
    // The next run starts again from the configured URL, not the one redirected to.
    const before = s.requests.length
    await h.harvest()
    expect(h.source.baseUrl).toBe(s.baseUrl)
    expect(s.requests[before]!.path).toBe('/oai')
  })

  it('case 12: a 302 without Location fails that list at once, no retry, progress kept', async () => {
    const s = await serve({ redirect: { mode: 'no-location', when: { page: 1 } } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/HTTP 302 without a Location header/)
    expect(s.requests).toHaveLength(3)
    expect(h.clock.sleeps).toEqual([])
    expect(h.counts()).toMatchObject({ live: 48, deleted: 2 })
  })

  it('case 13: a redirect loop is abandoned as soon as it comes back, not retried', async () => {
    const s = await serve({ redirect: { mode: 'loop' } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/redirect loop back to/)
    expect(s.requests.map((r) => r.path)).toEqual(['/oai', '/loop'])
    expect(h.clock.sleeps).toEqual([])
  })
})

describe('4.A slow, cut and odd bodies', () => {
  it('case 14: headers slower than headerTimeoutMs time out; the same request is retried', async () => {
    const s = await serve({ slowHeaders: { ms: 3000, when: { requests: [3] } } })
    const h = harness(s.baseUrl, { harvest: oneWindow, politeness: { headerTimeoutMs: 200, bodyTimeoutMs: 5000 } })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests[2]!.faults).toEqual(['slowHeaders'])
    expect(s.requests[2]!.status).toBeNull() // the harvester hung up before the status line
    expect(s.requests[3]!.url).toBe(s.requests[2]!.url)
    expect(h.clock.sleeps).toEqual([FIRST_BACKOFF])
    expect(h.counts()).toEqual(ALL)
  })

  it('case 14: a body trickling past bodyTimeoutMs times out; the same request is retried', async () => {
    const s = await serve({ trickle: { chunkBytes: 256, intervalMs: 50, when: { requests: [3] } } })
    const h = harness(s.baseUrl, { harvest: oneWindow, politeness: { headerTimeoutMs: 5000, bodyTimeoutMs: 500 } })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests[2]!.faults).toEqual(['trickle'])
    expect(s.requests[3]!.url).toBe(s.requests[2]!.url)
    expect(h.clock.sleeps).toEqual([FIRST_BACKOFF])
    expect(h.counts()).toEqual(ALL)
  })

  it.each<[string, Faults]>([
    ['a body cut at half its Content-Length', { truncate: { keepFraction: 0.5, when: { requests: [3] } } }],
    ['a chunked body whose last chunk never comes', { truncate: { keepFraction: 0.5, contentLength: false, when: { requests: [3] } } }],
    ['a chunked body cut just before </OAI-PMH>', { truncate: { keepFraction: 0.999, contentLength: false, when: { requests: [3] } } }],
    ['a gzip body cut short', { compression: { mode: 'gzip' }, truncate: { keepFraction: 0.7, contentLength: false, when: { requests: [3] } } }],
    ['a connection reset before any response', { resetConnection: { when: { requests: [3] } } }],
  ])('case 15: %s is retried with the same token, never parsed as a complete page', async (_, faults) => {
    const s = await serve(faults)
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests).toHaveLength(5)
    expect(s.requests[3]!.url).toBe(s.requests[2]!.url)
    expect(s.requests[3]!.params.resumptionToken).toBeDefined()
    expect(h.clock.sleeps).toEqual([FIRST_BACKOFF])
    expect(h.counts()).toEqual(ALL)
  })

  it.each([true, false])('case 15: a body cut after </OAI-PMH>, only its final newline lost (Content-Length: %s), is still retried: the framing shows it', async (contentLength) => {
    // Well-formed XML, so only the HTTP layer can tell: learn the page's length, then cut its last byte.
    const s = await serve({})
    const first = await requestOnce(s.baseUrl, { verb: 'ListRecords', metadataPrefix: 'oai_dc' })
    const length = Buffer.byteLength(await (await fetch(`${s.baseUrl}?verb=ListRecords&resumptionToken=${encodeURIComponent(first.page.token!.value)}`)).text())
    s.setFaults({ truncate: { keepFraction: (length - 0.5) / length, contentLength, when: { requests: [5] } } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests[4]!.faults).toEqual(['truncate'])
    expect(s.requests[5]!.url).toBe(s.requests[4]!.url)
    expect(h.clock.sleeps).toEqual([FIRST_BACKOFF])
    expect(h.counts()).toEqual(ALL)
  })

  it.each<[CompressionMode, string[]]>([
    ['gzip', []],
    ['gzip-unlabelled', ['gzip body without Content-Encoding gzip']],
    ['deflate-raw', []],
    ['deflate-zlib', []],
    ['gzip-label-on-identity', ['Content-Encoding gzip on an uncompressed body; used as is']],
  ])('case 16: compression %s is sniffed from the bytes; every record arrives intact', async (mode, warnings) => {
    const s = await serve({ compression: { mode } })
    const acceptEncoding: (string | undefined)[] = []
    s.server.on('request', (req) => acceptEncoding.push(req.headers['accept-encoding']))
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(ALL)
    expect(h.stored().find((r) => r.identifier.endsWith('/57'))!.metadata).toBe(metadataOf(57))
    // (a) gzip only when asked: the harvester asks on every request.
    expect(acceptEncoding.every((value) => /\bgzip\b/.test(value ?? ''))).toBe(true)
    const page = await requestOnce(s.baseUrl, { verb: 'ListRecords', metadataPrefix: 'oai_dc' })
    expect(page.page.records).toHaveLength(50)
    expect(page.page.warnings).toEqual(warnings)
  })

  it.each<[string, string | null]>([
    ['text/html', 'text/html'],
    ['no Content-Type at all', null],
    ['a charset that lies (ISO-8859-1 over UTF-8 bytes)', 'text/html; charset=ISO-8859-1'],
  ])('case 17: %s: the body is decoded as XML by its own declaration', async (_, value) => {
    const s = await serve({ contentType: { value } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(ALL)
    const stored = new Map(h.stored().map((r) => [r.identifier, r.metadata]))
    for (const i of [0, 57, 118]) expect(stored.get(syntheticRecord(i, 1, false).identifier)).toBe(metadataOf(i))
  })

  it.each<NotOaiKind>(['html-login', 'html-proxy-error', 'json'])('case 18: a %s page with status 200 fails that request and is retried, never read as an empty list', async (kind) => {
    const s = await serve({ notOai: { kind, when: { requests: [3] } } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests[2]!.faults).toEqual(['notOai'])
    expect(s.requests[3]!.url).toBe(s.requests[2]!.url)
    expect(h.clock.sleeps).toEqual([FIRST_BACKOFF])
    expect(h.counts()).toEqual(ALL)
  })

  it('case 18: a login wall on every request fails the source with the reason, nothing stored', async () => {
    const s = await serve({ notOai: { kind: 'html-login' } })
    const h = harness(s.baseUrl, { harvest: oneWindow, politeness: { maxAttempts: 2 } })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/^Identify failed: gave up after 2 attempts: not an OAI-PMH response .*root element <html>/)
    expect(h.counts().live).toBe(0)
  })

  it('case 19: a PHP notice after </OAI-PMH> is tolerated: the exact set, and the page says what it ignored', async () => {
    const s = await serve({ trailingGarbage: {} })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(s.requests.every((r) => r.faults.includes('trailingGarbage'))).toBe(true)
    expect(h.counts()).toEqual(ALL)
    expect(h.clock.sleeps).toEqual([])
    const page = await requestOnce(s.baseUrl, { verb: 'ListRecords', metadataPrefix: 'oai_dc' })
    expect(page.page.records).toHaveLength(50)
    expect(page.page.warnings).toEqual([expect.stringMatching(/^ignored \d+ characters after <\/OAI-PMH>$/)])
  })
})

describe('4.A TLS, size and politeness', () => {
  /** A TLS front on 127.0.0.1 that forwards the decrypted bytes to the fixture server. */
  async function tlsInFrontOf(s: FixtureServer, certificate: { cert: string; key: string }): Promise<string> {
    tlsFront = createTlsServer(certificate, (socket) => {
      const upstream = connect(s.port, '127.0.0.1')
      socket.pipe(upstream).pipe(socket)
      socket.on('error', () => upstream.destroy())
      upstream.on('error', () => socket.destroy())
    })
    tlsFront.listen(0, '127.0.0.1')
    await once(tlsFront, 'listening')
    return `https://127.0.0.1:${(tlsFront.address() as AddressInfo).port}/oai`
  }

  it.each([
    ['self-signed', selfSignedCertificate()],
    ['expired self-signed', selfSignedCertificate({ notBefore: new Date(Date.now() - 60 * 86_400_000), validDays: 30 })],
  ])('case 20: a %s certificate fails by default, and is accepted only for the source that opts in', async (_, certificate) => {
    const s = await serve({})
    const baseUrl = await tlsInFrontOf(s, certificate)
    const strict = harness(baseUrl, { id: 'strict', harvest: oneWindow, politeness: { maxAttempts: 2 } })
    const refused = await strict.harvest()
    expect(refused.status).toBe('failed')
    expect(refused.message).toMatch(/^Identify failed: gave up after 2 attempts: network failure on https:.*(SELF_SIGNED|CERT_HAS_EXPIRED)/)
    expect(s.requests).toHaveLength(0) // nothing got past the handshake

    const optedIn = harness(baseUrl, { id: 'opted-in', harvest: oneWindow, quirks: { insecureTls: true } })
    expect((await optedIn.harvest()).status).toBe('finished')
    expect(optedIn.counts()).toEqual(ALL)

    // Per source, never global: after the opted-in harvest, a source without the quirk is still refused.
    const after = harness(baseUrl, { id: 'strict-again', harvest: oneWindow, politeness: { maxAttempts: 1 } })
    expect((await after.harvest()).status).toBe('failed')
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined()
  })

  it('case 21: a record of 17 MB in one page arrives whole: no small body cap', async () => {
    const repository = mutableRepository(30)
    const huge = repository.records[7]!
    const description = 'Registro METS de gran tamaño con tildes, eñes y 𝐀. '.repeat(340_000)
    huge.formats.oai_dc = huge.formats.oai_dc!.replace('<dc:language>', `<dc:description>${description}</dc:description>\n<dc:language>`)
    expect(Buffer.byteLength(huge.formats.oai_dc)).toBeGreaterThan(17 * 1024 * 1024)
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: oneWindow })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual({ ...ALL, live: 29, deleted: 1 })
    expect(h.stored().find((r) => r.identifier === huge.identifier)!.metadata).toBe(huge.formats.oai_dc)
  })

  it('case 22: with delayMs above the fixture\'s 1 req/s limit, the harvester is never rate-limited (real clock)', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 60 }), pageSize: 50, faults: { rateLimit: { perSecond: 1, retryAfter: 1 } } })
    const h = harness(server.baseUrl, { harvest: oneWindow, politeness: { delayMs: 1100 } })
    // The fixture counts requests per real second, so this one test runs on the real clock: 3 requests, about 2.2 s.
    expect((await h.harvest({ clock: systemClock })).status).toBe('finished')
    expect(server.requests.map((r) => r.verb)).toEqual(['Identify', 'ListRecords', 'ListRecords'])
    expect(server.requests.every((r) => r.status === 200 && !r.faults.includes('rateLimit'))).toBe(true)
    expect(h.counts()).toMatchObject({ live: 57, deleted: 3, duplicates: 0 })
  })

  it('case 22: two sources on one host share the gate: never two requests in flight, each spaced by delayMs', async () => {
    const s = await serve({})
    let inFlight = 0
    let maxInFlight = 0
    s.server.on('request', (_req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      res.on('close', () => inFlight--)
    })
    const a = harness(s.baseUrl, { id: 'a', harvest: oneWindow, politeness: { concurrency: 1, delayMs: 1000 } })
    const b = harness(s.baseUrl, { id: 'b', harvest: oneWindow, politeness: { concurrency: 1, delayMs: 1000 } })
    const gate = new HostGate(a.clock)
    const outcomes = await Promise.all([a.harvest({ gate }), b.harvest({ gate, clock: a.clock })])
    expect(outcomes.map((o) => o.status)).toEqual(['finished', 'finished'])
    expect(maxInFlight).toBe(1)
    expect(s.requests).toHaveLength(8)
    // The gate slept on the shared fake clock before every request but the first: 7 pauses, none shorter than needed.
    expect(a.clock.sleeps.filter((ms) => ms > 0)).toHaveLength(7)
    expect(a.clock.sleeps.every((ms) => ms <= 1000)).toBe(true)
    expect([a.counts(), b.counts()]).toEqual([ALL, ALL])
  })
})

describe('4.A bugs found by these cases, fixed in src/harvest/run.ts', () => {
  it('case 19: the PHP notice ignored after </OAI-PMH> reaches the run log and its problems', async () => {
    const s = await serve({ trailingGarbage: {} })
    const lines: string[] = []
    const log = pino({ level: 'info' }, { write: (line: string) => { lines.push(line) } })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    expect((await h.harvest({ log })).status).toBe('finished')
    expect(lines.join('')).toMatch(/after <\/OAI-PMH>/)
    expect(JSON.stringify(h.problems())).toMatch(/after <\/OAI-PMH>/)
  })

  it('case 4: a server that answers 503 to every list request gives up after maxAttempts per request, not window after window', async () => {
    const s = await serve({ statuses: [{ status: 503, when: { verb: 'ListRecords' } }] })
    const h = harness(s.baseUrl, { harvest: oneWindow, politeness: { maxAttempts: 3 } })
    const outcome = await Promise.race([h.harvest(), new Promise<null>((r) => setTimeout(() => r(null), 5000))])
    expect(s.requests.filter((r) => r.verb === 'ListRecords').length).toBeLessThanOrEqual(3)
    expect(outcome?.status).toBe('failed')
  })

  it('case 18: a login wall on every list request ends the run instead of splitting windows', async () => {
    const s = await serve({ notOai: { kind: 'html-login', when: { verb: 'ListRecords' } } })
    const h = harness(s.baseUrl, { politeness: { maxAttempts: 2 } })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/not an OAI-PMH response/)
    expect(h.problems().map((p) => p.kind)).not.toContain('window-split')
  })

  it('case 10: 403 stops the source pending an operator: the next run asks nothing until it is enabled', async () => {
    const s = await serve({ statuses: [{ status: 403 }] })
    const h = harness(s.baseUrl, { harvest: oneWindow })
    const first = await h.harvest()
    expect(first.status).toBe('failed')
    expect(first.message).toMatch(/redcti enable fixture/)
    const second = await h.harvest()
    expect(second.status).toBe('disabled')
    expect(s.requests).toHaveLength(1)
    setSourceEnabled(h.db, 'fixture', true)
    s.setFaults({})
    expect((await h.harvest()).status).toBe('finished')
  })
})
