// /api/v1/indicators: how many research outputs there are by institution, year, OCDE area, type, access right and
// language, under the same filters as /outputs (so: theses of one institution by year). Grouped by SQLite over entity_index.
import { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import { ParamReader } from '../params.ts'
import { FILTERS, filterSql, readFilters, withoutDisabledSources } from '../filters.ts'
import { readFullText } from '../full-text.ts'
import { hiddenSql } from '../visibility.ts'
import { negotiate } from '../negotiate.ts'
import { notModified, versionTag } from '../conditional.ts'
import { problem } from '../problem.ts'
import { dataVersion, knownSourceIds, lastModifiedOf } from '../request-context.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { accessRight, lookupFord, resourceType } from '../../vocab/index.ts'
import { slug } from '../../db/entity-index.ts'
import { stringify } from 'csv-stringify/sync'
import { responseHeaders } from '../response-headers.ts'

export const indicatorsRoutes = new Hono<AppEnv>()

/** Dimension name → entity_index column. */
export const DIMENSIONS = {
  institution: 'i.institution', year: 'i.year', ford_area: 'i.ford_area', type: 'i.type_uri', access: 'i.access_uri', language: 'i.language',
} as const
type Dimension = keyof typeof DIMENSIONS

export const INDICATOR_PARAMETERS = [...FILTERS['research-output'], 'q', 'by', 'format'] as const

interface Count { value: string | number | null; label: string | null; label_es?: string | null; count: number }

indicatorsRoutes.get('/', (c) => {
  const { db, sources } = c.get('options')
  const url = new URL(c.req.url)
  const params = new ParamReader(url.searchParams, INDICATOR_PARAMETERS)
  const negotiated = negotiate(params, c.req.header('Accept'), ['json', 'csv'])
  const filters = readFilters(params, 'research-output', () => knownSourceIds(c))
  const { match } = readFullText(params)
  const by = params.list('by') ?? Object.keys(DIMENSIONS)
  const unknown = by.filter((d) => !Object.hasOwn(DIMENSIONS, d))
  if (unknown.length > 0) params.fail('by', `expected some of ${Object.keys(DIMENSIONS).join(', ')}`)
  params.done()
  if (!negotiated.ok) return problem(c, { title: 'Not acceptable', status: 406, detail: negotiated.detail })

  const view = dataVersion(c)
  const { disabled } = view
  responseHeaders(c).vary = 'Accept'
  const unchanged = notModified(c, { etag: versionTag(view.watermark, disabled, view.switched, url.pathname, url.search, negotiated.format), lastModified: lastModifiedOf(c, 'research-output', view) })
  if (unchanged) return unchanged

  const filter = filterSql(withoutDisabledSources(filters, disabled))
  const hidden = hiddenSql(disabled)
  const where = ["i.kind = 'research-output'", 'i.deleted = 0', ...(hidden ? [`NOT ${hidden.sql}`] : []), ...filter.conditions]
  const args = [...(hidden?.args ?? []), ...filter.args]
  const from = match !== undefined ? 'entity_text JOIN entity_index i ON i.rowid = entity_text.rowid' : 'entity_index i'
  if (match !== undefined) { where.unshift('entity_text MATCH ?'); args.unshift(match) }
  const clause = `FROM ${from} WHERE ${where.join(' AND ')}`
  const total = db.$client.prepare(`SELECT count(*) ${clause}`).pluck().get(...args) as number
  const institutionNames = new Map(sources.filter((s) => s.institution).map((s) => [slug(s.institution!), s.institution!]))
  const result: Partial<Record<Dimension, Count[]>> = {}
  for (const dimension of by as Dimension[]) {
    const rows = db.$client.prepare(`SELECT ${DIMENSIONS[dimension]} AS value, count(*) AS n ${clause} GROUP BY 1 ORDER BY n DESC, value`).all(...args) as { value: string | number | null; n: number }[]
    result[dimension] = rows.map((r) => ({ value: r.value, ...labels(dimension, r.value, institutionNames), count: r.n }))
  }
  if (negotiated.format === 'csv') {
    const lines = [stringify([['dimension', 'value', 'label', 'count']], { record_delimiter: 'windows' }), stringify([['total', '', '', String(total)]], { record_delimiter: 'windows' })]
    for (const [dimension, counts] of Object.entries(result)) {
      for (const n of counts) lines.push(stringify([[dimension, n.value === null ? '' : String(n.value), n.label ?? '', String(n.count)]], { record_delimiter: 'windows' }))
    }
    return c.body(lines.join(''), 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present' })
  }
  return c.json({ total, by: result })
})

indicatorsRoutes.on([...OTHER_METHODS], '/', methodNotAllowed(['GET', 'HEAD']))

function labels(dimension: Dimension, value: string | number | null, institutions: Map<string, string>): { label: string | null; label_es?: string | null } {
  if (value === null) return { label: null }
  switch (dimension) {
    case 'institution': return { label: institutions.get(String(value)) ?? null }
    case 'type': {
      const term = resourceType(String(value))
      return { label: term?.label ?? null, label_es: term?.labelEs ?? null }
    }
    case 'access': {
      const term = accessRight(String(value))
      return { label: term?.label ?? null, label_es: term?.labelEs ?? null }
    }
    case 'ford_area': {
      const concept = lookupFord(String(value))
      return { label: concept?.labelEn ?? concept?.label ?? null, label_es: concept?.label ?? null }
    }
    default: return { label: null }
  }
}
