// /openapi.json against the real app: every route the app answers is in the document and every documented path is
// answered; each route's query parameters (read from the app itself: an unknown parameter is a 400 that lists the
// accepted ones) are exactly those documented; every $ref resolves; every example is an answered request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inspectRoutes } from 'hono/dev'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import type { Source } from '../../harvesters/types.ts'
import { routeParameters } from '../../src/api/route-parameters.ts'

type Json = Record<string, unknown>
type App = ReturnType<HarvestedDb['app']>

const TOKEN = 'openapi-test-token'
const PROBE = 'zz_probe'
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
/** A source id the document's examples use; configured (without records) so that they can be answered. */
const EXAMPLE_SOURCE: Source = { id: 'alicia-oai-dc', name: 'ALICIA', institution: 'CONCYTEC', role: 'aggregator', baseUrl: 'http://127.0.0.1:9/oai', metadataPrefix: 'oai_dc' }

let harvested: HarvestedDb
let app: App
let doc: Json
let paths: Record<string, Record<string, Json>>

beforeAll(async () => {
  harvested = await harvestedDb()
  app = harvested.app({ adminToken: TOKEN, sources: [...harvested.sources, EXAMPLE_SOURCE] })
  const response = await app.request('/openapi.json')
  expect(response.status).toBe(200)
  doc = await response.json() as Json
  paths = doc.paths as typeof paths
}, 120_000)

afterAll(async () => { await harvested?.close() })

const request = (method: string, url: string, init: RequestInit = {}) =>
  app.request(url, { method, ...init, headers: { Authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } })

/** Values for path parameters, by name: real ones where the route looks them up before reading the query. */
function sample(name: string, parameter?: Json): string {
  if (name === 'source') return harvested.sources[0]!.id
  if (name === 'file') return 'outputs.ndjson.gz'
  if (name === 'name') return 'research-output.schema.json'
  const schema = parameter?.schema as { enum?: string[] } | undefined
  return String(parameter?.example ?? schema?.enum?.[0] ?? 'sample')
}

function resolveParameter(p: Json): Json {
  if (typeof p.$ref !== 'string') return p
  const name = p.$ref.replace('#/components/parameters/', '')
  return (doc.components as { parameters: Record<string, Json> }).parameters[name]!
}

interface DocOperation { method: string; template: string; url: string; query: string[]; op: Json }

function documentedOperations(): DocOperation[] {
  const out: DocOperation[] = []
  for (const [template, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method.toLowerCase()]
      if (!op) continue
      const parameters = ((op.parameters as Json[] | undefined) ?? []).map(resolveParameter)
      const url = template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(sample(name, parameters.find((p) => p.in === 'path' && p.name === name))))
      out.push({ method, template, url, query: parameters.filter((p) => p.in === 'query').map((p) => String(p.name)).sort(), op })
    }
  }
  return out
}

