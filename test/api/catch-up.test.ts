// The API notices every write, whoever made it: another process (a cron harvest, `redcti disable`) or this one
// (an admin call), although a request that finds nothing new reads only PRAGMA data_version and total_changes().
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { openDb, type Db } from '../../src/db/open.ts'
import { setSourceEnabled } from '../../src/harvest/state.ts'

let dir: string
let h: HarvestedDb
let other: Db
let app: ReturnType<HarvestedDb['app']>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-catch-up-'))
  h = await harvestedDb({ file: join(dir, 'redcti.db') })
  other = openDb(join(dir, 'redcti.db'))
  app = h.app()
})
afterAll(async () => {
  other.$client.close()
  h.db.$client.close()
  await h.close()
  rmSync(dir, { recursive: true, force: true })
})

/** A live output of a source and its current answer. */
async function outputOf(sourceId: string): Promise<string> {
  const { items } = (await (await app.request(`/api/v1/outputs?source=${sourceId}&per_page=1`)).json()) as { items: { id: string }[] }
  expect(items.length).toBe(1)
  return items[0]!.id
}

describe('catching up with writes', () => {
  it('a record another connection deletes is gone at the next request; the list and its ETag change with it', async () => {
    const id = await outputOf(h.sources[0]!.id)
    expect((await app.request(`/api/v1/outputs/${id}`)).status).toBe(200)
    const list = await app.request('/api/v1/outputs?per_page=1')
    other.$client.prepare('UPDATE entities SET deleted = 1, json = NULL, hash = NULL WHERE id = ?').run(id)
    expect((await app.request(`/api/v1/outputs/${id}`)).status).toBe(410)
    const again = await app.request('/api/v1/outputs?per_page=1', { headers: { 'If-None-Match': list.headers.get('etag')! } })
    expect(again.status).toBe(200)
  })

  it('a year range finds a year that another connection wrote since the range was last listed', async () => {
    // The range ends at the earliest year there is, so it is read as one run per year present: [earliest], then [1902, earliest].
    const { items: [first] } = (await (await app.request('/api/v1/outputs?year=1000-3000&sort=year&per_page=1')).json()) as { items: { issued: string }[] }
    const range = `/api/v1/outputs?year=1901-${first!.issued.slice(0, 4)}&per_page=200`
    const ids = async () => ((await (await app.request(range)).json()) as { items: { id: string }[] }).items.map((i) => i.id)
    const before = await ids()
    expect(before.length).toBeGreaterThan(0)
    const id = await outputOf(h.sources[0]!.id)
    expect(before).not.toContain(id)
    other.$client.prepare("UPDATE entities SET json = json_set(json, '$.issued', '1902-05-01') WHERE id = ?").run(id)
    expect((await ids()).sort()).toEqual([...before, id].sort())
  })

  it('a source another connection disables, then this one enables again, hides and shows its records at once', async () => {
    const source = h.sources.find((s) => s.id.includes('conicet'))!.id
    const id = await outputOf(source)
    setSourceEnabled(other, source, false)
    expect((await app.request(`/api/v1/outputs/${id}`)).status).toBe(410)
    setSourceEnabled(h.db, source, true)
    expect((await app.request(`/api/v1/outputs/${id}`)).status).toBe(200)
  })
})
