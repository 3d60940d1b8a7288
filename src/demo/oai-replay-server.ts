// A small conformant OAI-PMH 2.0 data provider over a replay repository, served on loopback for the demo and the tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { gzipSync } from 'node:zlib'
import { answerOaiRequest, renderAnswer, type OaiArgs } from './oai-answer.ts'
import type { ServedRepository } from './replay-repository.ts'

export type { OaiAnswer, OaiArgs, OaiVerb, AnswerContext } from './oai-answer.ts'
export { answerOaiRequest, renderAnswer } from './oai-answer.ts'
export type {
  MetadataFormat, RecordFilter, RecordSource, ReplayRecord, ReplayRepository, ReplaySet, RepositoryDescription,
  ServedRepository, SourcedRepository,
} from './replay-repository.ts'
export { loadReplayRepository } from './load-replay-repository.ts'

export interface ReplayServerOptions {
  /** Records (or headers) per list response; DSpace's default is 100. */
  pageSize?: number
  /** Sets per ListSets response (DSpace: maxListSetsSize=100). */
  setsPageSize?: number
  /** The base URL to echo; by default the Host header and path of each request. */
  baseUrl?: () => string
  now?: () => Date
}

export type OaiHandler = (req: IncomingMessage, res: ServerResponse) => void

/** A Node request handler answering all six verbs over GET and POST, on whatever path it is mounted. */
export function createOaiHandler(
  repository: ServedRepository | (() => ServedRepository),
  options: ReplayServerOptions = {},
): OaiHandler {
  const current = typeof repository === 'function' ? repository : () => repository
  return (req, res) => {
    const now = (options.now ?? (() => new Date()))()
    readOaiArgs(req).then((args) => {
      if (args === 'method-not-allowed') {
        res.writeHead(405, { Allow: 'GET, POST', 'Content-Type': 'text/plain; charset=UTF-8' }).end('OAI-PMH accepts GET and POST.\n')
        return
      }
      if (args === 'too-large') {
        res.writeHead(413, { 'Content-Type': 'text/plain; charset=UTF-8' }).end('Request body too large.\n')
        return
      }
      const answer = answerOaiRequest(args, current(), {
        baseUrl: options.baseUrl?.() ?? requestBaseUrl(req),
        now,
        pageSize: options.pageSize ?? 100,
        setsPageSize: options.setsPageSize ?? 100,
        compression: ['gzip'],
      })
      sendXml(req, res, renderAnswer(answer))
    }, (error: unknown) => {
      res.writeHead(500, { 'Content-Type': 'text/plain; charset=UTF-8' }).end(`Internal error: ${String(error)}\n`)
    })
  }
}

const maxBodyBytes = 1 << 20

/**
 * The request's key=value pairs, in order and with repeats, from the query (GET) or a form body (POST, §3.1.1.2).
 * URLSearchParams turns `+` into a space, as form encoding says: a token with `+` must arrive as `%2B`.
 */
export async function readOaiArgs(req: IncomingMessage): Promise<OaiArgs | 'method-not-allowed' | 'too-large'> {
  if (req.method === 'GET') return [...new URL(req.url ?? '/', 'http://x').searchParams]
  if (req.method !== 'POST') return 'method-not-allowed'
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBodyBytes) return 'too-large'
    chunks.push(chunk)
  }
  return [...new URLSearchParams(Buffer.concat(chunks).toString('utf8'))]
}

export function requestBaseUrl(req: IncomingMessage): string {
  return `http://${req.headers.host ?? '127.0.0.1'}${new URL(req.url ?? '/', 'http://x').pathname}`
}

/** Spec §3.1.3: identity unless the harvester asked for gzip; §3.1.2.1: text/xml even for OAI errors. */
function sendXml(req: IncomingMessage, res: ServerResponse, xml: string): void {
  let body = Buffer.from(xml, 'utf8')
  const headers: Record<string, string | number> = { 'Content-Type': 'text/xml; charset=UTF-8', Vary: 'Accept-Encoding' }
  if (acceptsGzip(req.headers['accept-encoding'])) {
    body = gzipSync(body)
    headers['Content-Encoding'] = 'gzip'
  }
  headers['Content-Length'] = body.length
  res.writeHead(200, headers).end(body)
}

export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return coding?.trim().toLowerCase() === 'gzip' && (q === undefined || Number(q.slice(2)) > 0)
  })
}

export interface ReplayServer {
  /** e.g. `http://127.0.0.1:43121/oai` */
  baseUrl: string
  close(): Promise<void>
  server: Server
}

export async function startReplayServer(
  repository: ServedRepository | (() => ServedRepository),
  options: ReplayServerOptions & { port?: number; host?: string; path?: string } = {},
): Promise<ReplayServer> {
  const host = options.host ?? '127.0.0.1'
  const path = options.path ?? '/oai'
  let baseUrl = ''
  const handle = createOaiHandler(repository, { ...options, baseUrl: options.baseUrl ?? (() => baseUrl) })
  const server = createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== path) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=UTF-8' }).end(`Not found; the OAI-PMH base URL is ${baseUrl}\n`)
      return
    }
    handle(req, res)
  })
  await listen(server, options.port ?? 0, host)
  baseUrl = `http://${host}:${portOf(server)}${path}`
  return { baseUrl, server, close: () => closeServer(server) }
}

export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
}

export function portOf(server: Server): number {
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('server is not listening on a TCP port')
  return address.port
}

/** Stops listening and drops kept-alive sockets, so a test's close() does not wait for idle timeouts. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
