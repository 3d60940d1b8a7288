// /api/v1/sources: the configured sources with their harvest status.
import { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import type { Db } from '../../db/open.ts'
import type { Source } from '../../../harvesters/types.ts'
import { sourceStatuses } from '../../harvest/status.ts'
import { problem } from '../problem.ts'
import { ParamReader } from '../params.ts'
import { jsonResponse } from '../conditional.ts'
import { baseUrl } from '../request-context.ts'
import { methodNotAllowed, OTHER_METHODS } from '../method-not-allowed.ts'

export const sourcesRoutes = new Hono<AppEnv>()

sourcesRoutes.get('/', (c) => {
  const { db, sources } = c.get('options')
  new ParamReader(new URL(c.req.url).searchParams, []).done()
  const statuses = sourceStatuses(db, sources)
  return jsonResponse(c, { items: statuses.map((s) => withConfig(s, sources, baseUrl(c))) })
})

sourcesRoutes.get('/:id', (c) => {
  const { db, sources } = c.get('options')
  new ParamReader(new URL(c.req.url).searchParams, []).done()
  const view = sourceView(db, sources, c.req.param('id'), baseUrl(c))
  if (!view) return problem(c, { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(c.req.param('id').slice(0, 100))}; GET /api/v1/sources lists them.` })
  return jsonResponse(c, view)
})

sourcesRoutes.on([...OTHER_METHODS], ['/', '/:id'], methodNotAllowed(['GET', 'HEAD']))

/** One source's status and configuration, as GET /api/v1/sources/:id shows it (also what the admin routes answer); null when unknown. */
export function sourceView(db: Db, sources: Source[], id: string, base: string) {
  const status = sourceStatuses(db, sources).find((s) => s.id === id)
  return status ? withConfig(status, sources, base) : null
}

function withConfig<T extends { id: string }>(status: T, sources: { id: string; name?: string; institution?: string; baseUrl: string; metadataPrefix: string; role?: string }[], base: string) {
  const s = sources.find((x) => x.id === status.id)
  const id = encodeURIComponent(status.id)
  return {
    ...status, institution: s?.institution ?? null, baseUrl: s?.baseUrl ?? null, metadataPrefix: s?.metadataPrefix ?? null, role: s?.role ?? null,
    links: {
      self: `${base}/api/v1/sources/${id}`,
      report: `${base}/api/v1/reports/${id}`,
      findings: `${base}/api/v1/findings?source=${id}`,
      outputs: `${base}/api/v1/outputs?source=${id}`,
      dump: `${base}/api/v1/dumps/sources/${id}/outputs.ndjson.gz`,
    },
  }
}
