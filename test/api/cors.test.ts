// CORS: every answer, errors included, may be read by a page of any origin; preflights are answered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'

let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>

beforeAll(async () => {
  h = await harvestedDb()
  app = h.app()
})
afterAll(() => h.close())

describe('CORS', () => {
  it('allows any origin and exposes the validators and paging headers, on items, lists, dumps and problems', async () => {
    const { items } = (await (await app.request('/api/v1/outputs?per_page=2')).json()) as { items: { id: string }[] }
    for (const path of [`/api/v1/outputs/${items[0]!.id}`, '/api/v1/outputs?per_page=2', '/api/v1/dumps/outputs.ndjson.gz', '/api/v1/outputs/nope', '/api/v1/outputs?year=x', '/oai?verb=Identify']) {
      const response = await app.request(path, { headers: { Origin: 'https://example.org' } })
      expect(response.headers.get('access-control-allow-origin'), path).toBe('*')
      expect(response.headers.get('access-control-expose-headers'), path).toContain('ETag')
      expect(response.headers.get('access-control-expose-headers'), path).toContain('Link')
    }
  })

  it('answers a preflight with 204, the methods, and the request headers asked for', async () => {
    const response = await app.request('/api/v1/outputs', {
      method: 'OPTIONS', headers: { Origin: 'https://example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'If-None-Match, X-Custom' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-methods')).toContain('GET')
    expect(response.headers.get('access-control-allow-headers')).toBe('If-None-Match,X-Custom')
    expect(response.headers.get('vary')).toContain('Access-Control-Request-Headers')
  })
})
