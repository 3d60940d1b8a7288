// Robustness cases 56–66 (anchors-harvest §4.D, dates and incremental logic): the real harvester against the fixture server.
import { afterEach, describe, expect, it } from 'vitest'
import { startFixtureServer, syntheticRepository, type FixtureServer } from '../support/fixture-server.ts'
import {
  datedRepository, expectedCounts, extraRecord, highWater, listRequests, midnightDaysAgo, setHighWater, utcSeconds, windowStarts,
} from '../support/harvest-cases.ts'
import { harness, mutableRepository } from '../support/harvest-harness.ts'

let server: FixtureServer | undefined
afterEach(async () => { await server?.close(); server = undefined })

const DAY = /^\d{4}-\d\d-\d\d$/
const SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/
const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS
const kinds = (problems: { kind: string }[]) => problems.map((p) => p.kind)
/** Every from/until of these requests matches `form`. */
const datesIn = (requests: { params: Record<string, string> }[], form: RegExp) =>
  requests.every((r) => [r.params.from, r.params.until].every((d) => d === undefined || form.test(d)))

/** 100 records about 33 minutes apart from one second after midnight three days ago; record 10 sits exactly on the next midnight. */
function boundaryRepository() {
  const start = midnightDaysAgo(3)
  const stamps = Array.from({ length: 100 }, (_, i) => utcSeconds(start + 1000 + i * 2_000_000))
  stamps[10] = utcSeconds(start + DAY_MS)
  return { start, repository: datedRepository(stamps, utcSeconds(start)) }
}

