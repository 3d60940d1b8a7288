// The headers a request's answer carries, gathered while it is handled and written once the response is built.
//
// Why not hono's c.header(): it keeps a WHATWG Headers, and a response carrying one leaves @hono/node-server's fast
// path (a plain object handed to writeHead) for a copy through Headers iteration and sorting: a fifth of a
// record-by-id request. Why named fields rather than a record grown name by name: V8 turns such a record into a
// dictionary, ~3 µs a request, where an object literal and stores to constant names cost ~70 ns.
import type { Context } from 'hono'
import type { AppEnv } from './app.ts'
import { corsHeaders } from './cors.ts'

export type HeaderRecord = Record<string, string>

/** The headers handlers set, one field each (undefined: not sent). */
export class ResponseHeaders {
  /** The CORS headers (./cors.ts): set for every answer, by the request setup and by the item front. */
  cors = false
  etag: string | undefined = undefined
  lastModified: string | undefined = undefined
  cacheControl: string | undefined = undefined
  vary: string | undefined = undefined
  link: string | undefined = undefined
  rateLimitRemaining: string | undefined = undefined
}

/** This request's pending headers, to set fields on. */
export function responseHeaders(c: Context<AppEnv>): ResponseHeaders {
  let pending = c.get('headers')
  if (!pending) c.set('headers', pending = new ResponseHeaders())
  return pending
}

/** The answer, carrying the pending headers, then its content type and `extra` (which win). */
export function send(c: Context<AppEnv>, body: string | Uint8Array | null, status: number, contentType?: string, extra?: HeaderRecord): Response {
  const pending = c.get('headers')
  const headers = pending ? headerRecord(pending) : {}
  if (contentType !== undefined) headers['Content-Type'] = contentType
  if (extra) Object.assign(headers, extra)
  const response = new Response(body, { status, headers })
  // Marks it as carrying them. (A WeakSet of responses made every garbage collection walk them, as ephemerons.)
  c.set('sent', response)
  return response
}

/** For a response send() did not build (c.body, c.json, a stream): the pending headers it lacks. */
export function applyPendingHeaders(c: Context<AppEnv>, response: Response): void {
  const pending = c.get('headers')
  if (!pending || c.get('sent') === response) return
  const headers = response.headers
  for (const [name, value] of Object.entries(headerRecord(pending))) if (!headers.has(name)) headers.set(name, value)
}

/** The fields set, as the plain object writeHead takes. */
export function headerRecord(p: ResponseHeaders): HeaderRecord {
  // A literal, not a spread of a shared record: stores after a spread cost as much as into a dictionary.
  const h: HeaderRecord = p.cors ? corsHeaders() : {}
  if (p.etag !== undefined) h.ETag = p.etag
  if (p.lastModified !== undefined) h['Last-Modified'] = p.lastModified
  if (p.cacheControl !== undefined) h['Cache-Control'] = p.cacheControl
  if (p.vary !== undefined) h.Vary = p.vary
  if (p.link !== undefined) h.Link = p.link
  if (p.rateLimitRemaining !== undefined) h['X-RateLimit-Remaining'] = p.rateLimitRemaining
  return h
}
