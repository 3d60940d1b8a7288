// Robustness cases 40–55 (anchors-harvest §4.C, resumption and flow control): the real harvester against the fixture server.
import { afterEach, describe, expect, it } from 'vitest'
import type { RecordSource, SourcedRepository } from '../../src/demo/replay-repository.ts'
import { startFixtureServer, syntheticRepository, type Faults, type FixtureServer } from '../support/fixture-server.ts'
import {
  datedRepository, expectedCounts, highWater, listRequests, listSteps, midnightDaysAgo, pagesOf, setHighWater, utcSeconds,
  windowStarts,
} from '../support/harvest-cases.ts'
import { harness, mutableRepository } from '../support/harvest-harness.ts'
import { syntheticIdentifierPrefix, syntheticRecord } from '../support/synthetic-repository.ts'

let server: FixtureServer | undefined
afterEach(async () => { await server?.close(); server = undefined })

/** One window over the whole list: the request log then reads page by page. */
const oneWindow = { harvest: { windowDays: 36500 } }

const kinds = (problems: { kind: string }[]) => problems.map((p) => p.kind)

/** 600 records spread over the three days before today, one second off every day boundary, no tombstones. */
function recentRepository() {
  const start = midnightDaysAgo(3)
  const stamps = Array.from({ length: 600 }, (_, i) => utcSeconds(start + 1000 + i * 432_000))
  return { start, repository: datedRepository(stamps, utcSeconds(start)) }
}

