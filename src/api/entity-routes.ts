// The two routes every entity collection has (outputs, dmps, projects, fundings, persons, organisations): the
// filtered, sorted, cursor-paged list (or change feed) and the item, in JSON, JSON-LD or CSV.
import { Hono } from 'hono'
import type { AppEnv } from './app.ts'
import type { Entity } from '../model/index.ts'
import { COLLECTIONS, collectionOfKind, type Collection } from './collections.ts'
import { ParamReader } from './params.ts'
import { FILTERS, readFilters, withoutDisabledSources } from './filters.ts'
import { readFullText } from './full-text.ts'
import { CURSOR_KEY, SORTS, readsYearRuns, runList, yearsInRange, type ListRow, type ListSpec, type Sort } from './entity-list.ts'
import { decodeCursor, encodeCursor, fingerprint, type Cursor } from './cursor.ts'
import { negotiate, type Format } from './negotiate.ts'
import { entityTag, notModified, versionTag } from './conditional.ts'
import { baseUrl, dataVersion, knownSourceIds, lastModifiedOf, observedOnce } from './request-context.ts'
import { publicEntity, publicJsonBytes, servedAsStored } from './public-entity.ts'
import { effectiveModified, isHidden, sourcesMatter } from './visibility.ts'
import { problem } from './problem.ts'
import { methodNotAllowed, OTHER_METHODS } from './method-not-allowed.ts'
import { createJsonLdExporter, jsonLdDocument } from '../publish/jsonld.ts'
import { csvOf } from '../publish/csv.ts'
import { prepared } from '../db/statement-cache.ts'
import { responseHeaders, send } from './response-headers.ts'

export const DEFAULT_PER_PAGE = 25
export const MAX_PER_PAGE = 200
export const LIST_FORMATS: readonly Format[] = ['json', 'jsonld', 'csv']

/** Query parameters of a collection's list, in the order the docs show them. */
export function listParameters(collection: Collection): string[] {
  return [...FILTERS[COLLECTIONS[collection]], 'q', 'sort', 'since', 'cursor', 'per_page', 'format']
}

export const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  jsonld: 'application/ld+json',
  csv: 'text/csv; charset=utf-8; header=present',
}

