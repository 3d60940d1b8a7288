// The fixture OAI-PMH server for tests and the benchmark: the replay server's answers behind switchable, deterministic faults.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AnswerContext, OaiAnswer } from '../../src/demo/oai-answer.ts'
import { closeServer, listen, portOf, readOaiArgs } from '../../src/demo/oai-replay-server.ts'
import type { ServedRepository } from '../../src/demo/replay-repository.ts'
import { compressBody, damageItem, encodeDocument, notOaiPage, phpNotice, renderWithEnvelope } from './fixture-body-faults.ts'
import { fires, type Faults, type RequestFacts, type When } from './fixture-faults.ts'
import { answerWithFaults, newOaiFaultState, requestedPage, type OaiFaultState } from './fixture-oai-faults.ts'

export type { Faults, When } from './fixture-faults.ts'
export { syntheticRepository, type SyntheticOptions, type SyntheticRepository } from './synthetic-repository.ts'

export interface FixtureServerOptions {
  repository: ServedRepository
  pageSize?: number
  setsPageSize?: number
  faults?: Faults
  /** Every response waits this long first. */
  latencyMs?: number
  /** The server's clock runs this far from ours (case 62): responseDate and token stamps move with it. */
  clockSkewMs?: number
  host?: string
  port?: number
  /** Base path (default /oai). /moved/oai serves the same repository, as the target of the 'moved' redirect. */
  path?: string
  /** More base paths with their own repositories and the same faults (case 74, several DSpace contexts). */
  contexts?: Record<string, ServedRepository>
  /** Called before each request is handled: the place to mutate the repository mid-harvest (cases 53, 61, 75, 79). */
  onRequest?: (entry: RequestLogEntry, server: FixtureServer) => void
}

export interface RequestLogEntry {
  /** 1-based, over every request this server received. */
  n: number
  time: string
  method: string
  url: string
  path: string
  /** First value of each argument (the raw list is in `args`). */
  params: Record<string, string>
  args: [string, string][]
  verb?: string
  page?: number
  /** Null when the socket was destroyed before a status line. */
  status: number | null
  /** Names of the fault switches that shaped this response. */
  faults: string[]
}

export interface FixtureServer {
  baseUrl: string
  origin: string
  port: number
  server: Server
  requests: RequestLogEntry[]
  /** Mutable: replace it, or mutate its records, between or during harvests. */
  repository: ServedRepository
  faults: Faults
  /** Replaces every fault and resets the fault counters. */
  setFaults(faults: Faults): void
  close(): Promise<void>
}

const movedPath = '/moved/oai'
const loopPath = '/loop'

