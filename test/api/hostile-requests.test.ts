// Nothing a client sends produces a 500: every route of /api/v1 gets every parameter it accepts (and some it does
// not) with values meant to break parsers, SQL, FTS5, dates and numbers, plus hostile paths and headers. Every
// answer is below 500, and every 4xx is application/problem+json saying what was wrong.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { routeParameters } from '../../src/api/route-parameters.ts'
import { encodeCursor } from '../../src/api/cursor.ts'

const b64 = (text: string) => Buffer.from(text).toString('base64url')

const VALUES = [
  '', ' ', '0', '-1', '1.5', '1e3', '1e309', '99999999999999999999999999', '9007199254740993', 'NaN', 'Infinity', 'null', 'undefined', 'true',
  "' OR 1=1 --", '"; DROP TABLE entities; --', "x') UNION SELECT json FROM entities --", '%', '_', '\\', '\u0000', '\u0000abc',
  'NEAR(a b)', '"unterminated', '""', '*', '**', 'a*b', ')(', 'title:x', '^x', 'a AND', 'OR', '-', '+', '{"$gt":1}', '[]', '[object Object]',
  '2024-02-30', '2024-13-01T25:61:61Z', '2024-01-01T00:00:00+99:00', '9999-12-31T23:59:59-14:00', '0000-01-01', '10000-01-01', '2024-1-1',
  '2020-2010', '-2020-', '--', '2020--2021', '1-', '-', ',,,', 'a,'.repeat(200), 'ü'.repeat(1200), 'x'.repeat(5000), '../../etc/passwd',
  '<script>alert(1)</script>', 'c_', 'c_6501,c_zzzz', 'http://', 'open,closed,nonsense', 'spa,xx', '7', '5.02.04', 'relevance', 'modified,id',
  'json', 'jsonld', 'csv', 'xml', 'JSON-LD',
]

const CURSORS = [
  '*', 'abc', '!!!', b64('not json'), b64('{}'), b64('[]'), b64('null'), b64('{"v":1,"s":"id","f":"x","k":null,"i":"ro-1"}'),
  b64('{"v":1,"s":"modified","f":"x","k":{"a":1},"i":7}'), b64('{"v":2}'), b64('{"v":1,"s":"year","f":"x","k":"2020","i":"x"}'),
  b64(JSON.stringify({ v: 1, s: 'id', f: 'y', k: null, i: 'x'.repeat(5000) })), 'A'.repeat(5000),
  encodeCursor({ sort: 'relevance', key: 1e308, id: "'; DROP TABLE x" }, 'nope'),
]

let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>
let failures: string[] = []

async function check(label: string, path: string, init: RequestInit = {}): Promise<number> {
  let response: Response
  try {
    response = await app.request(path, init)
  } catch (error) {
    failures.push(`${label}: threw ${String(error)}`)
    return 0
  }
  const text = await response.text()
  if (response.status >= 500) failures.push(`${label}: ${response.status} ${text.slice(0, 200)}`)
  else if (response.status >= 400) {
    const type = response.headers.get('content-type') ?? ''
    if (!type.startsWith('application/problem+json')) failures.push(`${label}: ${response.status} as ${type}`)
    else {
      const body = JSON.parse(text) as { title?: string; detail?: string; status?: number; errors?: { parameter: string; message: string }[] }
      if (!body.title || !body.detail || body.status !== response.status) failures.push(`${label}: problem without title/detail/status`)
      if (response.status === 400 && (!body.errors?.length || body.errors.some((e) => !e.parameter || !e.message))) failures.push(`${label}: 400 without per-parameter errors`)
    }
  }
  return response.status
}

/** A concrete path for a route pattern: a real id where one exists, so item routes get parameters too. */
function concrete(pattern: string, ids: Record<string, string>): string {
  return pattern.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? 'x')
}

beforeEach(() => { failures = [] })
beforeAll(async () => {
  h = await harvestedDb()
  app = h.app({ adminToken: 'the-admin-token' })
  await app.request('/api/v1/outputs')
}, 120_000)
afterAll(() => h.close())

