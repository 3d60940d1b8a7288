// createApp(db): the HTTP face of redcti. Wires middleware and one sub-app per resource; errors become problem+json here.
import { Hono } from 'hono'
import type { Db } from '../db/open.ts'
import type { Source } from '../../harvesters/types.ts'
import { BadRequest, problem } from './problem.ts'
import { rateLimiter } from './rate-limit.ts'
import { EXPOSED_HEADERS, preflight } from './cors.ts'
import { applyPendingHeaders, ResponseHeaders } from './response-headers.ts'
import { sourcesRoutes } from './routes/sources.ts'
import { outputsRoutes } from './routes/outputs.ts'
import { dmpsRoutes } from './routes/dmps.ts'
import { projectsRoutes } from './routes/projects.ts'
import { fundingsRoutes } from './routes/fundings.ts'
import { personsRoutes } from './routes/persons.ts'
import { organisationsRoutes } from './routes/organisations.ts'
import { findingsRoutes } from './routes/findings.ts'
import { reportsRoutes } from './routes/reports.ts'
import { indicatorsRoutes } from './routes/indicators.ts'
import { dumpsRoutes } from './routes/dumps.ts'
import { adminRoutes } from './routes/admin.ts'
import { currentData, type Observed } from './request-context.ts'
import { oaiRoutes } from './oai/routes.ts'
import { catalogRoutes } from './catalog/routes.ts'
import { openApiRoutes } from './openapi/routes.ts'

export interface AppOptions {
  db: Db
  sources: Source[]
  /** The public base URL (for links, the OAI baseURL, the DCAT catalog); default: the URL each request came to. */
  publicUrl?: string
  /** REDCTI_ADMIN_TOKEN: admin endpoints answer 401 when unset. */
  adminToken?: string
  /** Requests per client per minute (0 = no limit). */
  rateLimitPerMinute?: number
  now?: () => Date
}

export type AppEnv = { Variables: { options: AppOptions; data?: Observed; headers?: ResponseHeaders; sent?: Response } }

/** Paths whose answers depend on the entity index: it catches up before they are answered. */
const DATA_PATHS = ['/api/', '/oai', '/data.json', '/catalog']

export function createApp(options: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  const perMinute = options.rateLimitPerMinute ?? 600
  const limit = perMinute > 0 ? rateLimiter(perMinute, options.now) : undefined
  // One middleware for what every request needs: each hono middleware hop costs about as much as a point read.
  app.use('*', async (c, next) => {
    c.set('options', options)
    if (c.req.method === 'OPTIONS') return preflight(c)
    // Every answer from here on carries them, problems included (send() and applyPendingHeaders()).
    const headers = new ResponseHeaders()
    headers.corsExpose = EXPOSED_HEADERS
    c.set('headers', headers)
    const path = c.req.path
    if (limit && path.startsWith('/api/')) {
      const decision = limit(c)
      if (!decision.allowed) {
        return problem(c, {
          title: 'Too many requests', status: 429,
          detail: `At most ${perMinute} requests per minute per client; retry in ${decision.retryAfter} s. Bulk dumps are under /api/v1/dumps.`,
        }, { 'Retry-After': String(decision.retryAfter) })
      }
      headers.rateLimitRemaining = String(decision.remaining)
    }
    // The query index catches up with what harvests and normalizations wrote since the last request (one read when nothing did).
    if (DATA_PATHS.some((p) => path.startsWith(p))) c.set('data', currentData(options))
    await next()
    applyPendingHeaders(c)
  })

  app.route('/api/v1/sources', sourcesRoutes)
  app.route('/api/v1/outputs', outputsRoutes)
  app.route('/api/v1/dmps', dmpsRoutes)
  app.route('/api/v1/projects', projectsRoutes)
  app.route('/api/v1/fundings', fundingsRoutes)
  app.route('/api/v1/persons', personsRoutes)
  app.route('/api/v1/organisations', organisationsRoutes)
  app.route('/api/v1/findings', findingsRoutes)
  app.route('/api/v1/reports', reportsRoutes)
  app.route('/api/v1/indicators', indicatorsRoutes)
  app.route('/api/v1/dumps', dumpsRoutes)
  app.route('/api/v1/admin', adminRoutes)
  app.route('/oai', oaiRoutes(options))
  // The catalog (/data.json, /catalog.jsonld, /catalog.ttl, /catalog) for the PNDA and DCAT harvesters.
  app.route('/', catalogRoutes)
  // /openapi.json, /docs and /schemas: what this server answers, for programs and for people.
  app.route('/', openApiRoutes)

  app.notFound((c) => problem(c, { title: 'Not found', status: 404, detail: `No resource at ${new URL(c.req.url).pathname}. The API lives under /api/v1; its description is /openapi.json.` }))
  app.onError((error, c) => {
    if (error instanceof BadRequest) return problem(c, { title: 'Bad request', status: 400, detail: error.message, errors: error.errors })
    // Only bugs get here: say so without leaking internals.
    console.error(error)
    return problem(c, { title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.' })
  })
  return app
}
