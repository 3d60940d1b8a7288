// The `redcti` command line as operators run it: `node bin/redcti.js …` child processes on temporary databases.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureServer, syntheticRepository, type FixtureServer } from '../support/fixture-server.ts'
import { syntheticIdentifierPrefix } from '../support/synthetic-repository.ts'
import { loadDemoRepositories } from '../../src/demo/demo-corpus.ts'
import { runCli } from '../support/run-cli.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(root, 'bin/redcti.js')

const cli = runCli

// A Node stack frame ("    at fn (file.ts:12:5)"): operators must never see one for an expected failure.
const stackFrame = /^\s+at .*:\d+:\d+\)?$/m

let dir: string
let withRecordFault: FixtureServer
let withEmptyMetadata: FixtureServer
let closedPort: number

const file = (name: string, content: unknown) => {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  return path
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-cli-'))
  // 120 records (every 20th deleted); the first page's fourth record (index 3) arrives unparseable.
  withRecordFault = await startFixtureServer({
    repository: syntheticRepository({ records: 120 }), pageSize: 50,
    faults: { records: [{ kind: 'unescaped-ampersand', position: 3, when: { verb: 'ListRecords', page: 0 } }] },
  })
  withEmptyMetadata = await startFixtureServer({
    repository: syntheticRepository({ records: 40, seed: 2 }), pageSize: 50,
    faults: { records: [{ kind: 'empty-metadata', position: 5, when: { verb: 'ListRecords', page: 0 } }] },
  })
  // A port that was just free: nothing listens there.
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  closedPort = (probe.address() as { port: number }).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
})

