// Issue #5: our harvester and the npm package oai-pmh both harvest /oai completely, over several pages and with
// deletions, and get back the same records; nothing they receive holds a national ID.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../src/api/app.ts'
import { startServer, type RunningServer } from '../../../src/server.ts'
import { openDb } from '../../../src/db/open.ts'
import { harvestSource } from '../../../src/harvest/run.ts'
import { buildAggregate, collectNationalIds, type Aggregate } from './aggregate.ts'

const PAGE = 7
const peer = fileURLToPath(new URL('./peer-list.cjs', import.meta.url))

interface Listed { identifier: string; datestamp: string; deleted: boolean }

const byId = (a: Listed, b: Listed) => (a.identifier < b.identifier ? -1 : 1)

describe('harvesting /oai back', () => {
  let aggregate: Aggregate
  let server: RunningServer
  let app: ReturnType<typeof createApp>

  beforeAll(async () => {
    aggregate = await buildAggregate({ disable: ['dspace-dim'] })
    app = createApp({ db: aggregate.db, sources: aggregate.sources, oai: { pageSize: PAGE } })
    server = await startServer(app, { port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => {
    await server?.close()
    await aggregate?.close()
  })

  /** What /oai lists, read page by page with ListIdentifiers, and how many pages that took. */
  async function listed(prefix: string): Promise<{ items: Listed[]; pages: number }> {
    const items: Listed[] = []
    let query = `verb=ListIdentifiers&metadataPrefix=${prefix}`
    let pages = 0
    while (true) {
      const xml = await (await app.request(`${server.url}/oai?${query}`)).text()
      pages++
      for (const m of xml.matchAll(/<header( status="deleted")?><identifier>([^<]+)<\/identifier><datestamp>([^<]+)<\/datestamp>/g)) {
        items.push({ identifier: m[2]!, datestamp: m[3]!, deleted: Boolean(m[1]) })
      }
      const token = /<resumptionToken[^>]*>([^<]+)<\/resumptionToken>/.exec(xml)?.[1]
      if (!token) break
      query = `verb=ListIdentifiers&resumptionToken=${encodeURIComponent(token)}`
    }
    return { items: items.sort(byId), pages }
  }

  for (const prefix of ['oai_dc', 'cerif_perucris']) {
    it(`redcti's harvester and oai-pmh get the same ${prefix} records as /oai lists, deletions included`, async () => {
      const expected = await listed(prefix)
      expect(expected.items.length).toBeGreaterThan(PAGE)
      if (prefix === 'oai_dc') {
        expect(expected.pages).toBeGreaterThanOrEqual(3)
        // Deleted at the source after the first harvest, plus the disabled source's records.
        expect(expected.items.filter((i) => i.deleted).length).toBeGreaterThan(aggregate.deletedAtSource)
      }

      const db = openDb(':memory:')
      const outcome = await harvestSource(db, { id: 'redcti', baseUrl: `${server.url}/oai`, metadataPrefix: prefix })
      expect(outcome.status, outcome.message).toBe('finished')
      const ours = (db.$client.prepare('SELECT identifier, datestamp, status FROM raw_records ORDER BY identifier').all() as { identifier: string; datestamp: string; status: string }[])
        .map((r) => ({ identifier: r.identifier, datestamp: r.datestamp, deleted: r.status === 'deleted' }))
      const problems = db.$client.prepare('SELECT kind, detail FROM harvest_problems').all()
      expect(problems).toEqual([])

      const { stdout } = await promisify(execFile)(process.execPath, [peer, `--url=${server.url}/oai`, `--prefix=${prefix}`], { maxBuffer: 64 << 20 })
      const theirs = stdout.trim().split('\n').map((line) => JSON.parse(line) as Listed & { hasMetadata: boolean })
      expect(theirs.filter((r) => r.deleted).every((r) => !r.hasMetadata)).toBe(true)
      expect(theirs.filter((r) => !r.deleted).every((r) => r.hasMetadata)).toBe(true)

      expect(ours).toEqual(expected.items)
      expect(theirs.map(({ identifier, datestamp, deleted }) => ({ identifier, datestamp, deleted })).sort(byId)).toEqual(expected.items)

      // What went out never carried a national ID (the aggregate's sources did).
      const harvested = db.$client.prepare("SELECT group_concat(coalesce(metadata, ''), '\n') FROM raw_records").pluck().get() as string
      for (const id of collectNationalIds()) expect(harvested, `a harvested record holds ${id}`).not.toContain(id)
      db.$client.close()
    })
  }
})