export async function startFixtureServer(options: FixtureServerOptions): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1'
  const path = options.path ?? '/oai'
  const pageSize = options.pageSize ?? 100
  const setsPageSize = options.setsPageSize ?? 100
  let fired = new WeakMap<object, number>()
  let oaiState: OaiFaultState = newOaiFaultState()
  const recentByClient = new Map<string, number[]>()
  const timers = new Set<NodeJS.Timeout>()
  const sleep = (ms: number) => ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      resolve()
    }, ms)
    timers.add(timer)
  })
  const clock = () => new Date(Date.now() + (options.clockSkewMs ?? 0))

  const fixture: FixtureServer = {
    baseUrl: '',
    origin: '',
    port: 0,
    server: undefined as unknown as Server,
    requests: [],
    repository: options.repository,
    faults: options.faults ?? {},
    setFaults(faults) {
      fixture.faults = faults
      fired = new WeakMap()
      oaiState = newOaiFaultState()
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await closeServer(fixture.server)
    },
  }

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', fixture.origin)
    const read = await readOaiArgs(req)
    const args = typeof read === 'string' ? [] : read.map(([k, v]) => [k, v] as [string, string])
    const faults = fixture.faults
    const entry: RequestLogEntry = {
      n: fixture.requests.length + 1,
      time: new Date().toISOString(),
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: url.pathname,
      params: Object.fromEntries([...args].reverse()),
      args,
      status: null,
      faults: [],
    }
    const verb = args.find(([k]) => k === 'verb')?.[1]
    if (verb !== undefined) entry.verb = verb
    const page = requestedPage(args, faults, pageSize, setsPageSize)
    if (page !== undefined) entry.page = page
    fixture.requests.push(entry)
    options.onRequest?.(entry, fixture)
    const facts: RequestFacts = { n: entry.n, verb, page }
    const hit = (name: string, when: When | undefined) => {
      if (!fires(when, facts, fired)) return false
      entry.faults.push(name)
      return true
    }
    const send = (status: number, headers: Record<string, string | number>, body: Buffer | string) =>
      deliver(res, entry, status, headers, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, faults, hit, sleep)

    await sleep((options.latencyMs ?? 0) + (faults.growingLatency ? faults.growingLatency.perPageMs * (page ?? 0) : 0))

    if (faults.rateLimit) {
      const client = req.socket.remoteAddress ?? '?'
      const now = Date.now()
      const recent = (recentByClient.get(client) ?? []).filter((t) => now - t < 1000)
      recent.push(now)
      recentByClient.set(client, recent)
      if (recent.length > faults.rateLimit.perSecond) {
        entry.faults.push('rateLimit')
        return send(503, { 'Retry-After': faults.rateLimit.retryAfter ?? 1, 'Content-Type': 'text/plain' }, 'Too many requests from this client.\n')
      }
    }

    const redirect = faults.redirect
    if (url.pathname === loopPath) {
      entry.faults.push('redirect')
      return send(302, { Location: `${fixture.origin}${path}${url.search}` }, '')
    }
    if (redirect && url.pathname === path && hit('redirect', redirect.when)) {
      const status = redirect.status ?? (redirect.mode === 'moved' ? 301 : 302)
      if (redirect.mode === 'no-location') return send(status, { 'Content-Type': 'text/html' }, '<html><body>Moved</body></html>\n')
      const target = redirect.mode === 'moved' ? movedPath : loopPath
      return send(status, { Location: `${fixture.origin}${target}${url.search}`, 'Content-Type': 'text/html' },
        `<html><head><title>${status} Moved</title></head><body>Moved</body></html>\n`)
    }

    const repository = url.pathname === path || url.pathname === movedPath ? fixture.repository : options.contexts?.[url.pathname]
    if (!repository) return send(404, { 'Content-Type': 'text/plain' }, 'Not found.\n')
    if (typeof read === 'string') return send(read === 'too-large' ? 413 : 405, { 'Content-Type': 'text/plain', Allow: 'GET, POST' }, `${read}\n`)

    if (faults.resetConnection && hit('resetConnection', faults.resetConnection.when)) {
      req.socket.destroy()
      return
    }
    for (const status of faults.statuses ?? []) {
      if (!hit(`status ${status.status}`, status.when)) continue
      const headers: Record<string, string | number> = { 'Content-Type': 'text/html; charset=utf-8' }
      if (status.retryAfter !== undefined) headers['Retry-After'] = status.retryAfter
      if (status.retryAfterHttpDateIn !== undefined) headers['Retry-After'] = new Date(clock().getTime() + status.retryAfterHttpDateIn * 1000).toUTCString()
      return send(status.status, headers, status.body ?? `<html><body><h1>${status.status}</h1></body></html>\n`)
    }
    if (faults.notOai && hit('notOai', faults.notOai.when)) {
      const pageOf = notOaiPage(faults.notOai.kind)
      return send(200, { 'Content-Type': pageOf.contentType }, pageOf.body)
    }

    const context: AnswerContext = {
      baseUrl: `${fixture.origin}${url.pathname}`,
      now: clock(),
      pageSize,
      setsPageSize,
      compression: faults.compression?.mode === 'gzip' ? ['gzip'] : [],
    }
    const { answer: faulty, applied } = answerWithFaults({ args, repository, context, faults, state: oaiState })
    entry.faults.push(...applied)
    let answer: OaiAnswer = faulty
    if (faults.poisoned && (verb === 'ListRecords' || verb === 'GetRecord') &&
      answer.records.some((r) => faults.poisoned!.identifiers.includes(r.identifier))) {
      // DSpace 7 answers a whole page with HTTP 500 when one item cannot be disseminated (DSpace/DSpace #10721).
      entry.faults.push('poisoned')
      return send(faults.poisoned.status ?? 500, { 'Content-Type': 'text/html' },
        '<html><body><h1>Internal Server Error</h1><p>java.lang.IllegalArgumentException: Invalid character in XML</p></body></html>\n')
    }
    for (const fault of faults.records ?? []) {
      const at = fault.position ?? 0
      if (at >= answer.items.length || answer.records.length === 0 || !hit(fault.kind, fault.when)) continue
      answer = { ...answer, items: answer.items.map((item, i) => (i === at ? damageItem(item, fault.kind) : item)) }
    }
    const variants = faults.envelope && hit('envelope', faults.envelope.when) ? faults.envelope.variants : []
    let text = renderWithEnvelope(answer, variants)
    if (faults.trailingGarbage && hit('trailingGarbage', faults.trailingGarbage.when)) text += faults.trailingGarbage.text ?? phpNotice
    let body = encodeDocument(text, variants)
    const headers: Record<string, string | number> = { 'Content-Type': 'text/xml; charset=UTF-8' }
    if (faults.compression && hit(`compression ${faults.compression.mode}`, faults.compression.when)) {
      const compressed = compressBody(body, faults.compression.mode, req.headers['accept-encoding'])
      body = compressed.body
      if (compressed.contentEncoding) headers['Content-Encoding'] = compressed.contentEncoding
    }
    if (faults.contentType && hit('contentType', faults.contentType.when)) {
      if (faults.contentType.value === null) delete headers['Content-Type']
      else headers['Content-Type'] = faults.contentType.value
    }
    return send(200, headers, body)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' })
      res.end(`fixture server bug: ${error instanceof Error ? error.stack : String(error)}\n`)
    })
  })
  // A node:http default would keep idle sockets around; tests open and drop many.
  // Node clients drop a pooled socket 1 s before the server's Keep-Alive hint: 1 s would mean a new connection per request.
  server.keepAliveTimeout = 5000
  fixture.server = server
  await listen(server, options.port ?? 0, host)
  fixture.port = portOf(server)
  fixture.origin = `http://${host}:${fixture.port}`
  fixture.baseUrl = `${fixture.origin}${path}`
  return fixture
}