/** The app's own routes: handlers (not middleware) that answer something other than 405 for their method. */
async function appOperations(): Promise<{ method: string; path: string; pattern: RegExp }[]> {
  const seen = new Set<string>()
  const out: { method: string; path: string; pattern: RegExp }[] = []
  for (const route of inspectRoutes(app)) {
    if (route.isMiddleware || route.path.includes('*')) continue
    for (const method of route.method === 'ALL' ? METHODS : [route.method as (typeof METHODS)[number]]) {
      const key = `${method} ${route.path}`
      if (seen.has(key)) continue
      seen.add(key)
      const url = route.path.replace(/:([A-Za-z_]+)(\{[^}]*\})?/g, (_, name: string) => encodeURIComponent(sample(name)))
      const response = await request(method, `${url}?${PROBE}=1`)
      if (response.status === 405) continue
      out.push({ method, path: route.path, pattern: new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/:[A-Za-z_]+(\{[^}]*\})?/g, '[^/]+')}$`) })
    }
  }
  return out
}

/** The query parameters a route accepts, as its 400 for an unknown parameter lists them; null when it did not say. */
async function acceptedParameters(method: string, url: string): Promise<string[] | null> {
  const response = await request(method, `${url}?${PROBE}=1`)
  if (response.status !== 400) return null
  expect(response.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  const body = await response.json() as { errors?: { parameter: string; message: string }[] }
  const error = body.errors?.find((e) => e.parameter === PROBE)
  const m = error && /this route accepts (.*)$/.exec(error.message)
  if (!m) return null
  return m[1] === 'no parameters' ? [] : m[1]!.split(', ').sort()
}

describe('/openapi.json', () => {
  it('is an OpenAPI 3.1 document: info, servers, paths with operations, unique operation ids, declared path parameters', () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/)
    const info = doc.info as Json
    expect(typeof info.title).toBe('string')
    expect(typeof info.version).toBe('string')
    expect(Object.keys(paths).length).toBeGreaterThan(20)
    const ids = new Set<string>()
    for (const { template, op, method } of documentedOperations()) {
      expect(template.startsWith('/'), template).toBe(true)
      expect(Object.keys(op.responses as Json).length, `${method} ${template}`).toBeGreaterThan(0)
      expect(ids.has(String(op.operationId)), `duplicate ${String(op.operationId)}`).toBe(false)
      ids.add(String(op.operationId))
      expect(typeof op.summary).toBe('string')
      expect(typeof op['x-summary-es']).toBe('string')
      const declared = ((op.parameters as Json[] | undefined) ?? []).map(resolveParameter).filter((p) => p.in === 'path').map((p) => String(p.name)).sort()
      const inTemplate = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).sort()
      expect(declared, `${method} ${template}: path parameters`).toEqual(inTemplate)
      for (const p of ((op.parameters as Json[] | undefined) ?? []).map(resolveParameter)) {
        expect(typeof p.description, `${method} ${template} ${String(p.name)}`).toBe('string')
        expect(p.schema, `${method} ${template} ${String(p.name)}`).toBeTypeOf('object')
      }
    }
  })

  it('resolves every $ref, inside the document and to the JSON Schemas it serves', async () => {
    const base = (doc.servers as { url: string }[])[0]!.url
    const refs = new Set<string>()
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(walk)
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === '$ref' && typeof v === 'string') refs.add(v)
          else walk(v)
        }
      }
    }
    walk(doc)
    expect(refs.size).toBeGreaterThan(10)
    const pointer = (root: unknown, fragment: string) => fragment.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Json)[key] : undefined), root)
    for (const ref of refs) {
      const [location, fragment = ''] = ref.split('#')
      let target: unknown = doc
      if (location) {
        expect(location.startsWith(`${base}/`), ref).toBe(true)
        const response = await app.request(location.slice(base.length))
        expect(response.status, ref).toBe(200)
        target = await response.json()
      }
      expect(fragment === '' ? target : pointer(target, fragment), ref).toBeDefined()
    }
  })

  it('documents every route the app answers, and every documented operation is answered', async () => {
    const actual = await appOperations()
    const documented = documentedOperations()
    const undocumented = actual.filter((a) => !documented.some((d) => d.method === a.method && a.pattern.test(d.url))).map((a) => `${a.method} ${a.path}`)
    expect(undocumented, 'routes missing from /openapi.json').toEqual([])
    const unanswered = documented.filter((d) => !actual.some((a) => a.method === d.method && a.pattern.test(d.url))).map((d) => `${d.method} ${d.template}`)
    expect(unanswered, 'documented operations the app does not have').toEqual([])
  }, 60_000)

  it('documents exactly the query parameters each route accepts', async () => {
    const mismatches: string[] = []
    for (const d of documentedOperations()) {
      if (d.template === '/oai') continue // OAI-PMH arguments: the next test
      const accepted = await acceptedParameters(d.method, d.url)
      if (accepted === null) mismatches.push(`${d.method} ${d.template}: does not reject an unknown parameter with a 400 listing what it accepts`)
      else if (accepted.join() !== d.query.join()) mismatches.push(`${d.method} ${d.template}: app accepts [${accepted.join(', ')}], document says [${d.query.join(', ')}]`)
    }
    expect(mismatches).toEqual([])
  }, 60_000)

  it('agrees with the routes\' declared parameter lists (src/api/route-parameters.ts)', () => {
    const documented = documentedOperations()
    const disagreements: string[] = []
    for (const [key, accepted] of Object.entries(routeParameters())) {
      const [method, path] = key.split(' ') as [string, string]
      const pattern = new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`)
      // The same path, else (for {file}, which stands for every collection's dump) the outputs dump, whose list is declared.
      const shape = (template: string) => template.replace(/\{[^}]+\}/g, '{}')
      const same = documented.filter((d) => d.method === method && shape(d.template) === shape(path))
      const matching = same.length > 0 ? same : documented.filter((d) => d.method === method && pattern.test(d.url) && (!path.endsWith('{file}') || d.url.includes('/outputs.')))
      if (matching.length === 0) disagreements.push(`${key}: not documented`)
      for (const d of matching) if (d.query.join() !== [...accepted].sort().join()) disagreements.push(`${key}: declared [${[...accepted].sort().join(', ')}], documented for ${d.template} [${d.query.join(', ')}]`)
    }
    expect(disagreements).toEqual([])
  })

  it('documents the OAI-PMH arguments /oai reads, and /oai refuses any other', async () => {
    const documented = documentedOperations().find((d) => d.template === '/oai' && d.method === 'GET')!.query
    expect(documented).toEqual(['from', 'identifier', 'metadataPrefix', 'resumptionToken', 'set', 'until', 'verb'])
    const badArgument = async (query: string) => (await (await app.request(`/oai?${query}`)).text()).includes('code="badArgument"')
    expect(await badArgument(`verb=Identify&${PROBE}=1`)).toBe(true)
    const uses: Record<string, string> = {
      verb: 'verb=Identify',
      identifier: 'verb=ListMetadataFormats&identifier=oai:redcti.localhost:none',
      metadataPrefix: 'verb=ListRecords&metadataPrefix=oai_dc',
      from: 'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2000-01-01',
      until: 'verb=ListIdentifiers&metadataPrefix=oai_dc&until=2100-01-01',
      set: 'verb=ListIdentifiers&metadataPrefix=oai_dc&set=none',
      resumptionToken: 'verb=ListRecords&resumptionToken=none',
    }
    for (const name of documented) expect(await badArgument(uses[name]!), name).toBe(false)
    // The POST form takes the same arguments (Spec §3.1.1.2).
    const post = await app.request('/oai', { method: 'POST', body: 'verb=Identify', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })
    expect(await post.text()).toContain('<Identify>')
  })

  it('gives examples that are requests to their own operation, and the app answers them', async () => {
    const failures: string[] = []
    let tried = 0
    for (const d of documentedOperations()) {
      const pattern = new RegExp(`^${d.template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`)
      for (const example of (d.op['x-examples'] as string[] | undefined) ?? []) {
        const url = new URL(example, 'http://x')
        if (!pattern.test(url.pathname)) failures.push(`${example}: not a request to ${d.template}`)
        for (const name of url.searchParams.keys()) if (!d.query.includes(name)) failures.push(`${example}: ${name} is not a parameter of ${d.template}`)
        const response = await app.request(example, { method: d.method })
        tried++
        // An item example names an id of a real deployment: 404 here is fine, anything else must succeed.
        const ok = response.status < 300 || (response.status === 404 && d.template.includes('{'))
        if (!ok) failures.push(`${example}: ${response.status} ${(await response.text()).slice(0, 200)}`)
      }
    }
    expect(tried).toBeGreaterThan(30)
    expect(failures).toEqual([])
  }, 60_000)
})

