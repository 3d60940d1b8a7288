// /api/v1/findings: compliance findings per source copy (issue #4), filtered by source, rule and severity, keyset-paged;
// /findings/summary counts them per source, rule and severity.
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app.ts'
import { ParamReader, shorten } from '../params.ts'
import { negotiate } from '../negotiate.ts'
import { decodeCursor, encodeCursor, fingerprint } from '../cursor.ts'
import { jsonResponse } from '../conditional.ts'
import { problem } from '../problem.ts'
import { baseUrl, knownSourceIds } from '../request-context.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { DEFAULT_PER_PAGE, MAX_PER_PAGE, itemUrl } from '../entity-routes.ts'
import { findingPage, type FindingFilter, type FindingPageRow } from '../finding-rows.ts'
import { ruleById } from '../../compliance/index.ts'
import { findingsCsv } from '../../compliance/findings-csv.ts'
import { createAttribution } from '../../compliance/institution.ts'
import { reportSources } from '../../compliance/report.ts'
import { responseHeaders } from '../response-headers.ts'

export const findingsRoutes = new Hono<AppEnv>()

export const FINDINGS_PARAMETERS = ['source', 'rule', 'severity', 'cursor', 'per_page', 'format'] as const
export const FINDINGS_SUMMARY_PARAMETERS = ['source', 'rule', 'severity'] as const
const SEVERITIES = ['error', 'warning', 'info']

function readFilter(c: Context<AppEnv>, params: ParamReader): FindingFilter {
  const filter: FindingFilter = {}
  const source = params.list('source')
  if (source) {
    const known = knownSourceIds(c)
    const unknown = source.filter((s) => !known.has(s))
    if (unknown.length > 0) params.fail('source', `unknown source ${unknown.map((u) => JSON.stringify(shorten(u))).join(', ')}; GET /api/v1/sources lists them`)
    else filter.source = source
  }
  const rule = params.list('rule', 100)
  if (rule) {
    const unknown = rule.filter((r) => !ruleById.has(r))
    if (unknown.length > 0) params.fail('rule', `unknown rule ${unknown.map((u) => JSON.stringify(shorten(u))).join(', ')}; the rule ids are those of GET /api/v1/reports (sources[].findings)`)
    else filter.rule = rule
  }
  const severity = params.list('severity')
  if (severity) {
    const unknown = severity.filter((s) => !SEVERITIES.includes(s))
    if (unknown.length > 0) params.fail('severity', `expected ${SEVERITIES.join(', ')}`)
    else filter.severity = severity
  }
  return filter
}

findingsRoutes.get('/', (c) => {
  const { db, sources } = c.get('options')
  const url = new URL(c.req.url)
  const params = new ParamReader(url.searchParams, FINDINGS_PARAMETERS)
  const negotiated = negotiate(params, c.req.header('Accept'), ['json', 'csv'])
  const filter = readFilter(c, params)
  const perPage = params.int('per_page', 1, MAX_PER_PAGE) ?? DEFAULT_PER_PAGE
  const queryPrint = fingerprint(['findings', filter])
  let after = 0
  const rawCursor = params.string('cursor')
  if (rawCursor !== undefined && rawCursor !== '*') {
    const decoded = decodeCursor(rawCursor, { sort: 'id', fingerprint: queryPrint, key: 'none' })
    if (decoded.ok && /^\d{1,15}$/.test(decoded.cursor.id)) after = Number(decoded.cursor.id)
    else params.fail('cursor', decoded.ok ? 'not a cursor this API issued' : decoded.message)
  }
  params.done()
  if (!negotiated.ok) return problem(c, { title: 'Not acceptable', status: 406, detail: negotiated.detail })
  const rows = findingPage(db, filter, after, perPage + 1)
  const page = rows.slice(0, perPage)
  const nextCursor = rows.length > perPage ? encodeCursor({ sort: 'id', key: null, id: String(page[page.length - 1]!.id) }, queryPrint) : null
  const base = baseUrl(c)
  let nextUrl: string | null = null
  if (nextCursor) {
    const search = new URLSearchParams(url.search)
    search.set('cursor', nextCursor)
    nextUrl = `${base}${url.pathname}?${search}`
    responseHeaders(c).link = `<${nextUrl}>; rel="next"`
  }
  responseHeaders(c).vary = 'Accept'
  if (negotiated.format === 'csv') {
    const all = reportSources(db, sources)
    const byId = new Map(all.map((s) => [s.id, s]))
    const attribute = createAttribution(all)
    const csv = [...findingsCsv(page, (row) => attribute(byId.get(row.sourceId) ?? { id: row.sourceId, role: 'repository' }, { repository: row.originalRepository, publisher: row.publisher }))].join('')
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present' })
  }
  return jsonResponse(c, { meta: { count: page.length, per_page: perPage, next_cursor: nextCursor }, links: { self: `${base}${url.pathname}${url.search}`, next: nextUrl }, items: page.map((r) => findingJson(base, r)) })
})

findingsRoutes.get('/summary', (c) => {
  const { db } = c.get('options')
  const params = new ParamReader(new URL(c.req.url).searchParams, FINDINGS_SUMMARY_PARAMETERS)
  const filter = readFilter(c, params)
  params.done()
  const parts: string[] = []
  const args: string[] = []
  for (const [column, values] of [['f.source_id', filter.source], ['f.rule_id', filter.rule], ['f.severity', filter.severity]] as const) {
    if (!values) continue
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`)
    args.push(...values)
  }
  const rows = db.$client.prepare(`SELECT f.source_id AS source, f.rule_id AS rule, f.severity, count(*) AS findings, count(DISTINCT f.record_id) AS records
    FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'
    ${parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : ''} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`).all(...args)
  return jsonResponse(c, { items: rows })
})

findingsRoutes.get('/:id', (c) => {
  const { db } = c.get('options')
  new ParamReader(new URL(c.req.url).searchParams, []).done()
  const id = c.req.param('id')
  const row = /^\d{1,15}$/.test(id) ? findingPage(db, {}, 0, 1, Number(id))[0] : undefined
  if (!row) return problem(c, { title: 'Not found', status: 404, detail: `No finding ${JSON.stringify(shorten(id))} (of a mapped record); GET /api/v1/findings lists them.` })
  return jsonResponse(c, findingJson(baseUrl(c), row))
})

findingsRoutes.on([...OTHER_METHODS], ['/', '/summary', '/:id'], methodNotAllowed(['GET', 'HEAD']))

function findingJson(base: string, r: FindingPageRow) {
  const rule = ruleById.get(r.ruleId)
  let values: unknown
  try { values = JSON.parse(r.values) } catch { values = [r.values] }
  return {
    id: r.id,
    source: r.sourceId,
    record: r.oaiIdentifier,
    copy: r.recordId,
    entity: r.clusterId,
    entity_url: r.clusterId ? itemUrl(base, { id: r.clusterId, kind: r.kind as never }) : null,
    landing_page: r.landingPage,
    rule: r.ruleId,
    severity: r.severity,
    path: r.path,
    values,
    message: rule?.message ?? null,
    fix: rule?.fix ?? null,
    checked: r.checkedAt,
  }
}