/** Writes a response the way the delivery faults say: slow headers, trickled or truncated bodies. */
async function deliver(
  res: ServerResponse,
  entry: RequestLogEntry,
  status: number,
  headers: Record<string, string | number>,
  body: Buffer,
  faults: Faults,
  hit: (name: string, when: When | undefined) => boolean,
  sleep: (ms: number) => Promise<void>,
): Promise<void> {
  if (faults.slowHeaders && hit('slowHeaders', faults.slowHeaders.when)) await sleep(faults.slowHeaders.ms)
  if (res.destroyed) return
  const truncate = faults.truncate && hit('truncate', faults.truncate.when) ? faults.truncate : undefined
  const trickle = !truncate && faults.trickle && hit('trickle', faults.trickle.when) ? faults.trickle : undefined
  entry.status = status
  if (truncate) {
    // Content-Length promises the whole body (or chunked encoding never sends its last chunk); then the socket dies.
    if (truncate.contentLength !== false) headers['Content-Length'] = body.length
    res.writeHead(status, headers)
    res.write(body.subarray(0, Math.floor(body.length * (truncate.keepFraction ?? 0.5))), () => res.socket?.destroy())
    return
  }
  headers['Content-Length'] = body.length
  res.writeHead(status, headers)
  if (!trickle) {
    res.end(body)
    return
  }
  const step = trickle.chunkBytes ?? 64
  for (let at = 0; at < body.length && !res.destroyed; at += step) {
    res.write(body.subarray(at, at + step))
    await sleep(trickle.intervalMs)
  }
  res.end()
}
