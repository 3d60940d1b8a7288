// /api/v1/admin: enable or disable a source, start a harvest in the background. Bearer token only (src/api/admin-auth.ts);
// changes live in the database (source_state), where `redcti status`, cron harvests and the public views read them.
import { Hono, type Context } from 'hono'
import type { AppEnv, AppOptions } from '../app.ts'
import type { Source } from '../../../harvesters/types.ts'
import { requireAdmin } from '../admin-auth.ts'
import { ParamReader, shorten } from '../params.ts'
import { problem } from '../problem.ts'
import { baseUrl, knownSourceIds } from '../request-context.ts'
import { methodNotAllowed } from '../method-not-allowed.ts'
import { sourceView } from './sources.ts'
import { readState, setSourceEnabled } from '../../harvest/state.ts'
import { harvestAll } from '../../harvest/harvest-all.ts'

export const adminRoutes = new Hono<AppEnv>()

export const HARVEST_PARAMETERS = ['source', 'full'] as const

/** Sources this process is harvesting because an admin asked, per app: a second request for them gets a 409. */
const harvesting = new WeakMap<AppOptions, Set<string>>()

adminRoutes.use('*', requireAdmin)

for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
  adminRoutes.post(`/sources/:id/${verb}`, (c) => {
    const { db, sources } = c.get('options')
    new ParamReader(new URL(c.req.url).searchParams, []).done()
    const id = c.req.param('id')
    if (!knownSourceIds(c).has(id)) return problem(c, { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(shorten(id))}; GET /api/v1/sources lists them.` })
    if (enabled && sources.find((s) => s.id === id)?.enabled === false) {
      return problem(c, { title: 'Conflict', status: 409, detail: `${id} is disabled in the sources file ("enabled": false); change it there.` })
    }
    setSourceEnabled(db, id, enabled)
    return c.json(sourceView(db, sources, id, baseUrl(c)))
  })
}

adminRoutes.post('/harvest', async (c) => {
  const options = c.get('options')
  const { db, sources } = options
  const asked = await harvestRequest(c)
  const base = baseUrl(c)
  let targets: Source[]
  if (asked.source !== undefined) {
    const source = sources.find((s) => s.id === asked.source)
    if (!source) {
      const known = knownSourceIds(c).has(asked.source)
      return problem(c, known
        ? { title: 'Conflict', status: 409, detail: `${asked.source} is no longer in the sources file: there is nothing to harvest it from.` }
        : { title: 'Not found', status: 404, detail: `No source ${JSON.stringify(shorten(asked.source))}; GET /api/v1/sources lists them.` })
    }
    if (source.enabled === false || !readState(db, source.id).enabled) {
      return problem(c, { title: 'Conflict', status: 409, detail: `${source.id} is disabled; POST /api/v1/admin/sources/${source.id}/enable first.` })
    }
    targets = [source]
  } else {
    targets = sources.filter((s) => s.enabled !== false && readState(db, s.id).enabled)
  }
  const running = harvesting.get(options) ?? new Set<string>()
  harvesting.set(options, running)
  const busy = targets.filter((s) => running.has(s.id)).map((s) => s.id)
  if (busy.length > 0) return problem(c, { title: 'Conflict', status: 409, detail: `Already harvesting ${busy.join(', ')} (started by an earlier admin request).` })
  for (const s of targets) running.add(s.id)
  // Not awaited: the harvest outlives the request. Failures are values in the run rows (GET /api/v1/sources/:id).
  void harvestAll(db, targets, { sources, full: asked.full })
    .catch((error) => console.error('admin harvest failed', error))
    .finally(() => { for (const s of targets) running.delete(s.id) })
  const status = targets.map((s) => `${base}/api/v1/sources/${encodeURIComponent(s.id)}`)
  const location = asked.source !== undefined ? status[0]! : `${base}/api/v1/sources`
  return c.json({ status: 'accepted', sources: targets.map((s) => s.id), full: asked.full, links: { status } }, 202, { Location: location })
})

adminRoutes.on(['GET', 'PUT', 'PATCH', 'DELETE'], ['/harvest', '/sources/:id/enable', '/sources/:id/disable'], methodNotAllowed(['POST']))

/** `?source=ID&full=true`, or the same as a JSON body `{"source": "ID", "full": true}`. */
async function harvestRequest(c: Context<AppEnv>): Promise<{ source?: string; full: boolean }> {
  const params = new ParamReader(new URL(c.req.url).searchParams, HARVEST_PARAMETERS)
  let source = params.string('source')
  let full = params.bool('full') ?? false
  const text = await c.req.text()
  if (text.trim()) {
    let body: unknown
    try { body = JSON.parse(text) } catch { params.fail('body', 'not JSON; send {"source": "ID", "full": false} or nothing') }
    if (body !== undefined) {
      if (!body || typeof body !== 'object' || Array.isArray(body)) params.fail('body', 'expected a JSON object')
      else {
        const b = body as Record<string, unknown>
        for (const key of Object.keys(b)) if (!(HARVEST_PARAMETERS as readonly string[]).includes(key)) params.fail(`body.${shorten(key, 40)}`, `unknown field; expected ${HARVEST_PARAMETERS.join(', ')}`)
        if (b.source !== undefined) {
          if (typeof b.source !== 'string' || !b.source) params.fail('body.source', 'expected a source id')
          else if (source !== undefined && source !== b.source) params.fail('source', 'given in the query and the body with different values')
          else source = b.source
        }
        if (b.full !== undefined) {
          if (typeof b.full !== 'boolean') params.fail('body.full', 'expected true or false')
          else full = b.full
        }
      }
    }
  }
  params.done()
  return { ...(source !== undefined ? { source } : {}), full }
}
