// /openapi.json, /docs and /schemas: the description of this server, as a document, as a page, and the JSON Schemas
// of the records it refers to (schemas/*.schema.json, served as they are committed).
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app.ts'
import { ParamReader } from '../params.ts'
import { problem } from '../problem.ts'
import { bodyTag, notModified } from '../conditional.ts'
import { baseUrl } from '../request-context.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { catalogSettings } from '../catalog/routes.ts'
import { openApiDocument } from './document.ts'
import { docsPage } from './docs-page.ts'

const schemaFolder = fileURLToPath(new URL('../../../schemas/', import.meta.url))
/** The model's schemas (not the vendored ones under schemas/vendor/), read once: they change only with a release. */
const schemaFiles = new Map(readdirSync(schemaFolder).filter((f) => /^[a-z-]+\.schema\.json$/.test(f)).sort().map((f) => [f, readFileSync(schemaFolder + f, 'utf8')]))

export const openApiRoutes = new Hono<AppEnv>()

openApiRoutes.get('/openapi.json', (c) => {
  noParameters(c)
  return cached(c, JSON.stringify(documentFor(c), null, 2), 'application/json; charset=utf-8')
})

openApiRoutes.get('/docs', (c) => {
  noParameters(c)
  return cached(c, docsPage(documentFor(c)), 'text/html; charset=utf-8')
})

openApiRoutes.get('/schemas', (c) => {
  noParameters(c)
  const base = baseUrl(c)
  return cached(c, JSON.stringify({ items: [...schemaFiles.keys()].map((name) => ({ name, url: `${base}/schemas/${name}` })) }), 'application/json; charset=utf-8')
})

openApiRoutes.get('/schemas/:name', (c) => {
  noParameters(c)
  const name = c.req.param('name')
  const text = schemaFiles.get(name)
  if (text === undefined) return problem(c, { title: 'Not found', status: 404, detail: `No schema ${JSON.stringify(name.slice(0, 100))}; GET /schemas lists them: ${[...schemaFiles.keys()].join(', ')}.` })
  return cached(c, text, 'application/schema+json')
})

openApiRoutes.on([...OTHER_METHODS], ['/openapi.json', '/docs', '/schemas', '/schemas/:name'], methodNotAllowed(['GET', 'HEAD']))

function noParameters(c: Context<AppEnv>): void {
  new ParamReader(new URL(c.req.url).searchParams, []).done()
}

function documentFor(c: Context<AppEnv>): Record<string, unknown> {
  const settings = catalogSettings(c.get('options'))
  return openApiDocument(baseUrl(c), { name: settings.contactName, email: settings.contactEmail })
}

function cached(c: Context<AppEnv>, body: string, contentType: string): Response {
  const unchanged = notModified(c, { etag: bodyTag(body) })
  if (unchanged) return unchanged
  return c.body(body, 200, { 'Content-Type': contentType })
}
