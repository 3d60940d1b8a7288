// The item front (src/api/item-front.ts) answers plain record-by-id requests at the Node layer, before hono. Over a
// real server on loopback: it answers exactly what the app's own route answers (status, headers, bytes) for every
// record of the harvested corpus, it leaves everything else to the app (persons, 404s, other formats, conditional
// requests, a disabled source), and the rate limit counts each request once whichever of the two answers it.
// All of it on an in-memory database (read per request) and on a file (read through a snapshot per event-loop
// turn, src/api/turn-snapshot.ts), where another connection's commits must show at the next request.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { createApp, type AppOptions } from '../../src/api/app.ts'
import { itemFront } from '../../src/api/item-front.ts'
import { collectionOfKind } from '../../src/api/collections.ts'
import { startServer, type RunningServer } from '../../src/server.ts'
import { openDb } from '../../src/db/open.ts'

const TOKEN = 'item-front-token'
/** Headers only a socket has (app.request() answers without one). */
const TRANSPORT = new Set(['date', 'connection', 'keep-alive', 'content-length'])

let h: HarvestedDb
let dir: string | undefined

interface Served {
  app: ReturnType<typeof createApp>
  server: RunningServer
  /** The paths the front answered, in order. */
  taken: string[]
  front: ReturnType<typeof itemFront>
}

async function serve(extra: Partial<AppOptions> = {}): Promise<Served> {
  // A public URL: JSON-LD and CSV answers name it, and app.request() comes from another host than the server's.
  const options: AppOptions = { db: h.db, sources: h.sources, rateLimitPerMinute: 0, adminToken: TOKEN, publicUrl: 'https://redcti.example', ...extra }
  const app = createApp(options)
  const front = itemFront(options)
  const taken: string[] = []
  const server = await startServer(app, {
    port: 0, host: '127.0.0.1',
    front: {
      answer: (req, res) => {
        const answered = front.answer(req, res)
        if (answered) taken.push(req.url!)
        return answered
      },
      close: () => front.close(),
    },
  })
  return { app, server, taken, front }
}

interface Answer { status: number; headers: Record<string, string>; body: Buffer }

async function answerOf(response: Response): Promise<Answer> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => { if (!TRANSPORT.has(name)) headers[name] = value })
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) }
}

/** The same request to the server (front first) and to the app alone. */
async function both(s: Served, path: string, headers: Record<string, string> = {}): Promise<{ served: Answer; app: Answer; length: string | null }> {
  const response = await fetch(`${s.server.url}${path}`, { headers })
  const length = response.headers.get('content-length')
  return { served: await answerOf(response), app: await answerOf(await s.app.request(path, { headers })), length }
}

const entities = () => (h.db.$client.prepare('SELECT id, kind FROM entities WHERE deleted = 0 AND json IS NOT NULL ORDER BY id').all() as { id: string; kind: string }[])
  .filter((e) => Object.hasOwn(collectionOfKind, e.kind))
const path = (e: { id: string; kind: string }) => `/api/v1/${collectionOfKind[e.kind as keyof typeof collectionOfKind]}/${encodeURIComponent(e.id)}`
const CONICET = 'demo-conicet-digital-oai-dc'
/** Outputs the front can answer (ids that need no percent-encoding), none of them from CONICET (the switch test's source). */
const plainOutputs = () => (h.db.$client.prepare("SELECT id, kind FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND ' ' || sources || ' ' NOT LIKE ? ORDER BY id").all(`% ${CONICET} %`) as { id: string; kind: string }[])
  .map(path).filter((p) => !p.includes('%'))