afterAll(async () => {
  await withRecordFault?.close()
  await withEmptyMetadata?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const goodSources = () => [
  { id: 'repo-a', name: 'Repositorio A', baseUrl: withRecordFault.baseUrl, metadataPrefix: 'oai_dc', harvest: { windowDays: 3650 } },
  { id: 'repo-b', name: 'Repositorio B', baseUrl: withEmptyMetadata.baseUrl, metadataPrefix: 'oai_dc', harvest: { windowDays: 3650 } },
]

describe('--help', () => {
  it('the program and every command describe themselves and name their options', async () => {
    const [program, harvest, status, failures, demo] = await Promise.all([
      cli(['--help']), cli(['harvest', '--help']), cli(['status', '--help']), cli(['failures', '--help']), cli(['demo', '--help']),
    ])
    for (const result of [program, harvest, status, failures, demo]) {
      expect(result.code).toBe(0)
      expect(result.stdout).toMatch(/^Usage: redcti/)
    }
    expect(program.stdout).toContain('--db <file>')
    expect(program.stdout).toContain('--sources <file>')
    for (const command of ['harvest', 'status', 'failures', 'demo']) expect(program.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'))
    for (const option of ['[sourceIds...]', '--full', '--from <date>', '--until <date>', '--workers <n>']) expect(harvest.stdout).toContain(option)
    expect(status.stdout).toContain('--json')
    expect(failures.stdout).toContain('[sourceId]')
    expect(failures.stdout).toContain('--json')
    expect(demo.stdout).toMatch(/demo/i)
  })

  it('an unknown command or option exits 2 with usage help, not a stack trace', async () => {
    const result = await cli(['harvets'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/unknown command 'harvets'/)
    expect(result.stderr).not.toMatch(stackFrame)
  })
})

describe('an invalid sources file', () => {
  it('is reported field by field with exit 2, and nothing is harvested', async () => {
    const sources = file('bad-sources.json', [
      { id: 'PUCP Tesis', baseUrl: 'tesis.pucp.edu.pe/oai/request', metadataPrefix: 'oai_dc' },
      { id: 'upch-oai', baseUrl: 'https://repositorio.upch.edu.pe/oai/request?verb=Identify', metadataPrefix: 'oai_dc', set: '' },
      { id: 'unmsm-cybertesis', baseUrl: 'https://cybertesis.unmsm.edu.pe/oai/request', metadataprefix: 'oai_dc', politeness: { delayMs: '1000' }, harvest: { overlap: 72 } },
      { id: 'upch-oai', baseUrl: 'https://repositorio.upch.edu.pe/server/oai/request', metadataPrefix: 'all' },
    ])
    const db = join(dir, 'never.db')
    const result = await cli(['--db', db, '--sources', sources, 'harvest'])
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).not.toMatch(stackFrame)
    const lines = result.stderr.trim().split('\n')
    const expected = [
      /source 'PUCP Tesis' \(\/0\): id must be a slug.*\(got 'PUCP Tesis'\)/,
      /source 'PUCP Tesis' \(\/0\): baseUrl must be an http:\/\/ or https:\/\/ URL.*\(got 'tesis\.pucp\.edu\.pe\/oai\/request'\)/,
      /source 'upch-oai' \(\/1\): baseUrl must be an http:\/\/ or https:\/\/ URL without query string/,
      /source 'upch-oai' \(\/1\): set must not be empty/,
      /source 'unmsm-cybertesis' \(\/2\): metadataPrefix is required/,
      /source 'unmsm-cybertesis' \(\/2\): metadataprefix is not a known setting; did you mean "metadataPrefix"\?/,
      /source 'unmsm-cybertesis' \(\/2\): politeness\.delayMs must be an integer \(got '1000'\)/,
      /source 'unmsm-cybertesis' \(\/2\): harvest\.overlap is not a known setting; did you mean "overlapHours"\?/,
      /source 'upch-oai' \(\/3\): metadataPrefix 'all' is reserved by OAI-PMH/,
      /source 'upch-oai' \(\/3\): id is already used by source \/1/,
    ]
    for (const pattern of expected) expect(lines.some((line) => pattern.test(line)), `stderr has a line matching ${pattern}:\n${result.stderr}`).toBe(true)
    // Every line names the file it is about.
    for (const line of lines) expect(line.startsWith(`${sources}: `), line).toBe(true)
  })

  it('a trailing comma is reported with its line and column; a missing file by name', async () => {
    const sources = file('trailing-comma.json', '[\n  { "id": "a", "baseUrl": "https://a.edu.pe/oai/request", "metadataPrefix": "oai_dc" },\n]\n')
    const comma = await cli(['--db', join(dir, 'never.db'), '--sources', sources, 'harvest'])
    expect(comma.code).toBe(2)
    expect(comma.stderr).toMatch(/invalid JSON at line 3, column 1: .*\(a trailing comma before it\?\)/)
    expect(comma.stderr).not.toMatch(stackFrame)
    const missing = await cli(['--db', join(dir, 'never.db'), '--sources', join(dir, 'no-such.json'), 'harvest'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain(`${join(dir, 'no-such.json')}: file not found`)
  })
})

describe('harvest, status and failures against fixture servers', () => {
  let db: string
  let sources: string

  beforeAll(() => {
    db = join(dir, 'good.db')
    sources = file('good-sources.json', goodSources())
  })

  it('harvest exits 0 when every source finished, and says what it stored', async () => {
    const result = await cli(['--db', db, '--sources', sources, 'harvest'])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/^ok\s+repo-a: 120 records \(6 deleted\) in 3 pages$/m)
    expect(result.stdout).toMatch(/^ok\s+repo-b: 40 records \(2 deleted\) in 1 pages$/m)
  })

  it('status --json prints { sources: [ { id, records, deleted, failed, lastRun: { status, … } } ] } with the right numbers', async () => {
    const result = await cli(['--db', db, '--sources', sources, 'status', '--json'])
    expect(result.code).toBe(0)
    const parsed = JSON.parse(result.stdout) as { sources: Record<string, unknown>[] }
    expect(Object.keys(parsed)).toEqual(['sources'])
    expect(parsed.sources.map((s) => s.id)).toEqual(['repo-a', 'repo-b'])
    // The unparseable record is stored (raw, with its diagnostic) and counted both as live and as failed.
    expect(parsed.sources[0]).toMatchObject({ id: 'repo-a', records: 114, deleted: 6, failed: 1, lastRun: { status: 'finished', pages: 3 } })
    expect(parsed.sources[1]).toMatchObject({ id: 'repo-b', records: 38, deleted: 2, failed: 1, lastRun: { status: 'finished', pages: 1 } })
    for (const source of parsed.sources) {
      const lastRun = source.lastRun as Record<string, unknown>
      expect(typeof lastRun.startedAt).toBe('string')
      expect(typeof lastRun.finishedAt).toBe('string')
    }
  })

  it('plain status prints a table, one row per source', async () => {
    const result = await cli(['--db', db, '--sources', sources, 'status'])
    expect(result.code).toBe(0)
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^source\s+live\s+deleted\s+vanished\s+unreadable\s+not mapped\s+last run\s+started\s+finished\s+pages\s+message$/)
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^repo-a\s+114\s+6\s+0\s+1\s+\d+\s+finished\s+\S+Z\s+\S+Z\s+3\s+120 records/)
    expect(lines[2]).toMatch(/^repo-b\s+38\s+2\s+0\s+1\s+\d+\s+finished\s+\S+Z\s+\S+Z\s+1\s+40 records/)
  })

  it('failures lists the unreadable records with their diagnostics; failures <sourceId> only that source', async () => {
    const all = await cli(['--db', db, '--sources', sources, 'failures'])
    expect(all.code).toBe(0)
    const badA = `${syntheticIdentifierPrefix}3`
    const badB = `${syntheticIdentifierPrefix}5`
    expect(all.stdout).toMatch(new RegExp(`^repo-a\\t${escape(badA)}\\tunreadable\\tnot well-formed XML`, 'm'))
    expect(all.stdout).toMatch(new RegExp(`^repo-b\\t${escape(badB)}\\tunreadable\\tempty <metadata>`, 'm'))

    const onlyB = await cli(['--db', db, '--sources', sources, 'failures', 'repo-b'])
    expect(onlyB.code).toBe(0)
    expect(onlyB.stdout).toContain(badB)
    expect(onlyB.stdout).not.toMatch(/^repo-a\t/m)
    expect(onlyB.stdout.trim().split('\n').every((line) => line.startsWith('repo-b\t'))).toBe(true)

    const json = await cli(['--db', db, '--sources', sources, 'failures', 'repo-a', '--json'])
    const rows = json.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(rows).toContainEqual(expect.objectContaining({ sourceId: 'repo-a', identifier: badA, kind: 'unreadable', detail: expect.stringMatching(/not well-formed XML/) }))
    expect(rows.every((r) => r.sourceId === 'repo-a')).toBe(true)
  })

  it('an unknown source id exits 2 and names the known ids', async () => {
    const result = await cli(['--db', db, '--sources', sources, 'harvest', 'repo-c'])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/unknown source id\(s\): repo-c\. Known: repo-a, repo-b/)
    expect(result.stderr).not.toMatch(stackFrame)
  })
})

describe('failures, case 37', () => {
  it('a live record without <metadata> is listed as unreadable, like one with an empty <metadata/>', async () => {
    const server = await startFixtureServer({
      repository: syntheticRepository({ records: 10, deletedEvery: 0 }),
      faults: { records: [{ kind: 'no-metadata', position: 4, when: { verb: 'ListRecords' } }] },
    })
    try {
      const db = join(dir, 'no-metadata.db')
      const sources = file('no-metadata-sources.json', [{ id: 'repo-m', baseUrl: server.baseUrl, metadataPrefix: 'oai_dc', harvest: { windowDays: 3650 } }])
      expect((await cli(['--db', db, '--sources', sources, 'harvest'])).code).toBe(0)
      const failures = await cli(['--db', db, '--sources', sources, 'failures', 'repo-m'])
      expect(failures.stdout).toMatch(new RegExp(`^repo-m\\t${escape(syntheticIdentifierPrefix)}4\\tunreadable\\t.*metadata`, 'm'))
    } finally {
      await server.close()
    }
  })
})

describe('harvest with one good and two failing sources', () => {
  it('stores the good one, reports the failed ones in words, exits 1', async () => {
    const db = join(dir, 'mixed.db')
    const sources = file('mixed-sources.json', [
      goodSources()[1],
      { id: 'wrong-path', baseUrl: `${withRecordFault.origin}/server/oai/request`, metadataPrefix: 'oai_dc', politeness: { maxAttempts: 2 } },
      { id: 'nobody-listens', baseUrl: `http://127.0.0.1:${closedPort}/oai/request`, metadataPrefix: 'oai_dc', politeness: { maxAttempts: 1 } },
    ])
    const result = await cli(['--db', db, '--sources', sources, 'harvest'])
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(1)
    expect(result.stdout).toMatch(/^ok\s+repo-b: 40 records/m)
    expect(result.stdout).toMatch(/^failed\s+wrong-path: Identify failed: HTTP 404 from http:\/\/127\.0\.0\.1:\d+\/server\/oai\/request\?verb=Identify/m)
    expect(result.stdout).toMatch(/^failed\s+nobody-listens: Identify failed: .*(refused|ECONNREFUSED)/im)
    expect(`${result.stdout}${result.stderr}`).not.toMatch(stackFrame)

    const status = JSON.parse((await cli(['--db', db, '--sources', sources, 'status', '--json'])).stdout) as { sources: { id: string; records: number; lastRun: { status: string; message: string } | null }[] }
    const byId = Object.fromEntries(status.sources.map((s) => [s.id, s]))
    expect(byId['repo-b']).toMatchObject({ records: 38, lastRun: { status: 'finished' } })
    expect(byId['wrong-path']).toMatchObject({ records: 0, lastRun: { status: 'failed', message: expect.stringMatching(/HTTP 404/) } })
    expect(byId['nobody-listens']).toMatchObject({ records: 0, lastRun: { status: 'failed' } })
  })
})

describe('demo (npm start)', () => {
  it('harvests the bundled corpus from loopback: exit 0, every demo source finished with records', async () => {
    const ids = loadDemoRepositories(join(root, 'data/demo')).map((d) => d.id)
    expect(ids.length).toBeGreaterThan(0)
    const result = await cli(['--db', join(dir, 'demo.db'), 'demo', '--no-serve'], 45_000)
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).not.toMatch(/^(failed|deferred|locked)\s/m)
    for (const id of ids) {
      const outcome = new RegExp(`^ok\\s+${escape(id)}: (\\d+) records`, 'm').exec(result.stdout)
      expect(outcome, `an ok line for ${id}:\n${result.stdout}`).not.toBeNull()
      expect(Number(outcome![1])).toBeGreaterThan(0)
      const row = new RegExp(`^${escape(id)}\\s+(\\d+)\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d+\\s+finished\\s`, 'm').exec(result.stdout)
      expect(row, `a status row for ${id}:\n${result.stdout}`).not.toBeNull()
      expect(Number(row![1])).toBeGreaterThan(0)
    }
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
