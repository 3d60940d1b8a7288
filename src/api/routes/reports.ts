// /api/v1/reports: the compliance report of issue #4 (src/compliance/report.ts) for every source or one, as JSON,
// or its findings as the CSV a repository manager works through (streamed).
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../app.ts'
import { ParamReader, shorten } from '../params.ts'
import { negotiate } from '../negotiate.ts'
import { jsonResponse } from '../conditional.ts'
import { problem } from '../problem.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'
import { findingBatches } from '../finding-rows.ts'
import { buildReport, reportSources } from '../../compliance/report.ts'
import { findingsCsv } from '../../compliance/findings-csv.ts'
import { createAttribution } from '../../compliance/institution.ts'
import { webStream } from '../../publish/stream.ts'
import { responseHeaders } from '../response-headers.ts'

export const reportsRoutes = new Hono<AppEnv>()

export const REPORT_PARAMETERS = ['stale_days', 'format'] as const

reportsRoutes.get('/', (c) => report(c, undefined))
reportsRoutes.get('/:source', (c) => {
  const { db, sources } = c.get('options')
  const source = c.req.param('source')
  if (!reportSources(db, sources).some((s) => s.id === source)) {
    return problem(c, { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(shorten(source))}; GET /api/v1/sources lists them.` })
  }
  return report(c, source)
})
reportsRoutes.on([...OTHER_METHODS], ['/', '/:source'], methodNotAllowed(['GET', 'HEAD']))

function report(c: Context<AppEnv>, sourceId: string | undefined): Response {
  const { db, sources, now } = c.get('options')
  const params = new ParamReader(new URL(c.req.url).searchParams, REPORT_PARAMETERS)
  const negotiated = negotiate(params, c.req.header('Accept'), ['json', 'csv'])
  const staleDays = params.int('stale_days', 1, 3650) ?? 90
  params.done()
  if (!negotiated.ok) return problem(c, { title: 'Not acceptable', status: 406, detail: negotiated.detail })
  responseHeaders(c).vary = 'Accept'
  if (negotiated.format === 'json') {
    const today = (now?.() ?? new Date()).toISOString().slice(0, 10)
    return jsonResponse(c, buildReport(db, sources, { today, sourceId, staleDays }))
  }
  // The CSV of `redcti report --format csv`, read in batches so the connection is free for writers while it streams.
  const all = reportSources(db, sources)
  const byId = new Map(all.map((s) => [s.id, s]))
  const attribute = createAttribution(all)
  const lines = findingsCsv(findingBatches(db, sourceId ? { source: [sourceId] } : {}), (row) =>
    attribute(byId.get(row.sourceId) ?? { id: row.sourceId, role: 'repository' }, { repository: row.originalRepository, publisher: row.publisher }))
  const name = `findings${sourceId ? `-${sourceId}` : ''}.csv`
  if (c.req.method === 'HEAD') return c.body(null, 200, { 'Content-Type': 'text/csv; charset=utf-8; header=present' })
  return c.body(webStream(lines, { onError: (error) => console.error('findings CSV failed mid-stream', error) }), 200, {
    'Content-Type': 'text/csv; charset=utf-8; header=present',
    'Content-Disposition': `attachment; filename="${name}"`,
  })
}