describe.each(['memory', 'file'] as const)('item front on %s', (storage) => {

  beforeAll(async () => {
    if (storage === 'file') dir = mkdtempSync(join(tmpdir(), 'redcti-item-front-'))
    h = await harvestedDb(dir ? { file: join(dir, 'redcti.db') } : {})
    // The first data request indexes the harvest (plainOutputs() reads the index).
    await h.app().request('/api/v1/outputs?per_page=1')
  })
  afterAll(async () => {
    await h.close()
    h.db.$client.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('answers every stored record exactly as the app does, and leaves persons to the app', async () => {
    const s = await serve()
    try {
      const all = entities()
      const kinds = new Set(all.map((e) => e.kind))
      expect([...kinds].sort()).toEqual(['dmp', 'funding', 'organisation', 'person', 'project', 'research-output'])
      for (const e of all) {
        const { served, app, length } = await both(s, path(e))
        expect(served, e.id).toEqual(app)
        expect(served.status).toBe(200)
        expect(Number(length)).toBe(served.body.length)
      }
      const persons = all.filter((e) => e.kind === 'person').map(path)
      const stored = all.filter((e) => e.kind !== 'person').map(path)
      expect(s.taken.filter((p) => persons.includes(p))).toEqual([])
      // Ids of unreserved characters only are the front's; the others (ORCID URLs, handles) go to the app's router.
      const plain = stored.filter((p) => !p.includes('%'))
      expect(plain.length).toBeGreaterThan(100)
      expect(s.taken).toEqual(plain)
    } finally {
      await s.server.close()
    }
  })

  it('leaves to the app what only the app answers: problems, other formats, conditional requests, HEAD', async () => {
    const s = await serve()
    try {
      const item = plainOutputs()[0]!
      const etag = (await s.app.request(item)).headers.get('etag')!
      const cases: [string, Record<string, string>, number][] = [
        ['/api/v1/outputs/no-such-record', {}, 404],
        [item.replace('/outputs/', '/dmps/'), {}, 404],
        [`${item}?format=csv`, {}, 200],
        [`${item}?format=xml`, {}, 400],
        [item, { Accept: 'application/ld+json' }, 200],
        [item, { Accept: 'text/html' }, 406],
        [item, { 'If-None-Match': etag }, 304],
        [item, { 'If-Modified-Since': new Date(Date.now() + 86_400_000).toUTCString() }, 304],
        [`${item}/`, {}, 404],
      ]
      for (const [p, headers, status] of cases) {
        const { served, app } = await both(s, p, headers)
        expect(served, `${p} ${JSON.stringify(headers)}`).toEqual(app)
        expect(served.status).toBe(status)
      }
      const head = await fetch(`${s.server.url}${item}`, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('etag')).toBe(etag)
      expect(s.taken).toEqual([])
    } finally {
      await s.server.close()
    }
  })

  it('counts each request once against the rate limit, whichever answers it', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z')
    const s = await serve({ rateLimitPerMinute: 3, now: () => new Date(now) })
    try {
      const item = plainOutputs()[0]!
      const ask = async (p: string) => {
        const r = await fetch(`${s.server.url}${p}`)
        await r.arrayBuffer()
        return [r.status, r.headers.get('x-ratelimit-remaining'), r.headers.get('retry-after')]
      }
      // The front, the app (a 404), the front again, then past the limit: the app's 429.
      expect(await ask(item)).toEqual([200, '2', null])
      expect(await ask('/api/v1/outputs/no-such-record')).toEqual([404, '1', null])
      expect(await ask(item)).toEqual([200, '0', null])
      expect(await ask(item)).toEqual([429, null, '60'])
      expect(s.taken).toEqual([item, item])
    } finally {
      await s.server.close()
    }
  })

  it('shows what another connection commits at the next request', async () => {
    const s = await serve()
    const other = dir ? openDb(join(dir, 'redcti.db')) : h.db
    try {
      const [changed, deleted] = plainOutputs().slice(-2) as [string, string]
      const before = await both(s, changed)
      expect((await both(s, deleted)).served.status).toBe(200)
      other.$client.prepare("UPDATE entities SET json = json_set(json, '$.issued', '1902-05-01'), modified_at = '2030-01-01T00:00:00Z' WHERE id = ?").run(decodeURIComponent(changed.slice(changed.lastIndexOf('/') + 1)))
      other.$client.prepare('UPDATE entities SET deleted = 1, json = NULL, hash = NULL WHERE id = ?').run(decodeURIComponent(deleted.slice(deleted.lastIndexOf('/') + 1)))
      const after = await both(s, changed)
      expect(after.served).toEqual(after.app)
      expect(JSON.parse(after.served.body.toString()).issued).toBe('1902-05-01')
      expect(after.served.headers['last-modified']).toBe('Tue, 01 Jan 2030 00:00:00 GMT')
      expect(after.served.headers.etag).not.toBe(before.served.headers.etag)
      const gone = await both(s, deleted)
      expect(gone.served).toEqual(gone.app)
      expect(gone.served.status).toBe(410)
      expect(s.taken).toEqual([changed, deleted, changed])
    } finally {
      if (other !== h.db) other.$client.close()
      await s.server.close()
    }
  })

  it('follows a source switch as the app does: a withdrawn record is the app\'s 410, the others and the record come back carry its time', async () => {
    // The switch is dated when first seen; a clock ahead of the harvest keeps it apart from the harvest's second.
    const s = await serve({ now: () => new Date(Date.now() + 10_000) })
    try {
      const source = CONICET
      const only = `/api/v1/outputs/${h.db.$client.prepare("SELECT id FROM entity_index WHERE kind = 'research-output' AND deleted = 0 AND sources = ?").pluck().get(source) as string}`
      const other = plainOutputs()[0]!
      const before = await both(s, only)
      expect(before.served.status).toBe(200)

      const auth = { Authorization: `Bearer ${TOKEN}` }
      expect((await s.app.request(`/api/v1/admin/sources/${source}/disable`, { method: 'POST', headers: auth })).status).toBe(200)
      const gone = await both(s, only)
      expect(gone.served).toEqual(gone.app)
      expect(gone.served.status).toBe(410)
      const kept = await both(s, other)
      expect(kept.served).toEqual(kept.app)
      expect(kept.served.status).toBe(200)

      expect((await s.app.request(`/api/v1/admin/sources/${source}/enable`, { method: 'POST', headers: auth })).status).toBe(200)
      const back = await both(s, only)
      expect(back.served).toEqual(back.app)
      expect(back.served.status).toBe(200)
      expect(Date.parse(back.served.headers['last-modified']!)).toBeGreaterThan(Date.parse(before.served.headers['last-modified']!))
      expect(back.served.headers.etag).not.toBe(before.served.headers.etag)
      expect(s.taken).toEqual([only, other, only])
    } finally {
      await s.server.close()
    }
  })
})

describe('item front whose read fails', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'redcti-item-front-'))
    h = await harvestedDb({ file: join(dir, 'redcti.db') })
    await h.app().request('/api/v1/outputs?per_page=1')
  })
  afterAll(async () => {
    await h.close()
    h.db.$client.close()
    rmSync(dir!, { recursive: true, force: true })
  })

  it('leaves the request to the app, and the server goes on', async () => {
    const s = await serve()
    try {
      const item = plainOutputs()[0]!
      expect((await both(s, item)).served.status).toBe(200)
      // On a file the front reads through its own connection: closed under it, every read it tries throws.
      s.front.close()
      const after = await both(s, item)
      expect(after.served).toEqual(after.app)
      expect(after.served.status).toBe(200)
      expect(s.taken).toEqual([item])
    } finally {
      await s.server.close()
    }
  })
})