describe('4.C resumption and flow control', () => {
  it('case 40: a multi-page list ending in an empty token (completeListSize, cursor) is read to its end, each record once', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 250 }), pageSize: 100 })
    const steps = await listSteps({ baseUrl: server.baseUrl })
    const pages = pagesOf(steps)
    expect(pages.map((p) => p.records.length)).toEqual([100, 100, 50])
    expect(pages[0]!.token).toMatchObject({ completeListSize: 250, cursor: 0 })
    expect(pages[1]!.token).toMatchObject({ completeListSize: 250, cursor: 100 })
    // The final <resumptionToken completeListSize="250" cursor="200"/> is empty: the list is complete.
    expect(pages[2]!.token).toBeNull()
    expect(steps.at(-1)).toEqual({ kind: 'end', reason: null })

    const h = harness(server.baseUrl, oneWindow)
    const before = server.requests.length
    const totals: (number | null)[] = []
    const outcome = await h.harvest({ onProgress: (p) => totals.push(p.total) })
    expect(outcome).toMatchObject({ status: 'finished', pages: 3, records: 250 })
    expect(h.counts()).toEqual(expectedCounts(250))
    expect(listRequests(server, before).map((r) => r.params.resumptionToken !== undefined)).toEqual([false, true, true])
    // Progress is reported against completeListSize (case 82).
    expect(totals.slice(0, 2)).toEqual([250, 250])
    expect(highWater(h)).not.toBeNull()
  })

  it('case 41: a last page with no resumptionToken element at all ends the list', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 250 }), pageSize: 100, faults: { finalToken: 'absent' } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', pages: 3, records: 250 })
    expect(h.counts()).toEqual(expectedCounts(250))
    const lists = listRequests(server)
    expect(lists).toHaveLength(3)
    expect(lists[2]!.faults).toContain('finalToken')
  })

  it.each(['extra-then-empty-page', 'extra-then-noRecordsMatch'] as const)(
    'case 42: a token on the last page followed by %s ends the list, all data kept, mark set', async (mode) => {
      server = await startFixtureServer({ repository: syntheticRepository({ records: 200 }), pageSize: 100, faults: { finalToken: mode } })
      const h = harness(server.baseUrl, oneWindow)
      expect(await h.harvest()).toMatchObject({ status: 'finished', records: 200 })
      expect(h.counts()).toEqual(expectedCounts(200))
      const lists = listRequests(server)
      expect(lists).toHaveLength(3)
      expect(lists[2]!.params.resumptionToken).toBeDefined()
      expect(lists[2]!.faults).toContain('finalToken')
      expect(kinds(h.problems())).toEqual([])
      expect(highWater(h)).not.toBeNull()
    })

  it('case 43: the same token returned again ends the window; what came is kept, nothing is marked vanished, the mark stays', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100 })
    const h = harness(server.baseUrl, oneWindow)
    await h.harvest()
    // An older mark, so that "did not move" is visible.
    setHighWater(h, '2026-11-01T00:00:00Z')
    server.setFaults({ repeatToken: { atPage: 1 } })
    const before = server.requests.length
    const outcome = await h.harvest({ full: true })
    expect(outcome).toMatchObject({ status: 'finished', records: 200 })
    expect(outcome.message).toMatch(/ended early/)
    const lists = listRequests(server, before)
    expect(lists).toHaveLength(2)
    expect(lists[1]!.faults).toContain('repeatToken')
    // A full pass cut short must not call the 800 unlisted records vanished.
    expect(h.counts()).toEqual(expectedCounts(1000))
    expect(highWater(h)).toBe('2026-11-01T00:00:00Z')
    expect(kinds(h.problems())).toEqual(['list-ended-early', 'mark-kept'])
    expect(h.problems()[0]!.detail).toMatch(/repeated resumption token/)
  })

  it('case 44: a token cycle A → B → A ends the window with the records received, and no mark is set', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100, faults: { tokenCycle: { atPage: 2 } } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 300 })
    const lists = listRequests(server)
    expect(lists).toHaveLength(3)
    expect(lists[2]!.faults).toContain('tokenCycle')
    expect(h.counts()).toEqual(expectedCounts(300))
    expect(h.problems()[0]).toMatchObject({ kind: 'list-ended-early', detail: expect.stringMatching(/repeated resumption token/) })
    expect(highWater(h)).toBeNull()
  })

  it('case 44: a list that goes round past completeListSize under fresh tokens is stopped at the first repeated page, every record once', async () => {
    // OpenSKOS #8: completeListSize 172515, then tokens and records again and again. Here 230 records, served in a circle.
    const base = mutableRepository(230, { deletedEvery: 0 })
    const circle = base.records
    const records: RecordSource = {
      count: () => 1_000_000,
      slice: (_filter, offset, limit) => Array.from({ length: limit }, (_, k) => circle[(offset + k) % circle.length]!),
      get: (identifier) => circle.find((r) => r.identifier === identifier),
    }
    const repository: SourcedRepository = { ...base, records }
    server = await startFixtureServer({ repository, pageSize: 100, faults: { completeListSize: 'under' } })
    const h = harness(server.baseUrl, oneWindow)
    // Page 3 holds records 200–229 and then 0–69 again: it repeats the start of page 1.
    expect(await h.harvest()).toMatchObject({ status: 'finished', pages: 3, records: 300 })
    expect(listRequests(server)).toHaveLength(3)
    expect(h.counts()).toEqual(expectedCounts(230, 0))
    expect(h.problems()[0]).toMatchObject({ kind: 'list-ended-early', detail: expect.stringMatching(/already listed/) })
  })

  it('case 44: a list of ever new records under a completeListSize it long passed stops at the ceiling (2 × announced pages + 10)', async () => {
    const endless: RecordSource = {
      count: () => 1_000_000_000,
      slice: (_filter, offset, limit) => Array.from({ length: limit }, (_, k) => syntheticRecord(offset + k, 1, false)),
      get: () => undefined,
    }
    server = await startFixtureServer({ repository: { ...syntheticRepository({ records: 1 }), records: endless }, pageSize: 50, faults: { completeListSize: 'under' } })
    // completeListSize says 50 (one page). The production floor is 100,000 pages; lowered here to see the ceiling itself.
    const steps = await listSteps({ baseUrl: server.baseUrl }, { minCeilingPages: 0 })
    expect(pagesOf(steps)).toHaveLength(12)
    expect(steps.at(-1)).toMatchObject({ kind: 'end', reason: expect.stringMatching(/ceiling/) })
  })

  it('case 45: empty pages that carry a token are followed, and the list is complete', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100, faults: { emptyPages: { atPage: 4, count: 5 } } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 1000 })
    expect(h.counts()).toEqual(expectedCounts(1000))
    expect(listRequests(server).filter((r) => r.faults.includes('emptyPages'))).toHaveLength(5)
    expect(h.problems()).toEqual([])
  })

  it('case 45: past the cap of 100 consecutive empty pages the window ends, the records so far kept and the mark not set', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { emptyPages: { atPage: 1, count: 150 } } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 100 })
    expect(listRequests(server)).toHaveLength(101)
    expect(h.counts()).toEqual(expectedCounts(100))
    expect(h.problems()[0]).toMatchObject({ kind: 'list-ended-early', detail: expect.stringMatching(/100 consecutive empty pages/) })
    expect(highWater(h)).toBeNull()
  })

  it('case 46: 35 empty pages before the first record do not end the list', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 500 }), pageSize: 100, faults: { emptyPages: { atPage: 0, count: 35 } } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 500 })
    expect(h.counts()).toEqual(expectedCounts(500))
    const lists = listRequests(server)
    expect(lists.slice(0, 35).every((r) => r.faults.includes('emptyPages'))).toBe(true)
    expect(lists).toHaveLength(35 + 5)
  })

  it('case 47: tokens with + / = % & : space and surrounding whitespace are trimmed and percent-encoded, and resume', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { tokenStyle: 'special-chars' } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 300 })
    expect(h.counts()).toEqual(expectedCounts(300))
    const tokens = listRequests(server).filter((r) => r.params.resumptionToken !== undefined)
    expect(tokens).toHaveLength(2)
    for (const request of tokens) {
      const token = request.params.resumptionToken!
      expect(token.startsWith('%20a+b/c=d&e:f g|')).toBe(true)
      expect(token).toBe(token.trim())
      // `%` → %25, `+` → %2B, `/` → %2F, `=` → %3D, `&` → %26, `:` → %3A: nothing reaches the server raw.
      expect(request.url).toMatch(/resumptionToken=%2520a%2Bb%2Fc%3Dd%26e%3Af(\+|%20)g%7C/)
    }
  })

  it('case 48: badResumptionToken restarts the current window only, and the set is exact', async () => {
    const { start, repository } = recentRepository()
    // Three windows of 200 records (four pages of 50, three token requests each), then an empty open one.
    server = await startFixtureServer({ repository, pageSize: 50, faults: { badToken: { tokenRequests: [5] } } })
    const h = harness(server.baseUrl, { harvest: { windowDays: 1 } })
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    const day = (k: number) => utcSeconds(start + k * 86_400_000)
    expect(windowStarts(server).map((r) => r.params.from)).toEqual([day(0), day(1), day(1), day(2), day(3)])
    expect(h.counts()).toEqual(expectedCounts(600, 0))
    expect(kinds(h.problems())).toEqual(['token-restart'])
  })

  it('case 48: a token that keeps expiring fails the run after three restarts without moving the mark; the next run gets a fresh budget', async () => {
    const { start, repository } = recentRepository()
    server = await startFixtureServer({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { windowDays: 1 } })
    await h.harvest()
    const olderMark = utcSeconds(start)
    setHighWater(h, olderMark)

    server.setFaults({ badToken: { every: 1 } })
    const failed = await h.harvest()
    expect(failed.status).toBe('failed')
    expect(failed.message).toMatch(/badResumptionToken/)
    expect(highWater(h)).toBe(olderMark)
    expect(kinds(h.problems()).filter((k) => k === 'token-restart')).toHaveLength(3)

    // The checkpoint holds a token the server has forgotten: the resumed run restarts its window and finishes.
    server.setFaults({ badToken: { tokenRequests: [1] } })
    const before = server.requests.length
    const resumed = await h.harvest()
    expect(resumed.status).toBe('finished')
    expect(listRequests(server, before)[0]!.params.resumptionToken).toBeDefined()
    expect(listRequests(server, before)[1]!.params.resumptionToken).toBeUndefined()
    expect(Date.parse(highWater(h)!)).toBeGreaterThan(Date.parse(olderMark))
    expect(h.counts()).toEqual(expectedCounts(600, 0))
  })

  it('case 49: short-lived tokens (expirationDate 60 s) are used at once: a page is one raw-store commit, the mapping runs later', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100, faults: { tokenExpiresAfterMs: 60_000 } })
    const pages = pagesOf(await listSteps({ baseUrl: server.baseUrl }))
    expect(pages.slice(0, -1).every((p) => p.token?.expirationDate !== undefined)).toBe(true)
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 1000 })
    expect(h.counts()).toEqual(expectedCounts(1000))
    expect(h.problems()).toEqual([])
  })

  it('case 50: a token re-sent after a dropped connection gets the same page: nothing lost, nothing twice', async () => {
    // Requests: 1 Identify, 2 page 0, 3 page 1, 4 page 2 (cut off mid-body), 5 page 2 again.
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100, faults: { truncate: { when: { requests: [4] } } } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 1000 })
    const lists = listRequests(server)
    expect(lists[2]!.faults).toContain('truncate')
    expect(lists[3]!.params.resumptionToken).toBe(lists[2]!.params.resumptionToken)
    expect(h.counts()).toEqual(expectedCounts(1000))
  })

  it('case 50: a re-sent token that returns a shifted page (no idempotency) stores no duplicate, and the skipped records come with the reconciliation', async () => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 1000 }), pageSize: 100,
      faults: { truncate: { when: { requests: [4] } }, reissueShifts: true },
    })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    expect(listRequests(server)[3]!.faults).toContain('reissueShifts')
    // Page 2 came back as records 250–349: 200–249 were skipped, and no way to know it from the list.
    const skipped = Array.from({ length: 50 }, (_, k) => `${syntheticIdentifierPrefix}${200 + k}`)
    const stored = new Set(h.stored().map((r) => r.identifier))
    expect(h.counts()).toMatchObject({ duplicates: 0, live: 950 - 48, deleted: 50 - 2 })
    expect(skipped.filter((id) => stored.has(id))).toEqual([])

    // The next run's identifier reconciliation (due: no full pass yet) finds and fetches them.
    const before = server.requests.length
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    const fetched = server.requests.filter((r) => r.n > before && r.verb === 'GetRecord').map((r) => r.params.identifier)
    expect(fetched.sort()).toEqual(skipped.filter((id) => Number(id.split('/').pop()) % 20 !== 19).sort())
    expect(h.counts()).toEqual(expectedCounts(1000))
  })

  it('case 51: noRecordsMatch on a resumption request mid-list ends the list with what was fetched', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1000 }), pageSize: 100, faults: { noRecordsMatchAtPage: 3 } })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', pages: 3, records: 300 })
    const lists = listRequests(server)
    expect(lists).toHaveLength(4)
    expect(lists[3]!.faults).toContain('noRecordsMatchAtPage')
    expect(h.counts()).toEqual(expectedCounts(300))
    expect(h.problems()).toEqual([])
  })

  it.each<[string, Faults]>([
    ['cursor as a page index', { cursor: 'page-index' }],
    ['a 1-based cursor', { cursor: 'one-based' }],
    ['no cursor', { cursor: 'absent' }],
    ['completeListSize under-estimated (one page for fifteen)', { completeListSize: 'under' }],
    ['completeListSize changing on every page', { completeListSize: 'changing' }],
    ['no completeListSize', { completeListSize: 'absent' }],
  ])('case 52: %s never ends the list: 15 pages, every record', async (_label, faults) => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 1500 }), pageSize: 100, faults })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', pages: 15, records: 1500 })
    expect(h.counts()).toEqual(expectedCounts(1500))
    expect(h.problems()).toEqual([])
  })

  it('case 53: records inserted before the cursor mid-harvest repeat a few records (stored once); the overlap of the next run brings the new ones', async () => {
    const repository = mutableRepository(300, { deletedEvery: 0 })
    const recent = utcSeconds(Date.now() - 3_600_000)
    // Identifiers …/0-new-k sort right after …/0: five records land before the cursor.
    const inserted = Array.from({ length: 5 }, (_, k) => ({ ...syntheticRecord(9000 + k, 1, false), identifier: `${syntheticIdentifierPrefix}0-new-${k}`, datestamp: recent }))
    let done = false
    server = await startFixtureServer({
      repository, pageSize: 50,
      onRequest: (entry) => {
        if (!done && entry.verb === 'ListRecords' && entry.page === 2) {
          repository.records.push(...inserted)
          done = true
        }
      },
    })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 305 })
    expect(h.counts()).toEqual(expectedCounts(300, 0))
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    expect(h.counts()).toEqual(expectedCounts(305, 0))
  })

  it('case 53: records removed before the cursor mid-harvest make the list skip others; the reconciliation fetches them and marks the removed vanished', async () => {
    const repository = mutableRepository(300, { deletedEvery: 0 })
    const sorted = repository.records.map((r) => r.identifier).sort()
    const removed = sorted.slice(0, 5)
    const skipped = sorted.slice(100, 105)
    let done = false
    server = await startFixtureServer({
      repository, pageSize: 50,
      onRequest: (entry) => {
        if (!done && entry.verb === 'ListRecords' && entry.page === 2) {
          repository.records = repository.records.filter((r) => !removed.includes(r.identifier))
          done = true
        }
      },
    })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    expect(h.counts()).toMatchObject({ live: 295, duplicates: 0 })
    expect(h.stored().filter((r) => skipped.includes(r.identifier))).toEqual([])

    const before = server.requests.length
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    expect(server.requests.filter((r) => r.n > before && r.verb === 'GetRecord').map((r) => r.params.identifier).sort()).toEqual(skipped)
    expect(h.counts()).toEqual({ live: 295, deleted: 0, vanished: 5, failed: 0, duplicates: 0 })
    expect(h.stored().filter((r) => r.status === 'vanished').map((r) => r.identifier).sort()).toEqual(removed)
  })

  it('case 54: a server that wants metadataPrefix with the token fails the run by default (the token is exclusive); the quirk flag makes it work', async () => {
    server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100, faults: { requirePrefixWithToken: true } })
    const plain = harness(server.baseUrl, oneWindow)
    const failed = await plain.harvest()
    expect(failed.status).toBe('failed')
    expect(failed.message).toMatch(/badArgument/)
    expect(listRequests(server)[1]!.args.map(([k]) => k).sort()).toEqual(['resumptionToken', 'verb'])
    expect(plain.counts()).toEqual(expectedCounts(100))
    expect(highWater(plain)).toBeNull()

    const before = server.requests.length
    const quirky = harness(server.baseUrl, { ...oneWindow, quirks: { metadataPrefixWithToken: true } })
    expect(await quirky.harvest()).toMatchObject({ status: 'finished', records: 300 })
    expect(quirky.counts()).toEqual(expectedCounts(300))
    const tokens = listRequests(server, before).filter((r) => r.params.resumptionToken !== undefined)
    expect(tokens).toHaveLength(2)
    expect(tokens.every((r) => r.params.metadataPrefix === 'oai_dc')).toBe(true)
  })

  // The SIGKILL variant (a real process killed before its first commit, mid-window and during a token restart)
  // is test/harvest/kill-and-resume.test.ts; this one stops a run in-process and lets its token expire.
  it('case 55: a run stopped mid-window keeps whole pages; the next run resumes at the checkpointed token, and restarts the window when it has expired', async () => {
    server = await startFixtureServer({
      repository: syntheticRepository({ records: 600 }), pageSize: 50,
      faults: { statuses: [{ status: 429, retryAfter: 86400, when: { requests: [5] } }] },
    })
    const h = harness(server.baseUrl, oneWindow)
    expect((await h.harvest()).status).toBe('deferred')
    expect(h.counts()).toEqual(expectedCounts(150))
    const saved = JSON.parse((h.db.$client.prepare('SELECT plan_json FROM source_state').get() as { plan_json: string }).plan_json) as { token: string }
    expect(saved.token).toBe(server.requests[4]!.params.resumptionToken)

    server.setFaults({ badToken: { tokenRequests: [1] } })
    const before = server.requests.length
    expect(await h.harvest()).toMatchObject({ status: 'finished' })
    const lists = listRequests(server, before)
    expect(lists[0]!.params.resumptionToken).toBe(saved.token)
    expect(lists[0]!.faults).toContain('badToken')
    expect(lists[1]!.params).toMatchObject({ from: '2015-01-01T00:00:00Z' })
    expect(lists[1]!.params.resumptionToken).toBeUndefined()
    expect(h.counts()).toEqual(expectedCounts(600))
    expect(kinds(h.problems())).toEqual(['token-restart'])
  })
})