describe('hostile requests', () => {
  it('never answer 500, on any route, with any parameter value', { timeout: 300_000 }, async () => {
    const output = h.db.$client.prepare("SELECT id FROM entities WHERE kind = 'research-output' LIMIT 1").pluck().get() as string
    const routes = routeParameters()
    const statuses = new Map<number, number>()
    for (const [route, parameters] of Object.entries(routes)) {
      const [method, pattern] = route.split(' ') as [string, string]
      const collection = /^\/api\/v1\/(\w+)\/\{id\}$/.exec(pattern)?.[1]
      const id = collection === 'outputs' ? output : collection === 'findings' ? '1' : collection === 'sources' ? 'demo-conicet-digital-oai-dc' : 'x'
      const path = concrete(pattern, { id, source: 'docs-dspace-xoai', institution: 'la-referencia', file: 'outputs.ndjson.gz' })
      // Enabling and disabling take no parameters, so the right token only meets 400s; a harvest would really start.
      const token = pattern.endsWith('/harvest') ? 'wrong' : 'the-admin-token'
      const init: RequestInit = method === 'POST' ? { method, headers: { Authorization: `Bearer ${token}` } } : {}
      // Unknown and repeated parameters.
      for (const query of ['%ED%A0%80=1', 'q=%ED%A0%80', 'q=%FF%FE', 'year=%E0%A4%A', 'yeer=2020', 'q=a&q=b', 'per_page=1&per_page=2', `${'z'.repeat(300)}=1`, '&&&=', '=x', '%zz=%zz', 'a[b]=c']) {
        const status = await check(`${route} ?${query}`, `${path}?${query}`, init)
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
      for (const name of parameters) {
        for (const value of [...VALUES, ...(name === 'cursor' ? CURSORS : [])]) {
          const status = await check(`${route} ${name}=${JSON.stringify(value.slice(0, 40))}`, `${path}?${name}=${encodeURIComponent(value)}`, init)
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
        }
      }
    }
    expect(failures).toEqual([])
    // The battery did reach the handlers: most answers are 400s naming a parameter, many values are valid.
    expect(statuses.get(400)).toBeGreaterThan(500)
    expect(statuses.get(200)).toBeGreaterThan(500)
    // Nothing was switched off by the admin routes on the way.
    expect(h.db.$client.prepare('SELECT count(*) FROM source_state WHERE enabled = 0').pluck().get()).toBe(0)
  })

  it('hostile paths, ids and headers get problem+json 4xx, never a 500', async () => {
    const ids = ['%', '%25', '..', '%2e%2e%2f%2e%2e', "'; DROP TABLE entities; --", 'x'.repeat(5000), '%00', '%F0%9F%92%A9', '%E0%A4%A', 'ro-03459c4365709163%20', '*']
    for (const collection of ['outputs', 'dmps', 'projects', 'fundings', 'persons', 'organisations', 'sources', 'findings', 'reports']) {
      for (const id of ids) await check(`GET ${collection}/${id.slice(0, 30)}`, `/api/v1/${collection}/${id}`)
      await check(`POST ${collection}`, `/api/v1/${collection}`, { method: 'POST', body: '{}' })
      await check(`DELETE ${collection}`, `/api/v1/${collection}/x`, { method: 'DELETE' })
    }
    for (const file of ['outputs.ndjson', 'outputs.json.gz', 'nothing.csv.gz', '..%2Foutputs.ndjson.gz', 'x'.repeat(3000)]) await check(`dump ${file.slice(0, 30)}`, `/api/v1/dumps/${file}`)
    await check('dump of unknown source', '/api/v1/dumps/sources/nope/outputs.ndjson.gz')
    await check('dump of unknown institution', '/api/v1/dumps/institutions/%20/outputs.ndjson.gz')
    for (const path of ['/api/v1/outputs', '/api/v1/outputs?per_page=1', '/api/v1/indicators', '/api/v1/dumps/outputs.csv.gz', '/api/v1/reports']) {
      for (const headers of <Record<string, string>[]>[
        { Accept: 'application/xml' }, { Accept: ';;;,,,/' }, { Accept: 'text/csv;q=abc' }, { Accept: '*/*;q=0' }, { Accept: 'x'.repeat(8000) },
        { 'If-None-Match': '"unterminated' }, { 'If-None-Match': '*' }, { 'If-Modified-Since': 'yesterday' }, { 'If-Modified-Since': 'Tue, 99 Foo 2024 99:99:99 GMT' },
        { Authorization: 'Bearer ' + 'x'.repeat(5000) },
      ]) await check(`${path} ${JSON.stringify(headers).slice(0, 60)}`, path, { headers })
    }
    for (const body of ['not json', '[]', '{"source": 7}', '{"source": "nope"}', '{"full": "yes"}', '{"other": 1}', 'x'.repeat(100_000)]) {
      await check(`harvest body ${body.slice(0, 20)}`, '/api/v1/admin/harvest', { method: 'POST', body, headers: { Authorization: 'Bearer the-admin-token', 'Content-Type': 'application/json' } })
    }
    await check('disable unknown source', '/api/v1/admin/sources/nope/disable', { method: 'POST', headers: { Authorization: 'Bearer the-admin-token' } })
    await check('GET on an admin action', '/api/v1/admin/harvest', { headers: { Authorization: 'Bearer the-admin-token' } })
    expect(failures).toEqual([])
  })
})
