import { afterEach, describe, expect, it } from 'vitest'
import { startFixtureServer, syntheticRepository, type FixtureServer } from '../support/fixture-server.ts'
import { harness, mutableRepository } from '../support/harvest-harness.ts'
import { syntheticRecord } from '../support/synthetic-repository.ts'

let server: FixtureServer | undefined
afterEach(async () => { await server?.close(); server = undefined })

describe('harvestSource against the fixture server', () => {
  it('a first harvest stores every record once, tombstones included, and sets the mark from responseDate', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100 })
    const h = harness(server.baseUrl)
    const outcome = await h.harvest()
    expect(outcome.status).toBe('finished')
    expect(h.counts()).toEqual({ live: 950, deleted: 50, vanished: 0, failed: 0, duplicates: 0 })
    const state = h.db.$client.prepare('SELECT high_water, plan_json, lock_run_id FROM source_state').get() as Record<string, unknown>
    const identify = server.requests.find((r) => r.verb === 'Identify')!
    expect(state.plan_json).toBeNull()
    expect(state.lock_run_id).toBeNull()
    expect(state.high_water).toBe(identify.time.slice(0, 19) + 'Z')
    expect(server.requests[0]!.verb).toBe('Identify')
  })

  it('an incremental run asks only from the mark minus the overlap, in the server granularity', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300, granularity: 'YYYY-MM-DD' }), pageSize: 100 })
    const h = harness(server.baseUrl, { harvest: { overlapHours: 48 } })
    await h.harvest()
    const mark = (h.db.$client.prepare('SELECT high_water FROM source_state').get() as { high_water: string }).high_water
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    const lists = server.requests.slice(before).filter((r) => r.verb === 'ListRecords' && !r.params.resumptionToken)
    const expected = new Date(Date.parse(mark) - 48 * 3600_000).toISOString().slice(0, 10)
    expect(lists[0]!.params.from).toBe(expected)
    expect(lists.every((r) => /^\d{4}-\d\d-\d\d$/.test(r.params.from ?? '') && (!r.params.until || /^\d{4}-\d\d-\d\d$/.test(r.params.until)))).toBe(true)
  })

  it('case 61: an item indexed late with an old datestamp is caught by the periodic reconciliation', async () => {
    const repository = mutableRepository(200)
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 1 } })
    await h.harvest()
    // DSpace `oai import` ran late: an item from 2015 appears after our mark.
    repository.records.push({ ...syntheticRecord(5000, 7, false), datestamp: '2015-01-02T00:00:00Z' })
    await h.clock.sleep(2 * 86400_000)
    await h.harvest()
    expect(h.stored().some((r) => r.identifier === syntheticRecord(5000, 7, false).identifier)).toBe(true)
  })

  it('cases 75–76: a record that vanishes without a tombstone is marked on a full pass', async () => {
    const repository = mutableRepository(120, { deletedEvery: 0, deletedRecord: 'no' })
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl)
    await h.harvest()
    const gone = repository.records.splice(10, 3)
    expect((await h.harvest({ full: true })).status).toBe('finished')
    expect(h.counts()).toMatchObject({ live: 117, vanished: 3 })
    expect(h.stored().filter((r) => r.status === 'vanished').map((r) => r.identifier).sort()).toEqual(gone.map((r) => r.identifier).sort())
  })

  it('case 68: a full pass that lists nothing does not mass-delete', async () => {
    const repository = mutableRepository(60, { deletedEvery: 0 })
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl)
    await h.harvest()
    repository.records.length = 0
    await h.harvest({ full: true })
    expect(h.counts()).toMatchObject({ live: 60, vanished: 0 })
    expect(h.problems().map((p) => p.kind)).toContain('reconcile-skipped')
  })

  it('cases 1 and 48: 503 + Retry-After waits as told; badResumptionToken restarts the window; the set is exact', async () => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 600 }), pageSize: 50,
      faults: { statuses: [{ status: 503, retryAfter: 20, when: { requests: [3] } }], badToken: { tokenRequests: [4] } },
    })
    const h = harness(server.baseUrl, { harvest: { windowDays: 36500 } })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.clock.sleeps).toContain(20_000)
    expect(h.counts()).toEqual({ live: 570, deleted: 30, vanished: 0, failed: 0, duplicates: 0 })
    expect(h.problems().map((p) => p.kind)).toContain('token-restart')
  })

  it('case 8: a page the server always fails is split, then read with ListIdentifiers + GetRecord', async () => {
    const repository = syntheticRepository({ records: 400 })
    const poisoned = syntheticRecord(123, 1, false).identifier
    server = await startFixtureServer({ repository, pageSize: 50, faults: { poisoned: { identifiers: [poisoned], status: 500 } } })
    const h = harness(server.baseUrl, { politeness: { maxAttempts: 2 } })
    expect((await h.harvest()).status).toBe('finished')
    const counts = h.counts()
    expect(counts.live + counts.deleted).toBe(400)
    expect(counts.duplicates).toBe(0)
    const bad = h.stored().find((r) => r.identifier === poisoned)!
    expect(bad.problem).toMatch(/GetRecord failed/)
    expect(h.problems().map((p) => p.kind)).toEqual(expect.arrayContaining(['window-split', 'window-bypass']))
  })

  it('case 4: a server that answers 503 forever is given up after the configured attempts, with the reason', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 10 }), faults: { statuses: [{ status: 503 }] } })
    const h = harness(server.baseUrl, { politeness: { maxAttempts: 4 } })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/gave up after 4 attempts: HTTP 503/)
    expect(server.requests).toHaveLength(4)
  })

  it('case 5: 429 with Retry-After of a day defers the source and keeps its progress', async () => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 300 }), pageSize: 50,
      faults: { statuses: [{ status: 429, retryAfter: 86400, when: { requests: [4] } }] },
    })
    const h = harness(server.baseUrl, { harvest: { windowDays: 36500 } })
    const first = await h.harvest()
    expect(first.status).toBe('deferred')
    expect(h.counts().live + h.counts().deleted).toBe(100)
    const second = await h.harvest()
    expect(second.status).toBe('finished')
    expect(h.counts()).toMatchObject({ live: 285, deleted: 15, duplicates: 0 })
    // The resumed run started at the saved token, not from the beginning.
    const resumedFirst = server.requests.filter((r) => r.verb === 'ListRecords').at(-5)!
    expect(resumedFirst.params.resumptionToken).toBeDefined()
  })

  it('a second run of a source being harvested by a live process is refused, not overlapped', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 50 }) })
    const h = harness(server.baseUrl)
    h.db.$client.prepare("INSERT INTO source_state (source_id, lock_run_id, lock_pid, locked_at) VALUES ('fixture', 99, ?, '2026-11-22T00:00:00Z')").run(process.ppid)
    const outcome = await h.harvest()
    expect(outcome.status).toBe('locked')
    expect(outcome.message).toMatch(new RegExp(`process ${process.ppid}`))
    expect(server.requests).toHaveLength(0)
  })
})
