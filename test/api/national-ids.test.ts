// Issue #3 at the API's door: after a real harvest of records that carry national identity numbers (CERIF dni and
// passport identifiers, renati.*.dni, labelled DNIs), no response of /api/v1 (every list page, item, format, dump,
// finding, report, indicator and status) contains one. The collection follows test/privacy/national-ids.test.ts.
import { readdirSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, writtenFromDocs, type HarvestedDb } from './support/harvested-db.ts'
import { sharedFixtures } from '../support/fixtures.ts'
import { COLLECTIONS } from '../../src/api/collections.ts'
import { collectNationalIds } from '../support/national-ids.ts'


let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>

beforeAll(async () => {
  h = await harvestedDb()
  app = h.app()
  await app.request('/api/v1/outputs')
})
afterAll(() => h.close())

describe('national IDs never leave through the API', () => {
  it('appear in no response, in any format', { timeout: 120_000 }, async () => {
    const nationalIds = collectNationalIds()
    expect(nationalIds.size).toBeGreaterThanOrEqual(10)
    // The harvest did bring them in: the raw store keeps them (it is never served).
    const raw = h.db.$client.prepare('SELECT group_concat(metadata) FROM raw_records').pluck().get() as string
    expect([...nationalIds].filter((id) => raw.includes(id)).length).toBeGreaterThanOrEqual(8)

    const bodies: string[] = []
    const fetchText = async (path: string, headers: Record<string, string> = {}) => {
      const response = await app.request(path, { headers })
      expect(response.status, path).toBeLessThan(400)
      const bytes = Buffer.from(await response.arrayBuffer())
      const text = response.headers.get('content-type') === 'application/gzip' ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8')
      bodies.push(text)
      return text
    }
    const pages = async (path: string) => {
      const items: { id: string }[] = []
      for (let next: string | null = path; next;) {
        const page = JSON.parse(await fetchText(next.replace(/^https?:\/\/[^/]+/, ''))) as { items: { id: string }[]; links: { next: string | null } }
        items.push(...page.items)
        next = page.links.next
      }
      return items
    }
    for (const collection of Object.keys(COLLECTIONS)) {
      const items = await pages(`/api/v1/${collection}?per_page=200`)
      await pages(`/api/v1/${collection}?per_page=200&since=2000-01-01`)
      await fetchText(`/api/v1/${collection}?per_page=200&format=jsonld`)
      await fetchText(`/api/v1/${collection}?per_page=200&format=csv`)
      for (const item of items) {
        for (const format of ['json', 'jsonld', 'csv']) await fetchText(`/api/v1/${collection}/${encodeURIComponent(item.id)}?format=${format}`)
      }
      for (const format of ['ndjson', 'csv']) await fetchText(`/api/v1/dumps/${collection}.${format}.gz`)
    }
    for (const q of ['dni', 'documento', 'tesis', 'perez']) await fetchText(`/api/v1/outputs?q=${q}&per_page=200`)
    await pages('/api/v1/findings?per_page=200')
    await fetchText('/api/v1/findings?per_page=200&format=csv')
    await fetchText('/api/v1/findings/summary')
    await fetchText('/api/v1/reports')
    await fetchText('/api/v1/reports?format=csv')
    for (const source of h.sources) {
      await fetchText(`/api/v1/sources/${source.id}`)
      await fetchText(`/api/v1/reports/${source.id}`)
      await fetchText(`/api/v1/dumps/sources/${source.id}/outputs.ndjson.gz`)
    }
    await fetchText('/api/v1/sources')
    await fetchText('/api/v1/indicators')
    await fetchText('/api/v1/indicators?format=csv')
    await fetchText('/api/v1/dumps')

    const all = bodies.join('\n')
    expect(bodies.length).toBeGreaterThan(200)
    // The records that carried them are served (their names, titles), only the numbers are not.
    expect(all).toContain('docs-dspace-xoai')
    for (const id of nationalIds) expect(all.includes(id), `a response holds ${id}`).toBe(false)
  })
})
