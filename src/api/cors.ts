// CORS for a public, read-only API: any origin, no credentials, the validators and paging headers exposed.
import type { Context } from 'hono'
import type { HeaderRecord } from './response-headers.ts'

/** What the API answers to: GET and HEAD everywhere, POST for /oai and the admin calls. */
const METHODS = 'GET,HEAD,POST'

/** The headers every answer carries (./response-headers.ts writes them): any origin, and the validators and paging headers readable. */
export function corsHeaders(): HeaderRecord {
  // A fresh literal each time: headers added to it afterwards stay cheap named stores (see ./response-headers.ts).
  return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'ETag,Last-Modified,Link,Retry-After,X-RateLimit-Remaining' }
}

/** The answer to a preflight (OPTIONS), whatever the path, as hono/cors gives it: 204 with the methods and the headers asked for. */
export function preflight(c: Context): Response {
  const headers = corsHeaders()
  headers['Access-Control-Allow-Methods'] = METHODS
  const asked = c.req.header('Access-Control-Request-Headers')
  if (asked) {
    headers['Access-Control-Allow-Headers'] = asked.split(',').map((h) => h.trim()).join(',')
    headers.Vary = 'Access-Control-Request-Headers'
  }
  return c.body(null, 204, headers)
}
