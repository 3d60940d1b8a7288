// CORS for a public, read-only API: any origin, no credentials, the validators and paging headers exposed.
import type { Context } from 'hono'
import type { HeaderRecord } from './response-headers.ts'

/** What the API answers to: GET and HEAD everywhere, POST for /oai and the admin calls. */
const METHODS = 'GET,HEAD,POST'

/** Every answer carries Access-Control-Allow-Origin: * and these exposed headers (./response-headers.ts writes them). */
export const EXPOSED_HEADERS = 'ETag,Last-Modified,Link,Retry-After,X-RateLimit-Remaining'

/** The answer to a preflight (OPTIONS), whatever the path, as hono/cors gives it: 204 with the methods and the headers asked for. */
export function preflight(c: Context): Response {
  const headers: HeaderRecord = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS, 'Access-Control-Allow-Methods': METHODS }
  const asked = c.req.header('Access-Control-Request-Headers')
  if (asked) {
    headers['Access-Control-Allow-Headers'] = asked.split(',').map((h) => h.trim()).join(',')
    headers.Vary = 'Access-Control-Request-Headers'
  }
  return c.body(null, 204, headers)
}
