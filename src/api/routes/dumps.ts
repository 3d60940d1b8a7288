// /api/v1/dumps: the whole aggregate (or one source's, or one institution's part) as gzip-compressed NDJSON or CSV,
// streamed in flat memory; the index lists them. Consumers who want everything should take these, not page the API.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app.ts'
import type { Entity } from '../../model/index.ts'
import { COLLECTIONS, isCollection, type Collection } from '../collections.ts'
import { FILTERS, readFilters, withoutDisabledSources, type EntityFilters } from '../filters.ts'
import { ParamReader } from '../params.ts'
import { baseUrl, dataVersion, knownSourceIds, lastModifiedOf } from '../request-context.ts'
import { notModified, versionTag } from '../conditional.ts'
import { problem } from '../problem.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { entityBatches } from '../entity-batches.ts'
import { publicEntity, publicJson } from '../public-entity.ts'
import { csvOf } from '../../publish/csv.ts'
import { webStream } from '../../publish/stream.ts'
import { slug } from '../../db/entity-index.ts'

export const dumpsRoutes = new Hono<AppEnv>()

export const DUMP_FORMATS = {
  ndjson: { mediaType: 'application/x-ndjson' },
  csv: { mediaType: 'text/csv; charset=utf-8' },
} as const
type DumpFormat = keyof typeof DUMP_FORMATS

/** `outputs.ndjson.gz` → the collection and format; null for any other name. */
export function parseDumpName(name: string): { collection: Collection; format: DumpFormat } | null {
  const m = /^([a-z]+)\.(ndjson|csv)\.gz$/.exec(name)
  if (!m || !isCollection(m[1]!)) return null
  return { collection: m[1] as Collection, format: m[2] as DumpFormat }
}

dumpsRoutes.get('/', (c) => {
  const { db, sources } = c.get('options')
  new ParamReader(new URL(c.req.url).searchParams, []).done()
  const base = `${baseUrl(c)}/api/v1/dumps`
  const view = dataVersion(c)
  const { disabled } = view
  const counts = new Map((db.$client.prepare('SELECT kind, count(*) AS n FROM entity_index WHERE deleted = 0 GROUP BY kind').all() as { kind: string; n: number }[]).map((r) => [r.kind, r.n]))
  const modified = [db.$client.prepare('SELECT max(modified_at) FROM entity_index').pluck().get() as string | null, ...view.switched.map(([, at]) => at)]
    .reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null)
  const dumps: Record<string, unknown>[] = []
  const entry = (scope: Record<string, string>, path: string, collection: Collection, records: number | null) => {
    for (const format of Object.keys(DUMP_FORMATS) as DumpFormat[]) {
      dumps.push({ collection, format, compression: 'gzip', media_type: DUMP_FORMATS[format].mediaType, ...scope, url: `${base}${path}/${collection}.${format}.gz`, records })
    }
  }
  // Counts before disabling are exact; with a disabled source they are upper bounds (hiding is decided at query time).
  const exact = disabled.length === 0
  for (const collection of Object.keys(COLLECTIONS) as Collection[]) entry({ scope: 'all' }, '', collection, exact ? counts.get(COLLECTIONS[collection]) ?? 0 : null)
  for (const source of [...sources].sort((a, b) => a.id.localeCompare(b.id))) {
    if (disabled.includes(source.id)) continue
    entry({ scope: 'source', source: source.id }, `/sources/${encodeURIComponent(source.id)}`, 'outputs', null)
  }
  const institutions = db.$client.prepare(`SELECT institution, count(*) AS n FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND institution IS NOT NULL GROUP BY institution ORDER BY institution`).all() as { institution: string; n: number }[]
  for (const { institution, n } of institutions) entry({ scope: 'institution', institution }, `/institutions/${encodeURIComponent(institution)}`, 'outputs', exact ? n : null)
  const body = {
    modified,
    note: 'Every dump is generated on request from the current data, gzip-compressed. NDJSON lines are the records as GET /api/v1/{collection}/{id} shows them, without `modified`; each dump URL also takes its collection\'s list filters (for instance ?type=c_6501&year=2020-).',
    dumps,
  }
  const unchanged = notModified(c, { etag: versionTag(view.watermark, disabled, view.switched, sources.map((s) => s.id), base), lastModified: modified })
  if (unchanged) return unchanged
  return c.json(body)
})

dumpsRoutes.get('/:file', (c) => dump(c, {}))
dumpsRoutes.get('/sources/:source/:file', (c) => {
  const source = c.req.param('source')
  if (!knownSourceIds(c).has(source)) return problem(c, { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(source.slice(0, 100))}; GET /api/v1/sources lists them.` })
  return dump(c, { source: [source] })
})
dumpsRoutes.get('/institutions/:institution/:file', (c) => {
  const institution = slug(c.req.param('institution'))
  if (!institution) return problem(c, { title: 'Not found', status: 404, detail: 'No such institution; GET /api/v1/dumps lists the institutions with dumps.' })
  return dump(c, { institution: [institution] })
})
dumpsRoutes.on([...OTHER_METHODS], ['/', '/:file', '/sources/:source/:file', '/institutions/:institution/:file'], methodNotAllowed(['GET', 'HEAD']))

function dump(c: Context<AppEnv>, scope: EntityFilters): Response {
  const { db } = c.get('options')
  const url = new URL(c.req.url)
  const name = c.req.param('file') ?? ''
  const parsed = parseDumpName(name)
  if (!parsed) {
    return problem(c, { title: 'Not found', status: 404, detail: `No dump named ${JSON.stringify(name.slice(0, 100))}: dumps are {${Object.keys(COLLECTIONS).join('|')}}.{ndjson|csv}.gz; GET /api/v1/dumps lists them.` })
  }
  const kind = COLLECTIONS[parsed.collection]
  // The path fixes the source or institution: the same filter in the query would be redundant, so it is refused.
  const allowed = FILTERS[kind].filter((f) => !(f in scope))
  const params = new ParamReader(url.searchParams, allowed)
  const filters = { ...readFilters(params, kind, () => knownSourceIds(c)), ...scope }
  params.done()
  const view = dataVersion(c)
  const { disabled } = view
  const unchanged = notModified(c, { etag: versionTag(view.watermark, disabled, view.switched, url.pathname, url.search), lastModified: lastModifiedOf(c, kind, view) })
  if (unchanged) return unchanged
  const scopeName = scope.source ? `-${scope.source[0]}` : scope.institution ? `-${scope.institution[0]}` : ''
  const headers = {
    'Content-Type': 'application/gzip',
    'Content-Disposition': `attachment; filename="${parsed.collection}${scopeName}.${parsed.format}.gz"`,
  }
  if (c.req.method === 'HEAD') return c.body(null, 200, headers)
  const rows = entityBatches(db, { kind, filters: withoutDisabledSources(filters, disabled), disabled })
  const chunks = parsed.format === 'ndjson'
    // The stored JSON is already the record's serialization: no parse and re-stringify per line.
    ? (function* () { for (const row of rows) yield `${publicJson(kind, row.json)}\n` })()
    : csvOf(kind).serialize((function* () { for (const row of rows) yield publicEntity(JSON.parse(row.json) as Entity) })())
  const stream = webStream(chunks, { gzip: true, onError: (error) => console.error('dump failed mid-stream', error) })
  return c.body(stream, 200, headers)
}
