// /api/v1/sources: the configured sources with their harvest status.
import { Hono } from 'hono'
import type { AppEnv } from '../app.ts'
import { sourceStatuses } from '../../harvest/status.ts'
import { problem } from '../problem.ts'

export const sourcesRoutes = new Hono<AppEnv>()

sourcesRoutes.get('/', (c) => {
  const { db, sources } = c.get('options')
  const statuses = sourceStatuses(db, sources)
  return c.json({ items: statuses.map((s) => withConfig(s, sources)) })
})

sourcesRoutes.get('/:id', (c) => {
  const { db, sources } = c.get('options')
  const status = sourceStatuses(db, sources).find((s) => s.id === c.req.param('id'))
  if (!status) return problem(c, { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(c.req.param('id'))}; GET /api/v1/sources lists them.` })
  return c.json(withConfig(status, sources))
})

function withConfig<T extends { id: string }>(status: T, sources: { id: string; name?: string; institution?: string; baseUrl: string; metadataPrefix: string; role?: string }[]) {
  const s = sources.find((x) => x.id === status.id)
  return { ...status, institution: s?.institution ?? null, baseUrl: s?.baseUrl ?? null, metadataPrefix: s?.metadataPrefix ?? null, role: s?.role ?? null }
}
