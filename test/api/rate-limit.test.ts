// The per-client rate limit: a fixed window per minute, 429 with Retry-After past it, clients counted apart, and the
// window reopening when the minute is over. The clock is the app's (options.now), so no test waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'

let h: HarvestedDb
beforeAll(async () => { h = await harvestedDb() })
afterAll(() => h.close())

describe('rate limit', () => {
  it('counts down, answers 429 with Retry-After past the limit, counts clients apart, and reopens after the minute', async () => {
    let now = Date.parse('2026-03-01T12:00:00Z')
    const app = h.app({ rateLimitPerMinute: 3, now: () => new Date(now) })
    const ask = (client: string, path = '/api/v1/outputs?per_page=1') => app.request(path, { headers: { 'X-Forwarded-For': client } })

    const remaining: (string | null)[] = []
    for (let k = 0; k < 3; k++) {
      const ok = await ask('203.0.113.7')
      expect(ok.status).toBe(200)
      remaining.push(ok.headers.get('x-ratelimit-remaining'))
    }
    expect(remaining).toEqual(['2', '1', '0'])

    now += 20_000
    const refused = await ask('203.0.113.7')
    expect(refused.status).toBe(429)
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(refused.headers.get('retry-after')).toBe('40')
    // A browser page must be able to read why it was refused.
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    expect(((await refused.json()) as { detail: string }).detail).toContain('At most 3 requests per minute')

    // Another client has its own window; the catalog and /oai are outside /api and not counted.
    expect((await ask('198.51.100.4')).status).toBe(200)
    expect((await ask('203.0.113.7', '/data.json')).status).toBe(200)

    now += 40_000
    const again = await ask('203.0.113.7')
    expect(again.status).toBe(200)
    expect(again.headers.get('x-ratelimit-remaining')).toBe('2')
  })

  it('is off with rateLimitPerMinute 0: no counting header, no 429', async () => {
    const app = h.app({ rateLimitPerMinute: 0 })
    for (let k = 0; k < 5; k++) {
      const response = await app.request('/api/v1/outputs?per_page=1')
      expect(response.status).toBe(200)
      expect(response.headers.get('x-ratelimit-remaining')).toBeNull()
    }
  })
})
