// Admin endpoints: off (every call 401, nothing changes) without REDCTI_ADMIN_TOKEN; with it, enabling and disabling
// persist in the database (and show in `redcti status`), a disabled source's records leave the lists, items, dumps
// and indicators as deletions, and a harvest starts in the background with a 202.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { runCli } from '../support/run-cli.ts'

const TOKEN = 'correct horse battery staple'
const CONICET = 'demo-conicet-digital-oai-dc'
let dir: string
let h: HarvestedDb

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-api-admin-'))
  h = await harvestedDb({ file: join(dir, 'redcti.db'), keepServing: true })
  await h.app().request('/api/v1/outputs')
})
afterAll(async () => {
  await h?.close()
  h?.db.$client.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const snapshot = () => JSON.stringify([
  h.db.$client.prepare('SELECT * FROM source_state ORDER BY source_id').all(),
  h.db.$client.prepare('SELECT count(*) FROM harvest_runs').pluck().get(),
])
const post = (app: ReturnType<HarvestedDb['app']>, path: string, headers: Record<string, string> = {}, body?: string) =>
  app.request(path, { method: 'POST', headers, ...(body !== undefined ? { body } : {}) })
const auth = { Authorization: `Bearer ${TOKEN}` }
const json = async (app: ReturnType<HarvestedDb['app']>, path: string) => (await (await app.request(path)).json()) as any

async function allItems(app: ReturnType<HarvestedDb['app']>, path: string): Promise<any[]> {
  const items: any[] = []
  for (let next: string | null = path; next;) {
    const page: any = await json(app, next.replace(/^https?:\/\/[^/]+/, ''))
    items.push(...page.items)
    next = page.links.next
  }
  return items
}

async function waitForRun(app: ReturnType<HarvestedDb['app']>, source: string, after: number) {
  for (let i = 0; i < 300; i++) {
    const status = await json(app, `/api/v1/sources/${source}`)
    if (status.lastRun && status.lastRun.id > after && status.lastRun.status !== 'running') return status
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`no finished run for ${source}`)
}

describe('admin is off without a token', () => {
  it('answers every admin call 401 problem+json and changes nothing', async () => {
    const app = h.app({ adminToken: undefined })
    const before = snapshot()
    const calls: [string, string, Record<string, string>][] = [
      ['POST', `/api/v1/admin/sources/${CONICET}/disable`, {}],
      ['POST', `/api/v1/admin/sources/${CONICET}/disable`, auth],
      ['POST', `/api/v1/admin/sources/${CONICET}/enable`, auth],
      ['POST', '/api/v1/admin/harvest', auth],
      ['POST', `/api/v1/admin/harvest?source=${CONICET}`, { ...auth, 'Content-Type': 'application/json' }],
      ['GET', '/api/v1/admin/harvest', auth],
      ['DELETE', '/api/v1/admin/sources/x', {}],
      ['GET', '/api/v1/admin', {}],
      ['GET', '/api/v1/admin/anything/else', auth],
    ]
    for (const [method, path, headers] of calls) {
      const response = await app.request(path, { method, headers })
      expect(response.status, `${method} ${path}`).toBe(401)
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      expect(((await response.json()) as { detail: string }).detail).toContain('REDCTI_ADMIN_TOKEN')
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(snapshot()).toBe(before)
  })

  it('with a token, a missing or wrong one is refused too', async () => {
    const app = h.app({ adminToken: TOKEN })
    const before = snapshot()
    for (const headers of <Record<string, string>[]>[{}, { Authorization: 'Bearer nope' }, { Authorization: TOKEN }, { Authorization: `Basic ${Buffer.from(`admin:${TOKEN}`).toString('base64')}` }]) {
      const response = await post(app, `/api/v1/admin/sources/${CONICET}/disable`, headers)
      expect(response.status).toBe(401)
    }
    expect(snapshot()).toBe(before)
  })
})

describe('enable and disable', () => {
  it('a disabled source persists, shows in redcti status, and its records leave lists, items, dumps and indicators as deletions', async () => {
    // The switch is dated when first seen; a clock ahead of the harvest keeps it apart from the harvest's second.
    let now = Date.now() + 10_000
    const app = h.app({ adminToken: TOKEN, now: () => new Date(now) })
    const all = await allItems(app, '/api/v1/outputs?per_page=200')
    const conicetOnly = h.db.$client.prepare("SELECT id FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND sources = ?").pluck().all(CONICET) as string[]
    expect(conicetOnly.length).toBe(98)
    const before = await app.request('/api/v1/outputs')
    const feedBefore = await allItems(app, '/api/v1/outputs?since=2000-01-01&per_page=200')
    expect(feedBefore.every((i) => !i.deleted)).toBe(true)
    const synced = feedBefore[feedBefore.length - 1].modified as string

    const disabled = await post(app, `/api/v1/admin/sources/${CONICET}/disable`, auth)
    expect(disabled.status).toBe(200)
    expect(((await disabled.json()) as { enabled: boolean }).enabled).toBe(false)
    const switchedOff = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z')

    // Persisted: the CLI, another process, reads it from the database file.
    const sourcesFile = join(dir, 'sources.json')
    writeFileSync(sourcesFile, JSON.stringify(h.sources.filter((s) => s.protocol !== 'madmp').map(({ id, baseUrl, metadataPrefix }) => ({ id, baseUrl, metadataPrefix }))))
    const status = await runCli(['--db', join(dir, 'redcti.db'), '--sources', sourcesFile, 'status', '--json'])
    expect(status.code).toBe(0)
    expect((JSON.parse(status.stdout) as { sources: { id: string; enabled: boolean }[] }).sources.find((s) => s.id === CONICET)?.enabled).toBe(false)

    const after = await allItems(app, '/api/v1/outputs?per_page=200')
    expect(after.length).toBe(all.length - conicetOnly.length)
    expect(after.some((i) => conicetOnly.includes(i.id))).toBe(false)
    const gone = await app.request(`/api/v1/outputs/${conicetOnly[0]}`)
    expect(gone.status).toBe(410)
    expect(((await gone.json()) as { modified: string }).modified).toBe(switchedOff)
    expect((await allItems(app, `/api/v1/outputs?source=${CONICET}`)).length).toBe(0)
    // The list changed although no record did: a new ETag, and Last-Modified is the switch.
    const list = await app.request('/api/v1/outputs', { headers: { 'If-None-Match': before.headers.get('etag')! } })
    expect(list.status).toBe(200)
    expect(list.headers.get('last-modified')).toBe(new Date(switchedOff).toUTCString())
    expect((await app.request('/api/v1/outputs', { headers: { 'If-Modified-Since': before.headers.get('last-modified')! } })).status).toBe(200)
    // A consumer that synced before the switch gets them as tombstones dated at the switch, and only once.
    const feed = await allItems(app, `/api/v1/outputs?since=${encodeURIComponent(synced)}&per_page=50`)
    expect(feed.map((i) => i.id).sort()).toEqual([...conicetOnly].sort())
    expect(feed.every((i) => i.deleted === true && i.modified === switchedOff)).toBe(true)
    expect(await allItems(app, `/api/v1/outputs?since=${switchedOff}`)).toEqual([])
    const filteredFeed = await allItems(app, `/api/v1/outputs?since=2000-01-01&source=${CONICET}&per_page=200`)
    expect(filteredFeed.filter((i) => i.deleted).length).toBe(98)

    const dump = gunzipSync(Buffer.from(await (await app.request('/api/v1/dumps/outputs.ndjson.gz')).arrayBuffer())).toString().trim().split('\n').map((l) => JSON.parse(l).id)
    expect(dump.length).toBe(all.length - conicetOnly.length)
    expect(dump.some((id: string) => conicetOnly.includes(id))).toBe(false)
    const sourceDump = gunzipSync(Buffer.from(await (await app.request(`/api/v1/dumps/sources/${CONICET}/outputs.ndjson.gz`)).arrayBuffer())).toString()
    expect(sourceDump).toBe('')
    expect((await json(app, '/api/v1/indicators?by=institution')).total).toBe(all.length - conicetOnly.length)

    // Enabled again: back everywhere, and the feed brings them back to consumers who dropped them.
    now += 60_000
    const switchedOn = new Date(Math.floor(now / 1000) * 1000).toISOString().replace('.000Z', 'Z')
    const enabled = await post(app, `/api/v1/admin/sources/${CONICET}/enable`, auth)
    expect(((await enabled.json()) as { enabled: boolean }).enabled).toBe(true)
    expect((await allItems(app, '/api/v1/outputs?per_page=200')).length).toBe(all.length)
    expect((await app.request(`/api/v1/outputs/${conicetOnly[0]}`)).status).toBe(200)
    const back = await allItems(app, `/api/v1/outputs?since=${switchedOff}&per_page=50`)
    expect(back.map((i) => i.id).sort()).toEqual([...conicetOnly].sort())
    expect(back.every((i) => !i.deleted && i.modified === switchedOn)).toBe(true)
  })

  it('unknown sources are 404s', async () => {
    const app = h.app({ adminToken: TOKEN })
    const response = await post(app, '/api/v1/admin/sources/nope/disable', auth)
    expect(response.status).toBe(404)
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  })
})

describe('harvest', () => {
  it('starts a harvest in the background and answers 202 with a link to the source status', async () => {
    const app = h.app({ adminToken: TOKEN })
    const openaire = 'demo-openaire-sample-oai-openaire'
    const lastRun = (id: string) => (h.db.$client.prepare('SELECT max(id) FROM harvest_runs WHERE source_id = ?').pluck().get(id) as number) ?? 0

    const runBefore = lastRun(openaire)
    const accepted = await post(app, '/api/v1/admin/harvest', { ...auth, 'Content-Type': 'application/json' }, JSON.stringify({ source: openaire }))
    expect(accepted.status).toBe(202)
    expect(accepted.headers.get('location')).toBe(`http://localhost/api/v1/sources/${openaire}`)
    expect(await accepted.json()).toMatchObject({ status: 'accepted', sources: [openaire] })
    const status = await waitForRun(app, openaire, runBefore)
    expect(status.lastRun.status).toBe('finished')

    // The same source twice while the first runs: 409.
    const conicetBefore = lastRun(CONICET)
    const first = await post(app, `/api/v1/admin/harvest?source=${CONICET}&full=true`, auth)
    expect(first.status).toBe(202)
    const second = await post(app, `/api/v1/admin/harvest?source=${CONICET}`, auth)
    expect(second.status).toBe(409)
    expect(second.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect((await waitForRun(app, CONICET, conicetBefore)).lastRun).toMatchObject({ status: 'finished', mode: 'full' })

    // A disabled source is not harvested.
    await post(app, `/api/v1/admin/sources/${openaire}/disable`, auth)
    expect((await post(app, `/api/v1/admin/harvest?source=${openaire}`, auth)).status).toBe(409)
    await post(app, `/api/v1/admin/sources/${openaire}/enable`, auth)
    expect((await post(app, '/api/v1/admin/harvest?source=nope', auth)).status).toBe(404)
  })
})
