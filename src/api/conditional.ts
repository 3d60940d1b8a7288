// Conditional requests (RFC 9110 §13): ETag and Last-Modified on every GET, 304 for If-None-Match / If-Modified-Since.
import { createHash } from 'node:crypto'
import type { Context } from 'hono'
import { responseHeaders, send, type ResponseHeaders } from './response-headers.ts'

export interface Validators {
  etag: string
  /** ISO 8601 UTC; omitted when the time something last changed is not known (a source was disabled since). */
  lastModified?: string | null
}

/** A weak ETag from what the representation depends on (data version, URL, format): no need to build the body first. */
export function versionTag(...parts: unknown[]): string {
  return `W/"${createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 27)}"`
}

/**
 * A stored entity's weak ETag from what its representation is made of: the hash the store keeps of its JSON, the
 * time it last changed as the public sees it, and the format. Nothing to hash per request.
 */
export function entityTag(jsonHash: string, modified: string, format: string): string {
  return `W/"${jsonHash}.${format}.${modified.replace(/[^0-9]/g, '')}"`
}

/** A strong ETag from the body itself. */
export function bodyTag(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`
}

/**
 * Sets the validators on the response and answers 304 when the client's copy is current. If-None-Match wins over
 * If-Modified-Since (§13.2.2); an unparseable If-Modified-Since is ignored, as the RFC says.
 */
export function notModified(c: Context, v: Validators): Response | null {
  setValidators(responseHeaders(c), v)
  const ifNoneMatch = c.req.header('If-None-Match')
  if (ifNoneMatch !== undefined) return tagMatches(v.etag, ifNoneMatch) ? send(c, null, 304) : null
  const ifModifiedSince = c.req.header('If-Modified-Since')
  if (ifModifiedSince && v.lastModified) {
    const since = Date.parse(ifModifiedSince)
    // Stored times have whole seconds, as HTTP dates do.
    if (Number.isFinite(since) && Date.parse(v.lastModified) <= since) return send(c, null, 304)
  }
  return null
}

/** The validators as headers, and what caches may do with them: store, but ask again before reuse. */
export function setValidators(headers: ResponseHeaders, v: Validators): void {
  headers.etag = v.etag
  if (v.lastModified) headers.lastModified = new Date(v.lastModified).toUTCString()
  headers.cacheControl = 'public, no-cache'
}

function tagMatches(etag: string, header: string): boolean {
  if (header.trim() === '*') return true
  const bare = etag.replace(/^W\//, '')
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => tag.replace(/^W\//, '') === bare)
}

/** A JSON body with a strong ETag computed from it (small resources: sources, findings, reports, indicators). */
export function jsonResponse(c: Context, value: unknown, lastModified?: string | null): Response {
  const body = JSON.stringify(value)
  const unchanged = notModified(c, { etag: bodyTag(body), lastModified })
  if (unchanged) return unchanged
  return send(c, body, 200, 'application/json; charset=utf-8')
}
