// `redcti check` and `redcti report` as operators run them: child processes on a temporary database filled with real
// records (CONICET oai_dc, the PerúCRIS examples) through the raw store, as a harvest leaves it.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { RawRecord } from '../../harvesters/types.ts'
import { loadSources } from '../../src/config/sources.ts'
import { openDb } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { realOai } from '../support/fixtures.ts'
import { runCli } from '../support/run-cli.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(root, 'bin/redcti.js')

const cli = (args: string[]) => runCli(args)

const records = (xml: string): RawRecord[] => {
  const page = parsePage(xml)
  if (!page.ok) throw new Error(page.detail)
  return page.page.records
}

let dir: string
let common: string[]

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-report-'))
  const sourcesFile = join(dir, 'sources.json')
  writeFileSync(sourcesFile, JSON.stringify([
    { id: 'conicet', name: 'CONICET Digital', institution: 'CONICET', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc' },
    { id: 'perucris-example', name: 'PerúCRIS (ejemplo)', institution: 'Institución de ejemplo PerúCRIS', baseUrl: 'https://cris.example.org/oai/request', metadataPrefix: 'cerif_perucris' },
  ]))
  const loaded = loadSources(sourcesFile)
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error))
  const dbFile = join(dir, 'redcti.db')
  const db = openDb(dbFile)
  const store = createRawStore(db)
  db.$client.transaction(() => {
    store.putRecords('conicet', records(realOai('conicet-ar-listrecords-oai_dc.xml')), '2024-06-01T00:00:00Z', 1)
    store.putRecords('perucris-example', ['project', 'funding', 'publication'].flatMap((e) => records(realOai(`perucris-guidelines-example-cerif-${e}.xml`))), '2024-06-01T00:00:00Z', 1)
  })()
  db.$client.close()
  common = ['--db', dbFile, '--sources', sourcesFile]
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
})

describe('redcti check', () => {
  it('says in its help why it exists: verdicts that depend on today\'s date', async () => {
    const help = await cli(['check', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/today's date/)
    expect(help.stdout).toMatch(/embargo/)
  })

  it('maps and judges every stored copy, then the report counts them', async () => {
    const checked = await cli([...common, 'check'])
    expect(checked.stderr).toBe('')
    expect(checked.code).toBe(0)
    expect(checked.stdout).toMatch(/^checked: \d+ records judged \(\d+ errors, \d+ warnings, \d+ notes\)/)

    const report = await cli([...common, 'report'])
    expect(report.code).toBe(0)
    const json = JSON.parse(report.stdout) as { sources: { id: string; records: number; valid: number; findings: Record<string, number> }[]; projects: { award: string; running: boolean }[]; health: unknown[] }
    expect(json.sources.map((s) => s.id)).toEqual(['conicet', 'perucris-example'])
    expect(json.sources.find((s) => s.id === 'perucris-example')!.records).toBe(7)
    expect(Object.values(json.sources.find((s) => s.id === 'conicet')!.findings).some((n) => n > 0)).toBe(true)
    // Judged on the real today: every PerúCRIS example project ended long ago.
    expect(json.projects.map((p) => p.award).sort()).toEqual(['007-2019', '075-2020-FONDECYT', '1498', '168-2007'])
    expect(json.projects.every((p) => !p.running)).toBe(true)
    expect(json.health).toHaveLength(2)
  })
})

describe('redcti report', () => {
  it('--format csv streams one row per finding of the chosen source', async () => {
    const csv = await cli([...common, 'report', '--format', 'csv', '--source', 'conicet'])
    expect(csv.code).toBe(0)
    const rows = parse(csv.stdout, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.length).toBeGreaterThan(0)
    expect(new Set(rows.map((r) => r.source))).toEqual(new Set(['conicet']))
    expect(rows.every((r) => r.record!.startsWith('oai:ri.conicet.gov.ar:') && r.fix !== '')).toBe(true)
  })

  it('refuses an unknown format or source with exit code 2 and no stack trace', async () => {
    const format = await cli([...common, 'report', '--format', 'xml'])
    expect(format.code).toBe(2)
    expect(format.stderr).toMatch(/unknown format "xml"; known: json, csv/)
    const source = await cli([...common, 'report', '--source', 'nowhere'])
    expect(source.code).toBe(2)
    expect(source.stderr).toMatch(/unknown source id "nowhere"/)
    expect(source.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m)
  })
})
