// Issue #2's acceptance test: SIGKILL the harvesting process before its first commit, mid-window and during a token restart, under faults; the resumed harvests store exactly the served set.
import { spawn, execFile, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.ts'
import type { RequestLogEntry } from '../support/fixture-server.ts'
import { mutableRepository } from '../support/harvest-harness.ts'
import type { ReplayRepository } from '../../src/demo/replay-repository.ts'
import type { HarvestPlan } from '../../src/harvest/state.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(root, 'bin/redcti.js')
const sourceId = 'killed-and-resumed'

/*
 * 3000 records 29 hours apart span 2015-01-01 … 2024-12; 365-day windows make about 300 records, seven
 * pages of 50 and six token requests per window. A bad token every 9th token request therefore hits
 * most windows once, and a restarted window always has enough good tokens left to finish; the 503 and
 * truncation steps (20, 30) keep the harvest slowed by seconds, not minutes.
 */
const RECORDS = 3000
const PAGE_SIZE = 50
const DELETED_EVERY = 20

function spreadRepository(): ReplayRepository {
  const repository = mutableRepository(RECORDS, { deletedEvery: DELETED_EVERY })
  const start = Date.UTC(2015, 0, 1)
  repository.records = repository.records.map((r, i) => ({ ...r, datestamp: new Date(start + i * 29 * 3600_000).toISOString().slice(0, 19) + 'Z' }))
  return repository
}

interface Run {
  label: string
  child: ChildProcess
  /** Index into server.requests of this run's first request. */
  firstRequest: number
  output: { stdout: string; stderr: string }
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

type KillPoint = (entry: RequestLogEntry, run: Run) => boolean

let dir: string
let dbFile: string
let sourcesFile: string
let server: FixtureServer
let repository: ReplayRepository
let current: Run | null = null
let killPoint: KillPoint | null = null
let killedAt: RequestLogEntry | null = null
const hookErrors: unknown[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-kill-'))
  dbFile = join(dir, 't.db')
  sourcesFile = join(dir, 'sources.json')
  repository = spreadRepository()
  server = await startFixtureServer({
    repository,
    pageSize: PAGE_SIZE,
    faults: {
      statuses: [{ status: 503, retryAfter: 1, when: { every: 20 } }],
      badToken: { every: 9 },
      truncate: { when: { every: 30 } },
    },
    // The harvester is a child process; the kill happens as its request reaches the server, before any answer.
    onRequest: (entry) => {
      try {
        if (current && killPoint?.(entry, current)) {
          killPoint = null
          killedAt = entry
          current.child.kill('SIGKILL')
        }
      } catch (error) {
        hookErrors.push(error)
      }
    },
  })
  writeFileSync(sourcesFile, JSON.stringify([{
    id: sourceId, baseUrl: server.baseUrl, metadataPrefix: 'oai_dc',
    politeness: { maxAttempts: 10, headerTimeoutMs: 10_000, bodyTimeoutMs: 10_000 },
    harvest: { windowDays: 365 },
  }], null, 2))
})

afterAll(async () => {
  if (current && current.child.exitCode === null && current.child.signalCode === null) current.child.kill('SIGKILL')
  await server?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

function startHarvest(label: string): Run {
  const child = spawn(process.execPath, [bin, '--db', dbFile, '--sources', sourcesFile, 'harvest'], {
    cwd: root, env: { ...process.env, REDCTI_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  const output = { stdout: '', stderr: '' }
  child.stdout!.on('data', (chunk: Buffer) => { output.stdout += chunk.toString('utf8') })
  child.stderr!.on('data', (chunk: Buffer) => { output.stderr += chunk.toString('utf8') })
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal }))
  })
  current = { label, child, firstRequest: server.requests.length, output, closed }
  return current
}

function describeRun(run: Run): string {
  const requests = server.requests.slice(run.firstRequest)
    .map((r) => `  #${r.n} ${r.verb ?? '?'} ${r.params.resumptionToken ? 'token' : `from=${r.params.from ?? ''} until=${r.params.until ?? ''}`} → ${r.status ?? 'no answer'} ${r.faults.join(',')}`)
  return `${run.label}\nstdout:\n${run.output.stdout}\nstderr (last 3000 chars):\n${run.output.stderr.slice(-3000)}\nrequests (last 15):\n${requests.slice(-15).join('\n')}`
}

// Every run shares one budget, under the 60 s test timeout, so a stuck run fails with this file's message, not vitest's.
const BUDGET_MS = 55_000
let deadline = 0

/** Waits for the run to end, bounded; a run still going at the deadline is killed and the test fails saying where it was. */
async function ended(run: Run) {
  const ms = Math.max(1000, deadline - Date.now())
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      run.child.kill('SIGKILL')
      reject(new Error(`${run.label}: still running ${BUDGET_MS / 1000} s into the test\n${describeRun(run)}`))
    }, ms)
  })
  try {
    return await Promise.race([run.closed, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Runs `harvest` and SIGKILLs it at the first request for which `point` holds. */
async function harvestKilledAt(label: string, point: KillPoint): Promise<{ run: Run; at: RequestLogEntry }> {
  killedAt = null
  killPoint = point
  const run = startHarvest(label)
  const { code, signal } = await ended(run)
  killPoint = null
  expect(hookErrors).toEqual([])
  if (signal !== 'SIGKILL' || !killedAt) {
    throw new Error(`${label}: the harvest ended (exit ${code}, signal ${signal}) before reaching its kill point\n${describeRun(run)}`)
  }
  return { run, at: killedAt }
}

function requestsOf(run: Run): RequestLogEntry[] {
  return server.requests.slice(run.firstRequest)
}

function firstListRecords(run: Run): RequestLogEntry {
  const first = requestsOf(run).find((r) => r.verb === 'ListRecords')
  if (!first) throw new Error(`${run.label}: sent no ListRecords\n${describeRun(run)}`)
  return first
}

/** Reads the database the way an operator's second shell would: a separate read-only connection. */
function peek<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const latestRun = (db: Database.Database) =>
  db.prepare('SELECT id, status, pages, pid FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT 1').get(sourceId) as
    { id: number; status: string; pages: number; pid: number } | undefined

const savedPlan = (db: Database.Database): HarvestPlan | null => {
  const row = db.prepare('SELECT plan_json FROM source_state WHERE source_id = ?').get(sourceId) as { plan_json: string | null } | undefined
  return row?.plan_json ? (JSON.parse(row.plan_json) as HarvestPlan) : null
}

async function statusJson(): Promise<{ sources: { id: string; records: number; deleted: number; failed: number; lastRun: { status: string; pages: number } | null }[] }> {
  const { stdout } = await promisify(execFile)(process.execPath, [bin, '--db', dbFile, '--sources', sourcesFile, 'status', '--json'], { cwd: root, timeout: 20_000 })
  return JSON.parse(stdout) as never
}

async function lastRunStatus(): Promise<string | undefined> {
  return (await statusJson()).sources.find((s) => s.id === sourceId)?.lastRun?.status
}

describe('kill -9 and resume (issue #2)', () => {
  it('SIGKILL before the first commit, mid-window and during a token restart, then harvest again: the exact set, nothing twice', async () => {
    deadline = Date.now() + BUDGET_MS
    // (a) Before the first page commit: the first ListRecords has reached the server, no answer yet.
    const a = await harvestKilledAt('run 1 (killed before the first commit)', (entry) => entry.verb === 'ListRecords')
    const afterA = peek((db) => ({
      run: latestRun(db), stored: (db.prepare('SELECT count(*) AS n FROM raw_records').get() as { n: number }).n, plan: savedPlan(db),
    }))
    expect(afterA.run).toMatchObject({ status: 'running', pages: 0, pid: a.run.child.pid })
    expect(afterA.stored).toBe(0)
    expect(afterA.plan?.windows.length).toBeGreaterThan(5)
    expect(afterA.plan?.token).toBeNull()
    // The row still says running, its process is gone: status reports it as interrupted.
    expect(await lastRunStatus()).toBe('interrupted')

    // (b) Mid-window: five pages committed, and a token request (so the window has more pages) has reached the server.
    const b = await harvestKilledAt('run 2 (killed mid-window)', (entry) =>
      entry.verb === 'ListRecords' && entry.params.resumptionToken !== undefined && peek((db) => latestRun(db)!.pages) >= 5)
    expect(firstListRecords(b.run).params.resumptionToken).toBeUndefined()
    expect(firstListRecords(b.run).params.from).toBe(a.at.params.from)
    const afterB = peek((db) => ({ run: latestRun(db), plan: savedPlan(db) }))
    expect(afterB.run).toMatchObject({ status: 'running', pid: b.run.child.pid })
    expect(afterB.run!.pages).toBeGreaterThanOrEqual(5)
    // The checkpoint holds exactly the token the killed process was asking for.
    expect(afterB.plan?.token).toBe(b.at.params.resumptionToken)
    expect(await lastRunStatus()).toBe('interrupted')

    // (c) During a token restart: the server answered badResumptionToken and the client asks for the window's start again.
    const c = await harvestKilledAt('run 3 (killed during a token restart)', (entry, run) => {
      const previous = server.requests[entry.n - 2]
      return entry.verb === 'ListRecords' && entry.params.resumptionToken === undefined && previous !== undefined &&
        previous.n > run.firstRequest && previous.faults.includes('badToken') && !previous.faults.includes('truncate')
    })
    // The resumed run began at the token saved in (b), not at the start of its window.
    expect(firstListRecords(c.run).params.resumptionToken).toBe(b.at.params.resumptionToken)
    const afterC = peek((db) => ({
      run: latestRun(db), plan: savedPlan(db),
      restarts: db.prepare("SELECT count(*) AS n FROM harvest_problems WHERE run_id = ? AND kind = 'token-restart'").get(latestRun(db)!.id) as { n: number },
    }))
    expect(afterC.run).toMatchObject({ status: 'running', pid: c.run.child.pid })
    expect(afterC.plan?.token).toBeNull()
    expect(afterC.plan?.restarts).toBeGreaterThanOrEqual(1)
    expect(afterC.plan?.windows[0]?.from).toBe(c.at.params.from)
    expect(afterC.restarts.n).toBeGreaterThanOrEqual(1)
    expect(await lastRunStatus()).toBe('interrupted')

    // Run again until it exits 0 (bounded).
    const exits: (number | null)[] = []
    let last: Run | undefined
    for (let attempt = 1; attempt <= 3 && exits.at(-1) !== 0; attempt++) {
      last = startHarvest(`run ${3 + attempt} (to the end)`)
      exits.push((await ended(last)).code)
      if (attempt === 1) {
        // It restarts the window the killed restart was asking for.
        expect(firstListRecords(last).params.resumptionToken).toBeUndefined()
        expect(firstListRecords(last).params.from).toBe(c.at.params.from)
      }
    }
    if (exits.at(-1) !== 0) throw new Error(`the harvest never exited 0 (exits ${exits.join(', ')})\n${describeRun(last!)}`)
    expect(last!.output.stdout).toMatch(new RegExp(`ok\\s+${sourceId}`))

    // The faults really happened.
    const fired = new Set(server.requests.flatMap((r) => r.faults))
    expect([...fired]).toEqual(expect.arrayContaining(['status 503', 'badToken', 'truncate']))

    // Exactly what the repository serves: every identifier once, live and deleted as served.
    const stored = peek((db) => db.prepare('SELECT identifier, status, problem FROM raw_records WHERE source_id = ?').all(sourceId) as { identifier: string; status: string; problem: string | null }[])
    const served = repository.records.map((r) => `${r.identifier} ${r.deleted ? 'deleted' : 'live'}`).sort()
    expect(stored.map((r) => `${r.identifier} ${r.status}`).sort()).toEqual(served)
    expect(stored.filter((r) => r.problem !== null)).toEqual([])
    const counts = peek((db) => db.prepare(`SELECT coalesce(sum(status = 'live'), 0) AS live, coalesce(sum(status = 'deleted'), 0) AS deleted,
        count(*) - count(DISTINCT identifier) AS duplicates FROM raw_records WHERE source_id = ?`).get(sourceId))
    expect(counts).toEqual({ live: RECORDS - RECORDS / DELETED_EVERY, deleted: RECORDS / DELETED_EVERY, duplicates: 0 })
    expect(peek((db) => db.prepare('SELECT count(*) AS n FROM (SELECT 1 FROM raw_records GROUP BY source_id, identifier HAVING count(*) > 1)').get())).toEqual({ n: 0 })

    // The killed runs read as interrupted, the last as finished; the checkpoint and the lock are cleared.
    const runs = peek((db) => db.prepare('SELECT status FROM harvest_runs WHERE source_id = ? ORDER BY id').all(sourceId) as { status: string }[])
    expect(runs.slice(0, 3).map((r) => r.status)).toEqual(['interrupted', 'interrupted', 'interrupted'])
    expect(runs.at(-1)!.status).toBe('finished')
    expect(peek((db) => db.prepare('SELECT plan_json, lock_run_id, high_water IS NOT NULL AS marked FROM source_state WHERE source_id = ?').get(sourceId)))
      .toEqual({ plan_json: null, lock_run_id: null, marked: 1 })
    const status = (await statusJson()).sources.find((s) => s.id === sourceId)
    expect(status).toMatchObject({ records: RECORDS - RECORDS / DELETED_EVERY, deleted: RECORDS / DELETED_EVERY, failed: 0, lastRun: { status: 'finished' } })
  })
})
