// One HTTP exchange on node:http/https (2.4× faster than fetch() on loopback: shared/bench/RESULTS.md):
// timeouts for headers and body, bounded redirects, and a truncated body reported, never returned as complete.
import http from 'node:http'
import https from 'node:https'
import type { HarvestError, Result } from '../types.ts'
import { fail, ok } from '../types.ts'

export interface HttpResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
  /** The URL that finally answered, after redirects. */
  url: string
}

export interface HttpOptions {
  method?: 'GET' | 'POST'
  /** Form body for POST requests. */
  form?: string
  headerTimeoutMs: number
  bodyTimeoutMs: number
  maxRedirects?: number
  insecureTls?: boolean
  userAgent: string
}

const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
  // Only for sources that opt in (case 20): never a global switch.
  insecure: new https.Agent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false }),
}

export async function httpGet(url: string, options: HttpOptions): Promise<Result<HttpResponse>> {
  const maxRedirects = options.maxRedirects ?? 5
  const visited = new Set<string>()
  let current = url
  for (let hop = 0; hop <= maxRedirects; hop++) {
    visited.add(current)
    const result = await exchange(current, options)
    if (!result.ok) return result
    const response = result.value
    if (response.status >= 300 && response.status < 400 && response.status !== 304) {
      const location = response.headers.location
      // HG §5: a redirect without a target cannot be retried into success.
      if (!location) return fail({ kind: 'redirect', url: current, detail: `HTTP ${response.status} without a Location header` })
      const next = new URL(location, current).toString()
      if (visited.has(next)) return fail({ kind: 'redirect', url: current, detail: `redirect loop back to ${next}` })
      current = next
      continue
    }
    return result
  }
  return fail({ kind: 'redirect', url, detail: `more than ${maxRedirects} redirects` })
}

function exchange(url: string, options: HttpOptions): Promise<Result<HttpResponse>> {
  return new Promise((resolve) => {
    let settled = false
    const done = (result: Result<HttpResponse>) => {
      if (settled) return
      settled = true
      clearTimeout(headerTimer)
      clearTimeout(bodyTimer)
      resolve(result)
    }
    const target = new URL(url)
    const isHttps = target.protocol === 'https:'
    const agent = isHttps ? (options.insecureTls ? agents.insecure : agents.https) : agents.http
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: 'text/xml, application/xml;q=0.9, */*;q=0.1',
      'accept-encoding': 'gzip, deflate',
    }
    if (options.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded'
    const request = (isHttps ? https : http).request(target, { method: options.method ?? 'GET', agent, headers })

    const headerTimer = setTimeout(() => {
      request.destroy()
      done(fail({ kind: 'timeout', url, phase: 'headers' }))
    }, options.headerTimeoutMs)
    // The body timer bounds the whole exchange: a trickling body must not hold a worker forever (case 14).
    const bodyTimer = setTimeout(() => {
      request.destroy()
      done(fail({ kind: 'timeout', url, phase: 'body' }))
    }, options.bodyTimeoutMs)

    request.on('error', (error) => done(fail(networkError(url, error))))
    request.on('response', (response) => {
      clearTimeout(headerTimer)
      const chunks: Buffer[] = []
      let length = 0
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        length += chunk.length
      })
      response.on('aborted', () => done(fail({ kind: 'truncated', url, detail: `connection closed after ${length} bytes` })))
      response.on('error', (error) => done(fail({ kind: 'truncated', url, detail: error.message })))
      response.on('end', () => {
        // Node flags an early close on a Content-Length or chunked body as `complete === false` (case 15).
        if (!response.complete) {
          done(fail({ kind: 'truncated', url, detail: `connection closed after ${length} bytes` }))
          return
        }
        const declared = Number(response.headers['content-length'])
        if (Number.isFinite(declared) && declared !== length && !response.headers['content-encoding']) {
          done(fail({ kind: 'truncated', url, detail: `received ${length} of ${declared} bytes` }))
          return
        }
        done(ok({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks, length), url }))
      })
    })
    request.end(options.form)
  })
}

function networkError(url: string, error: NodeJS.ErrnoException): HarvestError {
  const detail = error.code ? `${error.code}: ${error.message}` : error.message
  // A reset in the middle of a body is a truncation: retry the same request, never parse (case 15).
  if (error.code === 'ECONNRESET' || error.message.includes('socket hang up')) return { kind: 'truncated', url, detail }
  return { kind: 'network', url, detail }
}
