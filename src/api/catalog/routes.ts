// /data.json (Project Open Data v1.1), /catalog.jsonld and /catalog.ttl (DCAT-AP 3), and /catalog (either, by
// Accept): the catalog of what redcti publishes, for the PNDA (DKAN harvests data.json) and DCAT harvesters.
import { Hono, type Context } from 'hono'
import type { AppEnv, AppOptions } from '../app.ts'
import type { Db } from '../../db/open.ts'
import { ParamReader } from '../params.ts'
import { notModified, versionTag } from '../conditional.ts'
import { baseUrl, dataVersion } from '../request-context.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { readCatalogFacts, type CatalogFacts } from './catalog-facts.ts'
import { DEFAULT_CATALOG_SETTINGS, describeCatalog, type CatalogSettings } from './describe-catalog.ts'
import type { Catalog } from './catalog.ts'
import { dataJson } from './data-json.ts'
import { dcatGraph } from './dcat-graph.ts'
import { toJsonLd } from './dcat-jsonld.ts'
import { toTurtle } from './dcat-turtle.ts'
import { responseHeaders, send } from '../response-headers.ts'

// Publisher and contact ride on the app's options (`redcti serve` deployments set the real contact address).
declare module '../app.ts' {
  interface AppOptions {
    catalog?: Partial<CatalogSettings>
  }
}

export const CATALOG_PATHS = ['/data.json', '/catalog.jsonld', '/catalog.ttl', '/catalog'] as const

type Serialization = 'data.json' | 'jsonld' | 'turtle'

const CONTENT_TYPES: Record<Serialization, string> = {
  'data.json': 'application/json; charset=utf-8',
  jsonld: 'application/ld+json',
  turtle: 'text/turtle; charset=utf-8',
}

export function catalogSettings(options: AppOptions): CatalogSettings {
  return {
    ...DEFAULT_CATALOG_SETTINGS,
    // One address for operators: the OAI-PMH adminEmail when no catalog contact is configured.
    ...(options.oai?.adminEmails?.[0] ? { contactEmail: options.oai.adminEmails[0] } : {}),
    ...options.catalog,
  }
}

export const catalogRoutes = new Hono<AppEnv>()

catalogRoutes.get('/data.json', (c) => answer(c, 'data.json'))
catalogRoutes.get('/catalog.jsonld', (c) => answer(c, 'jsonld'))
catalogRoutes.get('/catalog.ttl', (c) => answer(c, 'turtle'))
// The IRIs of the catalog's resources are `/catalog#…`: dereferencing one gives the catalog in the form asked for.
catalogRoutes.get('/catalog', (c) => {
  const accept = (c.req.header('Accept') ?? '').toLowerCase()
  responseHeaders(c).vary = 'Accept'
  return answer(c, /text\/turtle/.test(accept) && !/application\/ld\+json/.test(accept) ? 'turtle' : 'jsonld')
})
catalogRoutes.on([...OTHER_METHODS], [...CATALOG_PATHS], methodNotAllowed(['GET', 'HEAD']))

function answer(c: Context<AppEnv>, serialization: Serialization): Response {
  new ParamReader(new URL(c.req.url).searchParams, []).done()
  const options = c.get('options')
  const { watermark, disabled } = dataVersion(c)
  const base = baseUrl(c)
  const facts = cachedFacts(options, watermark, disabled)
  const unchanged = notModified(c, { etag: versionTag(watermark, disabled, base, serialization, options.catalog ?? null), lastModified: disabled.length > 0 ? null : facts.modified })
  if (unchanged) return unchanged
  const catalog = describeCatalog(facts, base, catalogSettings(options))
  return send(c, serialize(catalog, serialization), 200, CONTENT_TYPES[serialization])
}

export function serialize(catalog: Catalog, serialization: Serialization): string {
  if (serialization === 'data.json') return JSON.stringify(dataJson(catalog), null, 2)
  if (serialization === 'jsonld') return JSON.stringify(toJsonLd(dcatGraph(catalog)), null, 2)
  return toTurtle(dcatGraph(catalog))
}

// The facts take grouped scans of entity_index: computed once per data version, not once per request.
const factsCache = new WeakMap<Db, { key: string; facts: CatalogFacts }>()

function cachedFacts(options: AppOptions, watermark: number, disabled: string[]): CatalogFacts {
  const key = JSON.stringify([watermark, disabled])
  const hit = factsCache.get(options.db)
  if (hit?.key === key) return hit.facts
  const facts = readCatalogFacts(options.db, options.sources, disabled)
  factsCache.set(options.db, { key, facts })
  return facts
}