export function entityRoutes(collection: Collection): Hono<AppEnv> {
  const kind = COLLECTIONS[collection]
  const routes = new Hono<AppEnv>()

  routes.get('/', (c) => {
    const { db } = c.get('options')
    const url = new URL(c.req.url)
    const params = new ParamReader(url.searchParams, listParameters(collection))
    const negotiated = negotiate(params, c.req.header('Accept'), LIST_FORMATS)
    const filters = readFilters(params, kind, () => knownSourceIds(c))
    const { q, match } = readFullText(params)
    const since = params.dateTime('since')
    let sort = params.oneOf<Sort>('sort', SORTS)
    if (since !== undefined) {
      if (sort !== undefined && sort !== 'modified') params.fail('sort', 'since= lists changes in modification order: leave sort out or give sort=modified')
      if (q !== undefined) params.fail('q', 'cannot be combined with since= (the change feed lists deletions, which have no text)')
      if (negotiated.ok && negotiated.format !== 'json') params.fail('format', 'the change feed (since=) is JSON only: tombstones have no JSON-LD or CSV form')
      sort = 'modified'
    }
    if (sort === 'relevance' && match === undefined) params.fail('sort', 'relevance orders by how well records match q=; give q=')
    const order: Sort = sort ?? (match !== undefined ? 'relevance' : 'id')
    const perPage = params.int('per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE
    const queryPrint = fingerprint([kind, filters, match ?? null, since ?? null, order])
    let cursor: Cursor | undefined
    const rawCursor = params.string('cursor')
    if (rawCursor !== undefined && rawCursor !== '*') {
      const decoded = decodeCursor(rawCursor, { sort: order, fingerprint: queryPrint, key: CURSOR_KEY[order] })
      if (decoded.ok) cursor = decoded.cursor
      else params.fail('cursor', decoded.message)
    }
    params.done()
    if (!negotiated.ok) return problem(c, { title: 'Not acceptable', status: 406, detail: negotiated.detail })
    const format = negotiated.format

    const view = dataVersion(c)
    const { disabled, switched } = view
    responseHeaders(c).vary = 'Accept'
    const base = baseUrl(c)
    // The links in the body name the base URL: a request to another host name gets another tag.
    const unchanged = notModified(c, { etag: versionTag(view.watermark, disabled, switched, base, url.pathname, url.search, format), lastModified: lastModifiedOf(c, kind, view) })
    if (unchanged) return unchanged

    const spec: ListSpec = {
      kind, filters: since !== undefined ? filters : withoutDisabledSources(filters, disabled), match, since, sort: order, cursor, limit: perPage, disabled, switched,
    }
    // The years a range holds change only with the data: looked up once per state of it, not per page.
    if (readsYearRuns(spec)) {
      const range = spec.filters.year!
      spec.years = observedOnce(c, `years ${kind} ${range.from} ${range.to}`, () => yearsInRange(db, kind, range))
    }
    // JSON pages are assembled from the stored bytes; the other formats parse each record.
    const { rows, next } = format === 'json' ? runList(db, spec, 'bytes') : runList(db, spec, 'text')
    const nextCursor = next ? encodeCursor(next, queryPrint) : null
    const nextUrl = nextCursor ? pageUrl(base, url, nextCursor) : null
    if (nextUrl) responseHeaders(c).link = `<${nextUrl}>; rel="next"`

    if (format === 'json') {
      const meta = { count: rows.length, per_page: perPage, sort: order, ...(since !== undefined ? { since } : {}), next_cursor: nextCursor }
      const links = { self: `${base}${url.pathname}${url.search}`, next: nextUrl }
      const parts: Buffer[] = [Buffer.from(`{"meta":${JSON.stringify(meta)},"links":${JSON.stringify(links)},"items":[`)]
      rows.forEach((row, k) => {
        if (k > 0) parts.push(COMMA)
        parts.push(...itemJson(kind, row as ListRow<Buffer>))
      })
      parts.push(END_ITEMS)
      return send(c, Buffer.concat(parts), 200, CONTENT_TYPES.json)
    }
    const entities = (rows as ListRow[]).map((r) => publicEntity(JSON.parse(r.json!) as Entity))
    const exporter = format === 'jsonld' ? createJsonLdExporter({ idOf: (e) => itemUrl(base, e) }) : csvOf(kind)
    return send(c, [...exporter.serialize(entities)].join(''), 200, CONTENT_TYPES[format])
  })

  routes.get('/:id', (c) => {
    const { db } = c.get('options')
    const id = c.req.param('id')
    // The query string alone: parsing the whole URL cost as much as the rest of the parameter handling.
    const query = c.req.url.indexOf('?')
    const params = new ParamReader(new URLSearchParams(query === -1 ? '' : c.req.url.slice(query + 1)), ['format'])
    const negotiated = negotiate(params, c.req.header('Accept'), LIST_FORMATS)
    params.done()
    if (!negotiated.ok) return problem(c, { title: 'Not acceptable', status: 406, detail: negotiated.detail })
    // The stored JSON as bytes: a JSON answer sends them as they are (see storedOf in ./entity-list.ts).
    // An item's sources matter only while a source is disabled or was switched: otherwise entities alone answers,
    // two B-tree descents instead of four (entity_index holds the same kind, deleted and modified_at).
    const view = dataVersion(c)
    const row = (!sourcesMatter(view)
      ? prepared(db, "SELECT kind, deleted, modified_at AS modified, '' AS sources, CAST(json AS BLOB) AS json, hash FROM entities WHERE id = ?")
      : prepared(db, 'SELECT i.kind, i.deleted, i.modified_at AS modified, i.sources, CAST(e.json AS BLOB) AS json, e.hash FROM entity_index i LEFT JOIN entities e ON e.id = i.id WHERE i.id = ?')
    ).get(id) as { kind: string; deleted: number; modified: string; sources: string; json: Buffer | null; hash: string | null } | undefined
    const shown = JSON.stringify(id.length > 100 ? `${id.slice(0, 100)}…` : id)
    if (!row || row.kind !== kind) {
      const elsewhere = row && Object.hasOwn(collectionOfKind, row.kind) ? ` It is a ${row.kind}: /api/v1/${collectionOfKind[row.kind as keyof typeof collectionOfKind]}/${encodeURIComponent(id)}.` : ''
      return problem(c, { title: 'Not found', status: 404, detail: `No ${kind} with id ${shown}.${elsewhere}` })
    }
    if (row.deleted === 1 || row.json === null) {
      return problem(c, { title: 'Gone', status: 410, detail: `The ${kind} ${shown} was deleted at ${row.modified}.`, modified: row.modified })
    }
    const modified = effectiveModified(row.modified, row.sources, view.switched)
    if (isHidden(row.sources, view.disabled)) {
      return problem(c, { title: 'Gone', status: 410, detail: `The ${kind} ${shown} is withdrawn (at ${modified}): every source holding it is disabled.`, modified })
    }
    const format = negotiated.format
    responseHeaders(c).vary = 'Accept'
    const etag = row.hash && servedAsStored(kind) ? entityTag(row.hash, modified, format) : versionTag(id, modified, format)
    const unchanged = notModified(c, { etag, lastModified: modified })
    if (unchanged) return unchanged
    if (format === 'json') return send(c, Buffer.concat(withModified(publicJsonBytes(kind, row.json), modified)), 200, CONTENT_TYPES.json)
    const entity = publicEntity(JSON.parse(row.json.toString('utf8')) as Entity)
    if (format === 'jsonld') {
      return send(c, JSON.stringify(jsonLdDocument(entity, { idOf: (e) => itemUrl(baseUrl(c), e) })), 200, CONTENT_TYPES.jsonld)
    }
    return send(c, [...csvOf(kind).serialize([entity])].join(''), 200, CONTENT_TYPES.csv)
  })

  routes.on([...OTHER_METHODS], ['/', '/:id'], methodNotAllowed(['GET', 'HEAD']))
  return routes
}

/** Where an entity is served: its JSON-LD `@id`. */
export function itemUrl(base: string, entity: Pick<Entity, 'id' | 'kind'>): string {
  const collection = (collectionOfKind as Record<string, string | undefined>)[entity.kind] ?? 'entities'
  return `${base}/api/v1/${collection}/${encodeURIComponent(entity.id)}`
}

/** The same request with another cursor: every filter carries over to the next page. */
function pageUrl(base: string, url: URL, cursor: string): string {
  const search = new URLSearchParams(url.search)
  search.set('cursor', cursor)
  return `${base}${url.pathname}?${search.toString()}`
}

const COMMA = Buffer.from(',')
const END_ITEMS = Buffer.from(']}')

/** An item as the JSON API shows it, in pieces: the stored entity plus its modification time; a tombstone is `{id, deleted, modified}`. */
function itemJson(kind: string, row: ListRow<Buffer>): Buffer[] {
  if (row.deleted || row.json === null) return [Buffer.from(JSON.stringify({ id: row.id, deleted: true, modified: row.modified }))]
  return withModified(publicJsonBytes(kind, row.json), row.modified)
}

const CLOSING_BRACE = 0x7d

/** The stored object with `"modified"` added as its last member, in pieces to concatenate (no copy of the record). */
export function withModified(json: Buffer, modified: string): Buffer[] {
  return [json.subarray(0, json.lastIndexOf(CLOSING_BRACE)), Buffer.from(`,"modified":${JSON.stringify(modified)}}`)]
}
