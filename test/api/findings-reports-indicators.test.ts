// /findings, /reports and /indicators on a harvested database: the same numbers as the compliance report builder
// (src/compliance/report.ts) and the entity index, filtered and paged like the entity lists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { buildReport, reportCsv } from '../../src/compliance/report.ts'

let h: HarvestedDb
let app: ReturnType<HarvestedDb['app']>
const NOW = new Date('2026-11-22T12:00:00Z')
const get = async (path: string) => {
  const response = await app.request(path)
  expect(response.status, path).toBe(200)
  return response
}
const json = async (path: string) => (await (await get(path)).json()) as any

beforeAll(async () => {
  h = await harvestedDb()
  app = h.app({ now: () => NOW })
  await app.request('/api/v1/outputs')
})
afterAll(() => h.close())

async function allFindings(query: string): Promise<any[]> {
  const items: any[] = []
  for (let next: string | null = `/api/v1/findings?per_page=50${query}`; next;) {
    const page = await json(next.replace(/^https?:\/\/[^/]+/, ''))
    items.push(...page.items)
    next = page.links.next
  }
  return items
}

describe('findings', () => {
  it('pages through every finding of a mapped copy once, filtered by source, rule and severity', async () => {
    const total = h.db.$client.prepare("SELECT count(*) FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'").pluck().get() as number
    const all = await allFindings('')
    expect(all.length).toBe(total)
    expect(new Set(all.map((f) => f.id)).size).toBe(total)
    const first = all[0]
    expect(first).toMatchObject({ source: expect.any(String), rule: expect.any(String), severity: expect.stringMatching(/^(error|warning|info)$/), message: { es: expect.any(String), en: expect.any(String) } })
    expect((await get(first.entity_url.replace('http://localhost', ''))).status).toBe(200)

    const errors = await allFindings('&severity=error&source=demo-conicet-digital-oai-dc')
    expect(errors.length).toBe(all.filter((f) => f.severity === 'error' && f.source === 'demo-conicet-digital-oai-dc').length)
    const rule = await allFindings('&rule=ford-subject-missing,publisher-missing')
    expect(rule.length).toBe(all.filter((f) => ['ford-subject-missing', 'publisher-missing'].includes(f.rule)).length)
    expect(await json(`/api/v1/findings/${first.id}`)).toEqual(first)
    expect((await app.request('/api/v1/findings/999999')).status).toBe(404)
    const bad = await app.request('/api/v1/findings?rule=no-such-rule&severity=fatal')
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as any).errors.map((e: any) => e.parameter)).toEqual(['rule', 'severity'])

    const csv = parse(await (await get('/api/v1/findings?per_page=20&format=csv')).text(), { columns: true, bom: true }) as Record<string, string>[]
    expect(csv.length).toBe(20)
    expect(csv[0]).toMatchObject({ source: all[0].source, rule: all[0].rule })
  })

  it('the summary counts per source, rule and severity as the report does', async () => {
    const summary = (await json('/api/v1/findings/summary')).items as { source: string; rule: string; severity: string; records: number }[]
    const report = buildReport(h.db, h.sources, { today: '2026-11-22' })
    for (const source of report.sources) {
      for (const [rule, records] of Object.entries(source.findings)) {
        expect(summary.filter((s) => s.source === source.id && s.rule === rule).reduce((n, s) => n + s.records, 0), `${source.id} ${rule}`).toBe(records)
      }
    }
  })
})

describe('reports', () => {
  it('serves the compliance report for all sources and for one, and its findings CSV', async () => {
    expect(await json('/api/v1/reports')).toEqual(JSON.parse(JSON.stringify(buildReport(h.db, h.sources, { today: '2026-11-22', staleDays: 90 }))))
    expect(await json('/api/v1/reports/docs-dspace-xoai?stale_days=30')).toEqual(JSON.parse(JSON.stringify(buildReport(h.db, h.sources, { today: '2026-11-22', sourceId: 'docs-dspace-xoai', staleDays: 30 }))))
    expect((await app.request('/api/v1/reports/nope')).status).toBe(404)
    // The CSV `redcti report --format csv` prints, streamed in id order (the CLI sorts by source and record).
    const response = await get('/api/v1/reports?format=csv')
    expect(response.headers.get('content-disposition')).toContain('findings.csv')
    const rows = (text: string) => (parse(text, { bom: true }) as string[][]).map((r) => JSON.stringify(r))
    const served = rows(await response.text())
    const cli = rows([...reportCsv(h.db, h.sources)].join(''))
    expect(served[0]).toBe(cli[0])
    expect(served.slice(1).sort()).toEqual(cli.slice(1).sort())
    expect(served.length).toBeGreaterThan(100)
  })
})

describe('indicators', () => {
  it('counts live outputs by institution, year, OCDE area, type, access right and language, under the list filters', async () => {
    const live = h.db.$client.prepare("SELECT count(*) FROM entity_index WHERE kind = 'research-output' AND deleted = 0").pluck().get() as number
    const all = await json('/api/v1/indicators')
    expect(all.total).toBe(live)
    for (const dimension of ['institution', 'year', 'ford_area', 'type', 'access', 'language']) {
      expect(all.by[dimension].reduce((n: number, c: any) => n + c.count, 0), dimension).toBe(live)
    }
    expect(all.by.type.find((t: any) => t.value === 'http://purl.org/coar/resource_type/c_6501')).toMatchObject({ label: 'journal article', label_es: 'artículo' })
    expect(all.by.access.find((t: any) => t.value === 'http://purl.org/coar/access_right/c_abf2')).toMatchObject({ label: 'open access' })
    expect(all.by.institution.find((t: any) => t.value === 'la-referencia')).toMatchObject({ label: 'LA Referencia', count: 4 })

    const conicetByYear = await json('/api/v1/indicators?by=year&institution=consejo-nacional-de-investigaciones-cientificas-y-tecnicas-conicet-argentina')
    expect(Object.keys(conicetByYear.by)).toEqual(['year'])
    expect(conicetByYear.total).toBe(98)
    const articles = await json('/api/v1/indicators?by=type&type=c_6501&year=2015-')
    expect(articles.by.type).toHaveLength(1)
    const searched = await json('/api/v1/indicators?by=year&q=caries')
    expect(searched.total).toBeGreaterThan(0)
    expect(searched.total).toBeLessThan(live)

    const csv = parse(await (await get('/api/v1/indicators?format=csv&by=access')).text(), { columns: true }) as Record<string, string>[]
    expect(csv[0]).toEqual({ dimension: 'total', value: '', label: '', count: String(live) })
    expect(csv.slice(1).every((r) => r.dimension === 'access')).toBe(true)
    expect((await app.request('/api/v1/indicators?by=color')).status).toBe(400)
  })
})
