// CORS for a public, read-only API: any origin, no credentials, the validators and paging headers exposed.
import type { MiddlewareHandler } from 'hono'

/** What the API answers to: GET and HEAD everywhere, POST for /oai and the admin calls. */
const METHODS = 'GET,HEAD,POST'

/**
 * hono/cors sets its headers on `c.res` before the handler runs, which makes hono rebuild every response (body
 * turned into a stream, headers copied) once the handler answers: a third of the time of a record-by-id request.
 * `c.header()` adds them to the response the handler builds instead; the check after `next()` covers a response
 * built some other way. A preflight (OPTIONS) is answered here, whatever the path, as hono/cors does.
 */
export function cors(exposeHeaders: string[]): MiddlewareHandler {
  const exposed = exposeHeaders.join(',')
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': exposed, 'Access-Control-Allow-Methods': METHODS }
      const asked = c.req.header('Access-Control-Request-Headers')
      if (asked) {
        headers['Access-Control-Allow-Headers'] = asked.split(',').map((h) => h.trim()).join(',')
        headers.Vary = 'Access-Control-Request-Headers'
      }
      return c.body(null, 204, headers)
    }
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Access-Control-Expose-Headers', exposed)
    await next()
    const headers = c.res.headers
    if (!headers.has('Access-Control-Allow-Origin')) {
      headers.set('Access-Control-Allow-Origin', '*')
      headers.set('Access-Control-Expose-Headers', exposed)
    }
  }
}
