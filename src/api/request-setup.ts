// What every request needs before its route answers (the options, CORS, the rate limit, the caught-up data) and
// after (the pending headers), run inside each route's own handler instead of as an app.use('*') middleware.
//
// Why: with any middleware matched, hono runs the request through its async compose (a promise per hop, the
// response written a microtask later); a single matched handler is called directly, and the Response it returns is
// written by @hono/node-server at once. On a record-by-id request the compose path cost about as much as the
// SQLite read (bench:api, 100k: ~16 µs of ~85).
//
// The item front (./item-front.ts) does the same for the requests it answers before hono: the CORS headers, the
// same rate limiter, the caught-up data. What is added here must be added there (test/api/item-front.test.ts
// compares their answers).
import type { Context, Env, Handler, Hono, MiddlewareHandler } from 'hono'
import { COMPOSED_HANDLER } from 'hono/utils/constants'
import type { AppEnv, AppOptions } from './app.ts'
import { preflight } from './cors.ts'
import { clientOf, rateLimitOf, rateLimitPerMinute } from './rate-limit.ts'
import { problem } from './problem.ts'
import { applyPendingHeaders, ResponseHeaders } from './response-headers.ts'
import { currentData } from './request-context.ts'

/** Paths whose answers depend on the entity index: it catches up before they are answered. */
const DATA_PATHS = ['/api/', '/oai', '/data.json', '/catalog']

export interface RequestSetup {
  /** Before the handler: an early answer (a CORS preflight, a 429), or undefined to go on. Runs once per request. */
  begin(c: Context<AppEnv>): Response | undefined
  /** After it: the pending headers onto a response send() did not build. */
  finish<R>(c: Context<AppEnv>, result: R): R
}

export function requestSetup(options: AppOptions): RequestSetup {
  const perMinute = rateLimitPerMinute(options)
  const limit = rateLimitOf(options)
  return {
    begin(c) {
      if (c.get('options') !== undefined) return undefined
      c.set('options', options)
      if (c.req.method === 'OPTIONS') return preflight(c)
      // Every answer from here on carries them, problems included (send() and applyPendingHeaders()).
      const headers = new ResponseHeaders()
      headers.cors = true
      c.set('headers', headers)
      const path = c.req.path
      if (limit && path.startsWith('/api/')) {
        const decision = limit(clientOf(c))
        if (!decision.allowed) {
          return problem(c, {
            title: 'Too many requests', status: 429,
            detail: `At most ${perMinute} requests per minute per client; retry in ${decision.retryAfter} s. Bulk dumps are under /api/v1/dumps.`,
          }, { 'Retry-After': String(decision.retryAfter) })
        }
        headers.rateLimitRemaining = String(decision.remaining)
      }
      // The query index catches up with what harvests and normalizations wrote since the last request (one read when nothing did).
      for (const prefix of DATA_PATHS) {
        if (path.startsWith(prefix)) {
          c.set('data', currentData(options))
          break
        }
      }
      return undefined
    },
    finish(c, result) {
      if (result instanceof Response) applyPendingHeaders(c, result)
      return result
    },
  }
}

/**
 * Mounts a resource's routes under `base`, each handler wrapped by the request setup, as `app.route()` would mount
 * them otherwise. Handlers keep their arity and are marked as hono marks composed ones, so route inspection
 * (hono/dev) still tells handlers from middleware.
 */
export function mountRoutes<E extends Env>(app: Hono<E>, base: string, routes: Hono<E>, setup: RequestSetup): void {
  const mounted = app.basePath(base)
  for (const route of routes.routes) mounted.on(route.method, route.path, withSetup(route.handler as Handler, setup) as Handler<E>)
}

/** A handler (or a resource's own middleware) that runs the setup first and applies the pending headers after. */
export function withSetup(handler: Handler | MiddlewareHandler, setup: RequestSetup): Handler {
  const wrapped: MiddlewareHandler = (c, next) => answer(c as Context<AppEnv>, setup, () => handler(c, next))
  Object.defineProperty(wrapped, COMPOSED_HANDLER, { value: handler })
  return wrapped as Handler
}

function answer<R>(c: Context<AppEnv>, setup: RequestSetup, run: () => R | Promise<R>): R | Promise<R> | Response {
  const early = setup.begin(c)
  if (early) return early
  const result = run()
  return result instanceof Promise ? result.then((r) => setup.finish(c, r)) : setup.finish(c, result)
}
