// The compliance report over the real pipeline: raw records stored with createRawStore, normalized (mapped, merged and
// judged) by normalizeRecords, then reported as JSON and as a CSV parsed back with csv-parse.
import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, it } from 'vitest'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { RawRecord, Source } from '../../harvesters/types.ts'
import { FINDINGS_CSV_COLUMNS } from '../../src/compliance/findings-csv.ts'
import { ruleById } from '../../src/compliance/index.ts'
import { buildReport, reportCsv, type ComplianceReport } from '../../src/compliance/report.ts'
import { openDb, type Db } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { acquireLock, finishRun, readState, recordProblem, updateState } from '../../src/harvest/state.ts'
import { normalizeRecords } from '../../src/normalize/normalize-records.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { realOai } from '../support/fixtures.ts'
import { peruvianMadmpInput, repositoryDmpInput, textCitingDatasetInput } from './fixtures/funded-projects.ts'

const AT = '2024-06-01T12:00:00Z'
const TODAY = '2024-06-01'
const INIA = 'Instituto Nacional de Investigación Agropecuaria (INIA, Uruguay)'

const sources: Source[] = [
  { id: 'perucris-example', name: 'PerúCRIS (ejemplo)', institution: 'Institución de ejemplo PerúCRIS', baseUrl: 'https://cris.example.org/oai/request', metadataPrefix: 'cerif_perucris' },
  { id: 'conicet', name: 'CONICET Digital', institution: 'CONICET', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc' },
  // An aggregator: its copies belong to the repositories they came from (reponame), not to the aggregator.
  { id: 'lareferencia', name: 'LA Referencia', institution: 'LA Referencia', role: 'aggregator', baseUrl: 'https://www.lareferencia.info/vufind/OAI/Server', metadataPrefix: 'xoai' },
  // Never harvested here; its name is the reponame LA Referencia gives INIA's repository.
  { id: 'ainfo', name: 'Ainfo', institution: INIA, baseUrl: 'https://ainfo.inia.uy/oai/request', metadataPrefix: 'oai_dc', enabled: false },
  { id: 'dmp-tool', protocol: 'madmp', baseUrl: 'file:///srv/dmps/', metadataPrefix: 'madmp', institution: 'PROCIENCIA (planes exportados)' },
  { id: 'upch-oai-dc', institution: 'Universidad Peruana Cayetano Heredia', baseUrl: 'https://repositorio.ejemplo.edu.pe/oai/request', metadataPrefix: 'oai_dc' },
  { id: 'unejemplo-dim', institution: 'Universidad Nacional de Ejemplo', baseUrl: 'https://repositorio.unejemplo.edu.pe/oai/request', metadataPrefix: 'dim' },
]

const raw = (input: RawInput): RawRecord => ({ identifier: input.oaiIdentifier, datestamp: input.datestamp, setSpecs: [], deleted: false, metadata: input.metadata, problem: null })

function pageRecords(xml: string): RawRecord[] {
  const page = parsePage(xml)
  if (!page.ok) throw new Error(page.detail)
  return page.page.records
}

const xoai = (file: string, n: number): RawRecord => ({
  identifier: `oai:lareferencia.info:${n}`, datestamp: '2023-01-01T00:00:00Z', setSpecs: [], deleted: false, problem: null,
  metadata: realOai(file).replace(/^<\?xml[^>]*>\s*/, ''),
})

let db: Db
let report: ComplianceReport
const conicet = pageRecords(realOai('conicet-ar-listrecords-oai_dc.xml'))
const vanishedIds = conicet.filter((r) => !r.deleted).slice(0, 2).map((r) => r.identifier)
// A record cut off mid-element: kept with its problem, and it cannot be mapped.
const unreadable: RawRecord = { identifier: 'oai:ri.conicet.gov.ar:11336/0', datestamp: '2020-01-01T00:00:00Z', setSpecs: [], deleted: false, metadata: '<oai_dc:dc', problem: 'malformed XML: unexpected end of input' }

beforeAll(() => {
  db = openDb(':memory:')
  const store = createRawStore(db)
  const put = (sourceId: string, records: RawRecord[], epoch = 1) => db.$client.transaction(() => store.putRecords(sourceId, records, AT, epoch))()
  put('perucris-example', ['project', 'funding', 'publication', 'product'].flatMap((e) => pageRecords(realOai(`perucris-guidelines-example-cerif-${e}.xml`))))
  put('conicet', [...conicet, unreadable])
  put('lareferencia', [xoai('lareferencia-redi-anii-uy-xoai.xml', 1), xoai('lareferencia-testres-uhu-huelva-xoai.xml', 2), xoai('lareferencia-testres-ualg-algarve-xoai.xml', 3)])
  put('dmp-tool', [raw(peruvianMadmpInput())])
  put('upch-oai-dc', [raw(repositoryDmpInput())])
  put('unejemplo-dim', [raw(textCitingDatasetInput())])

  // CONICET's harvest history: one good run, then two failures; a token restart; a full pass in which two
  // records were no longer listed although Identify says deletions are only transient.
  readState(db, 'conicet')
  const run = (status: 'finished' | 'failed', message: string | null, at: string) => {
    const lock = acquireLock(db, 'conicet', 'incremental', at)
    if (!lock.ok) throw new Error('locked')
    finishRun(db, 'conicet', lock.runId, status, message, at)
    return lock.runId
  }
  const good = run('finished', null, '2024-05-01T00:00:00Z')
  recordProblem(db, good, 'conicet', 'token-restart', 'badResumptionToken (expired); window 2024-04-01–2024-05-01 restarted', '2024-05-01T00:10:00Z')
  run('failed', 'HTTP 503 after 5 attempts', '2024-05-15T00:00:00Z')
  run('failed', 'HTTP 503 after 5 attempts', '2024-05-30T00:00:00Z')
  db.$client.transaction(() => {
    store.markSeen('conicet', [...conicet, unreadable].map((r) => r.identifier).filter((id) => !vanishedIds.includes(id)), 2)
    store.markVanished('conicet', 2, AT)
  })()
  updateState(db, 'conicet', { deletedRecord: 'transient', highWater: '2026-05-30T00:00:00Z', role: 'repository' })

  normalizeRecords(db, sources, [], AT)
  report = buildReport(db, sources, { today: TODAY })
})

/** What the findings table says, counted independently of the report's queries. */
function expected(sourceId: string) {
  const c = db.$client
  const records = c.prepare("SELECT count(*) FROM normalized_records WHERE source_id = ? AND status = 'mapped'").pluck().get(sourceId) as number
  const invalid = c.prepare(`SELECT count(DISTINCT f.record_id) FROM findings f JOIN normalized_records n ON n.id = f.record_id
    WHERE n.source_id = ? AND n.status = 'mapped' AND f.severity = 'error'`).pluck().get(sourceId) as number
  const rules = c.prepare(`SELECT f.rule_id AS rule, count(DISTINCT f.record_id) AS n FROM findings f JOIN normalized_records n ON n.id = f.record_id
    WHERE n.source_id = ? AND n.status = 'mapped' GROUP BY f.rule_id`).all(sourceId) as { rule: string; n: number }[]
  return { records, valid: records - invalid, findings: Object.fromEntries(rules.map((r) => [r.rule, r.n])) }
}

describe('compliance report: JSON', () => {
  it('has the four sections and one entry per source, configured or only stored', () => {
    expect(Object.keys(report)).toEqual(['today', 'sources', 'institutions', 'projects', 'health'])
    expect(report.sources.map((s) => s.id)).toEqual(['ainfo', 'conicet', 'dmp-tool', 'lareferencia', 'perucris-example', 'unejemplo-dim', 'upch-oai-dc'])
    for (const s of report.sources) expect(Object.keys(s).sort()).toEqual(['findings', 'id', 'institution', 'name', 'records', 'role', 'valid'])
  })

  it('counts mapped copies, valid ones (no error-level finding) and the copies each rule flags, per source', () => {
    const live = conicet.filter((r) => !r.deleted).length - vanishedIds.length
    const bySource = Object.fromEntries(report.sources.map((s) => [s.id, s]))
    expect(bySource['conicet']!.records).toBe(live)
    expect(bySource['perucris-example']!.records).toBe(8)
    expect(bySource['ainfo']).toMatchObject({ records: 0, valid: 0, findings: {} })
    for (const s of report.sources) {
      expect({ records: s.records, valid: s.valid, findings: s.findings }, s.id).toEqual(expected(s.id))
      expect(s.valid).toBeLessThanOrEqual(s.records)
    }
    // The real CONICET records have gaps the rules report (the rules and their ids are the rules module's).
    expect(Object.keys(bySource['conicet']!.findings).length).toBeGreaterThan(0)
    for (const rule of Object.keys(bySource['conicet']!.findings)) expect(ruleById.has(rule), rule).toBe(true)
  })

  it('attributes an aggregator\'s copies to the repository they came from, or to their publisher', () => {
    const lareferencia = report.institutions.filter((i) => i.sources.includes('lareferencia'))
    // REDI's record names reponame "Ainfo": the configured source of that name gives the institution.
    expect(lareferencia.map((i) => i.institution)).toContain(INIA)
    expect(lareferencia.map((i) => i.institution)).not.toContain('LA Referencia')
    expect(lareferencia.reduce((n, i) => n + i.records, 0)).toBe(3)
    const byName = Object.fromEntries(report.institutions.map((i) => [i.institution, i]))
    expect(byName['CONICET']).toMatchObject({ sources: ['conicet'], ...expected('conicet') })
    // Every mapped copy is counted once, in one institution.
    const sum = (list: { records: number; valid: number }[]) => list.reduce((n, t) => [n[0]! + t.records, n[1]! + t.valid], [0, 0])
    expect(sum(report.institutions)).toEqual(sum(report.sources))
  })

  it('lists the publicly funded projects the records name, judged on today\'s date', () => {
    const byAward = Object.fromEntries(report.projects.map((p) => [p.award, p]))
    expect(Object.keys(byAward).sort()).toEqual(['007-2019', '075-2020-FONDECYT', '1498', '168-2007', 'PE501078563-2022'])
    // The maDMP, the DMP item and the text-citing dataset meet on the contract; the project runs until 2025-09-30.
    expect(byAward['PE501078563-2022']).toMatchObject({ running: true, compliant: null, missing: ['data-not-open-format'], sources: ['dmp-tool', 'unejemplo-dim', 'upch-oai-dc'] })
    expect(byAward['PE501078563-2022']!.dmps).toHaveLength(2)
    expect(byAward['168-2007']).toMatchObject({ compliant: false, missing: ['dmp-missing'] })
    // Merged entity ids: the report reads the public entities, not the per-source copies.
    expect(byAward['168-2007']!.products[0]!.id).toMatch(/^ro-/)
  })

  it('reports repository health with a message and a fix for each problem', () => {
    const health = Object.fromEntries(report.health.map((h) => [h.source, h]))
    expect(health['perucris-example']).toEqual({ source: 'perucris-example', ok: true, problems: [] })
    const problems = Object.fromEntries(health['conicet']!.problems.map((p) => [p.code, p]))
    expect(Object.keys(problems).sort()).toEqual(['deletions-not-propagated', 'harvest-failing', 'oai-index-stale', 'records-not-mapped', 'token-failures', 'unreadable-records'])
    expect(problems['harvest-failing']).toMatchObject({ severity: 'error', count: 2, detail: 'HTTP 503 after 5 attempts' })
    expect(problems['token-failures']).toMatchObject({ count: 1 })
    expect(problems['deletions-not-propagated']).toMatchObject({ count: 2 })
    expect(problems['deletions-not-propagated']!.message).toContain('deletedRecord=transient')
    expect(problems['unreadable-records']).toMatchObject({ count: 1 })
    for (const p of health['conicet']!.problems) {
      expect(p.message.length).toBeGreaterThan(20)
      expect(p.fix.length).toBeGreaterThan(20)
    }
  })

  it('narrows to one source: its counts, its health, and the projects it has a record in', () => {
    const one = buildReport(db, sources, { today: TODAY, sourceId: 'unejemplo-dim' })
    expect(one.sources.map((s) => s.id)).toEqual(['unejemplo-dim'])
    expect(one.institutions.map((i) => i.institution)).toEqual(['Universidad Nacional de Ejemplo'])
    expect(one.health.map((h) => h.source)).toEqual(['unejemplo-dim'])
    expect(one.projects.map((p) => p.award)).toEqual(['PE501078563-2022'])
  })
})

describe('compliance report: CSV', () => {
  const rows = (csv: string) => parse(csv, { bom: true, columns: true, skip_empty_lines: true }) as Record<string, string>[]

  it('is one row per finding, with source, institution, record, landing URL, rule, severity, value and the Spanish fix', () => {
    const csv = [...reportCsv(db, sources)].join('')
    expect(csv.startsWith('\uFEFF')).toBe(true)
    const parsed = rows(csv)
    const total = db.$client.prepare("SELECT count(*) FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'").pluck().get() as number
    expect(total).toBeGreaterThan(0)
    expect(parsed).toHaveLength(total)
    expect(Object.keys(parsed[0]!)).toEqual([...FINDINGS_CSV_COLUMNS])
    for (const row of parsed) {
      const rule = ruleById.get(row.rule!)
      expect(rule, row.rule).toBeDefined()
      expect(row.fix).toBe(rule!.fix.es)
      expect(row.severity).toBe(rule!.severity)
    }
    // Sorted by source, then record.
    const keys = parsed.map((r) => `${r.source}\u0000${r.record}`)
    expect(keys).toEqual([...keys].sort())
    // A row says where: the copy's landing page and its values, as stored.
    const first = parsed.find((r) => r.source === 'conicet')!
    const stored = db.$client.prepare(`SELECT json_extract(n.json, '$.landingPage') AS landing, f."values" AS vals FROM findings f JOIN normalized_records n ON n.id = f.record_id
      WHERE n.source_id = 'conicet' AND n.oai_identifier = ? AND f.rule_id = ? ORDER BY f.id LIMIT 1`).get(first.record, first.rule) as { landing: string | null; vals: string }
    expect(first.landing_url).toBe(stored.landing ?? '')
    expect(first.value).toBe((JSON.parse(stored.vals) as string[]).join(' | '))
    expect(first.institution).toBe('CONICET')
    const aggregated = parsed.filter((r) => r.source === 'lareferencia')
    expect(aggregated.every((r) => r.institution !== 'LA Referencia')).toBe(true)
  })

  it('for one source holds only its rows', () => {
    const parsed = rows([...reportCsv(db, sources, 'conicet')].join(''))
    expect(parsed.length).toBeGreaterThan(0)
    expect(new Set(parsed.map((r) => r.source))).toEqual(new Set(['conicet']))
  })

  it('streams: lines come one at a time from the database', () => {
    const lines = reportCsv(db, sources)
    expect(lines.next().value).toBe(`\uFEFF${FINDINGS_CSV_COLUMNS.join(',')}\n`)
    const second = lines.next()
    expect(second.done).toBe(false)
    expect(rows(`${FINDINGS_CSV_COLUMNS.join(',')}\n${second.value}`)).toHaveLength(1)
    lines.return(undefined)
  })
})