describe('4.D dates and incremental logic', () => {
  it('case 56: Identify says day granularity: every from and until goes out as YYYY-MM-DD, first run and incremental', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300, granularity: 'YYYY-MM-DD' }), pageSize: 100 })
    const h = harness(server.baseUrl)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(300))
    // About 143 monthly windows from 2015 to today, each a request the server would refuse in seconds.
    expect(windowStarts(server).length).toBeGreaterThan(100)
    expect(datesIn(listRequests(server), DAY)).toBe(true)
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    expect(windowStarts(server, before)[0]!.params.from).toMatch(DAY)
    expect(datesIn(listRequests(server, before), DAY)).toBe(true)
  })

  it('case 57: Identify says seconds but the server only takes days: one badArgument, then days, learnt for later runs', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { rejectSecondsGranularity: true } })
    const h = harness(server.baseUrl)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(300))
    const lists = listRequests(server)
    expect(lists[0]!.params.from).toBe('2015-01-01T00:00:00Z')
    expect(lists[0]!.faults).toEqual(['rejectSecondsGranularity'])
    expect(lists[1]!.params.from).toBe('2015-01-01')
    expect(datesIn(lists.slice(1), DAY)).toBe(true)
    expect(kinds(h.problems())).toEqual(['granularity-fallback'])
    expect(h.db.$client.prepare('SELECT granularity FROM source_state').get()).toEqual({ granularity: 'YYYY-MM-DD' })

    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    const next = listRequests(server, before)
    expect(next[0]!.params.from).toMatch(DAY)
    expect(next.some((r) => r.faults.length > 0)).toBe(false)
    expect(kinds(h.problems())).toEqual(['granularity-fallback'])
  })

  it.each([
    ['yyyy-mm-dd', 'YYYY-MM-DD', DAY],
    ['YYYY-MM-DDThh:mm:ss.sZ', 'YYYY-MM-DDThh:mm:ssZ', SECONDS],
    ['yyyy-mm-ddThh:mm:ssZ', 'YYYY-MM-DDThh:mm:ssZ', SECONDS],
  ] as const)('case 58: the granularity string "%s" is read leniently', async (announced, real, form) => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 200, granularity: real }), pageSize: 100,
      faults: { identify: { granularity: announced } },
    })
    const h = harness(server.baseUrl)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(200))
    expect(windowStarts(server)[0]!.params.from).toMatch(form)
    expect(datesIn(listRequests(server), form)).toBe(true)
  })

  it.each(['not a date', ''])('case 58: a malformed or missing earliestDatestamp ("%s") means one list from the start, no from', async (earliest) => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { identify: { earliestDatestamp: earliest } } })
    const h = harness(server.baseUrl)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 300 })
    expect(h.counts()).toEqual(expectedCounts(300))
    expect(windowStarts(server).map((r) => r.params)).toEqual([{ verb: 'ListRecords', metadataPrefix: 'oai_dc' }])
  })

  it('case 58: an earliestDatestamp in seconds under day granularity is sent as a day', async () => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 200, granularity: 'YYYY-MM-DD' }), pageSize: 100,
      faults: { identify: { earliestDatestamp: '2015-01-01T00:00:00Z' } },
    })
    const h = harness(server.baseUrl)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(200))
    expect(windowStarts(server)[0]!.params.from).toBe('2015-01-01')
  })

  it('case 58: an earliestDatestamp after the server\'s own date (9999-12-31) is ignored, not trusted into harvesting nothing', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { identify: { earliestDatestamp: '9999-12-31T23:59:59Z' } } })
    const h = harness(server.baseUrl)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 300 })
    expect(h.counts()).toEqual(expectedCounts(300))
    expect(windowStarts(server)[0]!.params.from).toBeUndefined()
    expect(h.problems()[0]).toMatchObject({ kind: 'earliest-datestamp-ignored', detail: expect.stringMatching(/9999-12-31T23:59:59Z/) })
  })

  it('case 59: a record exactly on a window boundary is listed by both windows and stored once', async () => {
    const { start, repository } = boundaryRepository()
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { windowDays: 1 } })
    const boundary = utcSeconds(start + DAY_MS)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 101 })
    const starts = windowStarts(server)
    expect(starts[0]!.params.until).toBe(boundary)
    expect(starts[1]!.params.from).toBe(boundary)
    expect(h.counts()).toEqual(expectedCounts(100, 0))
    expect(h.stored().find((r) => r.identifier === repository.records[10]!.identifier)!.datestamp).toBe(boundary)
  })

  it('case 60: a server that widens until=…T00:00:00Z to the end of the day lists a day twice; each record is stored once', async () => {
    const { repository } = boundaryRepository()
    server = await startFixtureServer({ repository, pageSize: 50, faults: { widenUntilToEndOfDay: true } })
    const h = harness(server.baseUrl, { harvest: { windowDays: 1 } })
    const outcome = await h.harvest()
    expect(outcome.status).toBe('finished')
    expect(outcome.records).toBeGreaterThan(130)
    expect(windowStarts(server).filter((r) => r.faults.includes('widenUntilToEndOfDay')).length).toBeGreaterThanOrEqual(2)
    expect(h.counts()).toEqual(expectedCounts(100, 0))
  })

  // The periodic ListIdentifiers reconciliation for items indexed later than the overlap reaches is in
  // harvest-source.test.ts ("case 61: an item indexed late …"); this is the overlap itself.
  it('case 61: an item that appears after the run with a datestamp before the mark is caught by the next run\'s overlap', async () => {
    const repository = mutableRepository(200)
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { overlapHours: 72, reconcileEveryDays: 0 } })
    await h.harvest()
    const mark = highWater(h)!
    const late = extraRecord(5000, utcSeconds(Date.parse(mark) - DAY_MS))
    repository.records.push(late)
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    expect(windowStarts(server, before)[0]!.params.from).toBe(utcSeconds(Date.parse(mark) - 72 * HOUR_MS))
    expect(h.stored().find((r) => r.identifier === late.identifier)).toMatchObject({ status: 'live', datestamp: late.datestamp })
  })

  it.each([-2, 2])('case 62: with the server clock %i h off ours, the mark is the server\'s responseDate and the next run asks from it', async (hours) => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 100 }), clockSkewMs: hours * HOUR_MS })
    const h = harness(server.baseUrl, { harvest: { overlapHours: 1, reconcileEveryDays: 0 } })
    await h.harvest()
    const mark = highWater(h)!
    const identify = server.requests.find((r) => r.verb === 'Identify')!
    // The server's clock: neither the real one nor ours (the fake clock reads 2026-11-22T12:00:00Z).
    expect(Math.abs(Date.parse(mark) - (Date.parse(identify.time) + hours * HOUR_MS))).toBeLessThan(2000)
    const before = server.requests.length
    await h.harvest()
    const starts = windowStarts(server, before)
    expect(starts[0]!.params.from).toBe(utcSeconds(Date.parse(mark) - HOUR_MS))
    // The last window is open-ended: a server ahead of us loses nothing to our clock.
    expect(starts.at(-1)!.params.until).toBeUndefined()
  })

  it('case 63: datestamps that are always "now" make an incremental run list everything: stored once, and flagged', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { datestampAlwaysNow: true } })
    const h = harness(server.baseUrl, { harvest: { windowDays: 36500, reconcileEveryDays: 0 } })
    await h.harvest()
    expect(h.problems()).toEqual([])
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 300 })
    expect(h.counts()).toEqual(expectedCounts(300))
    expect(h.problems()).toEqual([expect.objectContaining({ kind: 'datestamps-not-incremental' })])
  })

  it('case 64: records listed newest first: the mark is the server\'s responseDate, not the last record seen, and a later change is caught', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0 })
    const sorted = repository.records.map((r) => r.identifier).sort()
    const start = midnightDaysAgo(10)
    // In list (identifier) order the datestamps go backwards: the last record listed is the oldest.
    repository.records = repository.records.map((r) => ({ ...r, datestamp: utcSeconds(start + (100 - sorted.indexOf(r.identifier)) * HOUR_MS) }))
    repository.earliestDatestamp = utcSeconds(start)
    server = await startFixtureServer({ repository, pageSize: 30 })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 0 } })
    await h.harvest()
    const mark = highWater(h)!
    const identify = server.requests.find((r) => r.verb === 'Identify')!
    expect(Math.abs(Date.parse(mark) - Date.parse(identify.time))).toBeLessThan(2000)
    expect(h.stored().map((r) => r.datestamp).sort()).toEqual(repository.records.map((r) => r.datestamp).sort())

    const changed = { ...repository.records[0]!, datestamp: utcSeconds(Date.now() - 60_000) }
    repository.records[0] = changed
    const before = server.requests.length
    await h.harvest()
    expect(windowStarts(server, before)[0]!.params.from).toBe(utcSeconds(Date.parse(mark) - 72 * HOUR_MS))
    expect(h.stored().find((r) => r.identifier === changed.identifier)!.datestamp).toBe(changed.datestamp)
  })

  it('case 65: noRecordsMatch on an incremental run with nothing new is a success, and the mark moves to the server\'s date', async () => {
    const repository = syntheticRepository({ records: 100 })
    server = await startFixtureServer({ repository })
    const port = server.port
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 0 } })
    await h.harvest()
    const first = highWater(h)!
    await server.close()
    // The same endpoint a day later, with nothing new.
    server = await startFixtureServer({ repository, port, clockSkewMs: DAY_MS })
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 0, pages: 0 })
    expect(listRequests(server).length).toBeGreaterThan(0)
    expect(Date.parse(highWater(h)!) - Date.parse(first)).toBeGreaterThan(DAY_MS - 5000)
    expect(h.problems()).toEqual([])
  })

  it.each([
    ['from after until', { from: '2020-01-02T00:00:00Z', until: '2020-01-01T00:00:00Z' }],
    ['until before earliestDatestamp', { until: '2010-01-01T00:00:00Z' }],
  ])('case 66: a range with %s is never sent', async (_label, range) => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 100 }) })
    const h = harness(server.baseUrl)
    expect(await h.harvest(range)).toMatchObject({ status: 'finished', records: 0 })
    expect(listRequests(server)).toEqual([])
    expect(kinds(h.problems())).toEqual(['empty-range'])
    expect(highWater(h)).toBeNull()
  })

  it('case 66: a mark ahead of the server\'s clock (a clock jump) sends from without until, never from > until', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 100 }) })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 0 } })
    await h.harvest()
    setHighWater(h, utcSeconds(Date.now() + 10 * DAY_MS))
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    const lists = listRequests(server, before)
    expect(lists).toHaveLength(1)
    expect(lists[0]!.params.from).toBeDefined()
    expect(lists[0]!.params.until).toBeUndefined()
  })
})