describe('/docs', () => {
  it('is an HTML page with Spanish and English headings, every documented operation and its examples as links', async () => {
    const response = await app.request('/docs')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/)
    const html = await response.text()
    expect(html).toMatch(/<html lang="es">/)
    expect(html).toContain('Convenciones <span class="en" lang="en">/ Conventions</span>')
    expect(html).toContain('Volcados <span class="en" lang="en">/ Dumps</span>')
    for (const d of documentedOperations()) {
      expect(html, `${d.method} ${d.template}`).toContain(`id="${String(d.op.operationId)}"`)
      expect(html).toContain(`<code>${d.template.replace(/&/g, '&amp;')}</code>`)
    }
    expect(html).toContain('href="http://localhost/api/v1/indicators?by=year,type&amp;institution=pontificia-universidad-catolica-del-peru"')
    expect(html).not.toMatch(/undefined|\[object Object\]/)
  })
})

describe('/schemas', () => {
  it('serves every model JSON Schema the document refers to, and 404s with problem+json for others', async () => {
    const list = await (await app.request('/schemas')).json() as { items: { name: string; url: string }[] }
    expect(list.items.map((i) => i.name)).toEqual(expect.arrayContaining(['research-output.schema.json', 'dmp.schema.json', 'person.schema.json']))
    const schema = await app.request('/schemas/research-output.schema.json')
    expect(schema.headers.get('Content-Type')).toBe('application/schema+json')
    expect((await schema.json() as Json).$id).toBe('https://redcti.pe/schemas/research-output.schema.json')
    const missing = await app.request('/schemas/nothing.schema.json')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
    expect((await app.request('/schemas/../package.json')).status).toBe(404)
    expect((await app.request('/schemas/vendor/pod-1.1/catalog.json')).status).toBe(404)
  })
})
