// Robustness cases 67–84 (anchors-harvest §4.E sets and formats, §4.F deletions and identity, §4.G scale): the real harvester.
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import type { Source } from '../../harvesters/types.ts'
import { resolveSettings } from '../../harvesters/oai-pmh/settings.ts'
import { isInSet, type ReplayRepository } from '../../src/demo/replay-repository.ts'
import { openDb } from '../../src/db/open.ts'
import { harvestAll } from '../../src/harvest/harvest-all.ts'
import { createProgressReporter } from '../../src/harvest/progress.ts'
import { fakeClock } from '../support/fake-clock.ts'
import { startFixtureServer, syntheticRepository, type FixtureServer } from '../support/fixture-server.ts'
import { expectedCounts, highWater, listRequests, setHighWater, utcSeconds } from '../support/harvest-cases.ts'
import { harness, mutableRepository } from '../support/harvest-harness.ts'
import { syntheticIdentifierPrefix, syntheticRecord, syntheticSetSpecs } from '../support/synthetic-repository.ts'

const servers: FixtureServer[] = []
afterEach(async () => { await Promise.all(servers.splice(0).map((s) => s.close())) })
async function start(options: Parameters<typeof startFixtureServer>[0]): Promise<FixtureServer> {
  const server = await startFixtureServer(options)
  servers.push(server)
  return server
}

const oneWindow = { harvest: { windowDays: 36500 } }
const kinds = (problems: { kind: string }[]) => problems.map((p) => p.kind)
const idOf = (i: number) => `${syntheticIdentifierPrefix}${i}`

/** The synthetic indices below `n` that a list of `set` holds. */
const membersOf = (n: number, set: string) => Array.from({ length: n }, (_, i) => i).filter((i) => isInSet(syntheticSetSpecs(i), set))

/** A harness-like reading of several sources in one database. */
function storedBySource(db: ReturnType<typeof openDb>, sourceId: string) {
  return db.$client.prepare('SELECT identifier, status, set_specs, metadata FROM raw_records WHERE source_id = ? ORDER BY identifier').all(sourceId) as
    { identifier: string; status: string; set_specs: string; metadata: string | null }[]
}

describe('4.E sets, formats, contexts', () => {
  it.each([[''], ['   '], [null]])('case 67: a source with set %j never sends a set parameter, and none is invented (no set=all)', async (set) => {
    const server = await start({ repository: syntheticRepository({ records: 200 }), pageSize: 100 })
    const h = harness(server.baseUrl, set === null ? oneWindow : { ...oneWindow, set })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(200))
    expect(server.requests.some((r) => r.args.some(([k]) => k === 'set'))).toBe(false)
  })

  it('case 67: a real setSpec is sent verbatim', async () => {
    const server = await start({ repository: syntheticRepository({ records: 240 }), pageSize: 100 })
    const h = harness(server.baseUrl, { ...oneWindow, set: 'driver' })
    expect((await h.harvest()).status).toBe('finished')
    expect(listRequests(server)[0]!.params.set).toBe('driver')
    expect(h.counts().live + h.counts().deleted).toBe(membersOf(240, 'driver').length)
  })

  // The same with the whole repository emptied is harvest-source.test.ts "case 68: a full pass that lists nothing does not mass-delete".
  it('case 68: a set renamed between runs (noRecordsMatch for the old name) does not mass-delete its records on a full pass', async () => {
    const repository = mutableRepository(120, { deletedEvery: 0 })
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { ...oneWindow, set: 'com_0' })
    await h.harvest()
    expect(h.counts().live).toBe(30)
    repository.records = repository.records.map((r) => ({ ...r, setSpecs: r.setSpecs.map((s) => s.replace(/^com_0:/, 'com_9:')) }))
    expect((await h.harvest({ full: true })).status).toBe('finished')
    expect(h.counts()).toMatchObject({ live: 30, vanished: 0 })
    expect(kinds(h.problems())).toEqual(['reconcile-skipped'])
  })

  it('case 68: a set the server now refuses with an error fails the run: nothing deleted, the mark kept', async () => {
    const repository = mutableRepository(120, { deletedEvery: 0 })
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { ...oneWindow, set: 'com_0' })
    await h.harvest()
    setHighWater(h, '2026-11-01T00:00:00Z')
    // The fixture has no badArgument-for-an-unknown-set switch; noSetHierarchy is the same kind of answer: an OAI error.
    repository.sets = []
    const outcome = await h.harvest({ full: true })
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/noSetHierarchy/)
    expect(h.counts()).toMatchObject({ live: 30, vanished: 0, deleted: 0 })
    expect(highWater(h)).toBe('2026-11-01T00:00:00Z')
  })

  it('case 69: two set sources that overlap store the record once per source, with the setSpecs the header lists', async () => {
    const server = await start({ repository: syntheticRepository({ records: 240 }), pageSize: 50 })
    const db = openDb(':memory:')
    const source = (id: string, set: string): Source => ({ id, baseUrl: server.baseUrl, metadataPrefix: 'oai_dc', set, ...oneWindow })
    const outcomes = await harvestAll(db, [source('com0', 'com_0'), source('driver', 'driver')], { clock: fakeClock('2026-11-22T12:00:00Z'), random: () => 0.5 })
    expect(outcomes.map((o) => o.status)).toEqual(['finished', 'finished'])
    const com0 = storedBySource(db, 'com0')
    const driver = storedBySource(db, 'driver')
    expect(com0.map((r) => r.identifier)).toEqual(membersOf(240, 'com_0').map(idOf).sort())
    expect(driver.map((r) => r.identifier)).toEqual(membersOf(240, 'driver').map(idOf).sort())
    // Every com_0 record is also in driver (its collections are even): one row per source, merged by normalization (issue #3).
    const overlap = com0.filter((r) => driver.some((d) => d.identifier === r.identifier))
    expect(overlap).toHaveLength(com0.length)
    expect(driver.find((r) => r.identifier === idOf(0))!.set_specs).toBe('com_0:col_0 driver')
    expect(com0.find((r) => r.identifier === idOf(0))!.set_specs).toBe('com_0:col_0 driver')
  })

  it('case 69: a source without a set whose server lists one record twice, once per set, stores one row with the union of setSpecs', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0 })
    const twin = repository.records[5]!
    repository.records.push({ ...twin, setSpecs: ['com_3:col_99'] })
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 101 })
    expect(h.counts()).toEqual(expectedCounts(100, 0))
    expect(h.stored().find((r) => r.identifier === twin.identifier)!.set_specs).toBe('com_1:col_5 com_3:col_99')
  })

  it('case 70: a repository without sets (noSetHierarchy) is harvested without a set; a configured set is refused with the reason', async () => {
    const repository = mutableRepository(150)
    repository.sets = []
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, oneWindow)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(150))
    expect(server.requests.some((r) => r.verb === 'ListSets' || r.args.some(([k]) => k === 'set'))).toBe(false)

    const withSet = harness(server.baseUrl, { ...oneWindow, set: 'driver' })
    const outcome = await withSet.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/noSetHierarchy/)
  })

  it('case 71: harvesting the community com_0 brings the records of its collections col_0, col_4 and col_8', async () => {
    const server = await start({ repository: syntheticRepository({ records: 1200 }), pageSize: 100 })
    const h = harness(server.baseUrl, { ...oneWindow, set: 'com_0' })
    expect((await h.harvest()).status).toBe('finished')
    const stored = h.stored()
    expect(stored.map((r) => r.identifier)).toEqual(membersOf(1200, 'com_0').map(idOf).sort())
    expect(new Set(stored.map((r) => r.set_specs.split(' ')[0]))).toEqual(new Set(['com_0:col_0', 'com_0:col_4', 'com_0:col_8']))
    expect(h.counts().duplicates).toBe(0)
  })

  // Case 72 (paged ListSets): does not apply to the harvester. A source names its set in data/sources.json and the
  // harvester never sends ListSets (case 70 checks it); a ListSets walker belongs to a set-discovery tool not built yet.

  it('case 73: a prefix the server refuses for every item (cannotDisseminateFormat) fails the run with the reason, nothing stored', async () => {
    const server = await start({ repository: syntheticRepository({ records: 200 }), faults: { cannotDisseminate: { metadataPrefix: 'oai_dc', identifiers: 'all' } } })
    const h = harness(server.baseUrl, oneWindow)
    const outcome = await h.harvest()
    expect(outcome.status).toBe('failed')
    expect(outcome.message).toMatch(/cannotDisseminateFormat/)
    expect(h.stored()).toEqual([])
    expect(highWater(h)).toBeNull()
  })

  it('case 73: items missing in the advertised prefix are left out of the list; the rest is harvested', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0 })
    const withheld = [idOf(3), idOf(7)]
    const server = await start({ repository, pageSize: 50, faults: { cannotDisseminate: { metadataPrefix: 'oai_dc', identifiers: withheld } } })
    const h = harness(server.baseUrl, oneWindow)
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(98, 0))
    expect(h.stored().filter((r) => withheld.includes(r.identifier))).toEqual([])
  })

  it('case 73: an item that GetRecord refuses in this prefix is kept with its diagnostic; the others are fetched', async () => {
    // Record 123 poisons its ListRecords pages (case 8), so its window is read by GetRecord, which refuses that item.
    const refused = idOf(123)
    const server = await start({
      repository: syntheticRepository({ records: 400 }), pageSize: 50,
      faults: { poisoned: { identifiers: [refused] }, cannotDisseminate: { metadataPrefix: 'oai_dc', identifiers: [refused] } },
    })
    const h = harness(server.baseUrl, { politeness: { maxAttempts: 1 } })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toMatchObject({ ...expectedCounts(400), failed: 1 })
    expect(h.stored().find((r) => r.identifier === refused)).toMatchObject({ status: 'live', metadata: null, problem: expect.stringMatching(/cannotDisseminateFormat/) })
  })

  it('case 74: two contexts of one DSpace (/oai and /oai/openaire4) are two sources, baseURL + context, each with its own format', async () => {
    const items = mutableRepository(60, { deletedEvery: 0 })
    const openaire: ReplayRepository = {
      ...items,
      formats: [{ metadataPrefix: 'oai_openaire', schema: 'https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd', metadataNamespace: 'http://namespace.openaire.eu/schema/oaire/' }],
      records: items.records.map((r, i) => ({ ...r, formats: { oai_openaire: `<oaire:resource xmlns:oaire="http://namespace.openaire.eu/schema/oaire/" n="${i}"/>` } })),
    }
    const server = await start({ repository: items, contexts: { '/oai/openaire4': openaire }, pageSize: 25 })
    const db = openDb(':memory:')
    const outcomes = await harvestAll(db, [
      { id: 'dc', baseUrl: server.baseUrl, metadataPrefix: 'oai_dc', ...oneWindow },
      { id: 'openaire', baseUrl: `${server.origin}/oai/openaire4`, metadataPrefix: 'oai_openaire', ...oneWindow },
    ], { clock: fakeClock('2026-11-22T12:00:00Z'), random: () => 0.5 })
    expect(outcomes.map((o) => o.status)).toEqual(['finished', 'finished'])
    const dc = storedBySource(db, 'dc')
    const oaire = storedBySource(db, 'openaire')
    expect(oaire.map((r) => r.identifier)).toEqual(dc.map((r) => r.identifier))
    expect(dc).toHaveLength(60)
    expect(dc[0]!.metadata).toContain('oai_dc:dc')
    expect(oaire[0]!.metadata).toContain('oaire:resource')
    expect(new Set(server.requests.map((r) => r.path))).toEqual(new Set(['/oai', '/oai/openaire4']))
    // Identify's baseURL matches each configured context: nothing to report.
    expect(db.$client.prepare("SELECT count(*) AS n FROM harvest_problems WHERE kind = 'base-url-differs'").get()).toEqual({ n: 0 })
  })
})

describe('4.F deletions and identity', () => {
  it('case 75: deletedRecord=transient: a tombstone seen once stays deleted; a record gone without one is found by the periodic ListIdentifiers diff', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0, deletedRecord: 'transient' })
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 1 } })
    await h.harvest()
    const [withdrawn, gone] = [repository.records[10]!, repository.records[20]!]
    repository.records[10] = { ...withdrawn, deleted: true, formats: {}, datestamp: utcSeconds(Date.now() - 60_000) }
    await h.harvest()
    expect(h.stored().find((r) => r.identifier === withdrawn.identifier)!.status).toBe('deleted')

    // The tombstone is dropped (transient), and another record goes without ever showing one.
    repository.records = repository.records.filter((r) => r.identifier !== withdrawn.identifier && r.identifier !== gone.identifier)
    // A month later: the reconciliation is due again.
    h.db.$client.prepare("UPDATE source_state SET last_full_at = '2026-10-01T00:00:00Z'").run()
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    expect(listRequests(server, before, 'ListIdentifiers').length).toBeGreaterThan(0)
    expect(h.counts()).toEqual({ live: 98, deleted: 1, vanished: 1, failed: 0, duplicates: 0 })
    expect(h.stored().find((r) => r.identifier === gone.identifier)!.status).toBe('vanished')
    expect(h.problems().find((p) => p.kind === 'vanished')!.detail).toMatch(/^1 records/)
  })

  // Case 76 (deletedRecord=no, records simply vanish) is harvest-source.test.ts "cases 75–76: a record that vanishes
  // without a tombstone is marked on a full pass"; case 75 above shows the same through the periodic reconciliation.

  it('case 77: a deleted header in ListIdentifiers is stored as a deletion, even one the incremental windows never saw', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0 })
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 1 } })
    await h.harvest()
    // Deleted on the server with its old datestamp kept: only the full identifier list shows it.
    const victim = repository.records[30]!
    repository.records[30] = { ...victim, deleted: true, formats: {} }
    const before = server.requests.length
    expect((await h.harvest()).status).toBe('finished')
    expect(listRequests(server, before, 'ListIdentifiers').length).toBeGreaterThan(0)
    expect(h.stored().find((r) => r.identifier === victim.identifier)).toMatchObject({ status: 'deleted', metadata: null })
    expect(h.counts()).toMatchObject({ live: 99, deleted: 1, vanished: 0 })
  })

  it('case 77: deleted headers in the ListIdentifiers of a bypassed window are stored as deletions without a GetRecord', async () => {
    const server = await start({ repository: syntheticRepository({ records: 400 }), pageSize: 50, faults: { poisoned: { identifiers: [idOf(123)] } } })
    const h = harness(server.baseUrl, { politeness: { maxAttempts: 1 } })
    expect((await h.harvest()).status).toBe('finished')
    const headers = listRequests(server, 0, 'ListIdentifiers')
    expect(headers.length).toBeGreaterThan(0)
    const fetched = server.requests.filter((r) => r.verb === 'GetRecord').map((r) => Number(r.params.identifier!.split('/').pop()))
    expect(fetched.length).toBeGreaterThan(0)
    expect(fetched.filter((i) => i % 20 === 19)).toEqual([])
    expect(h.counts()).toMatchObject({ ...expectedCounts(400), failed: 1 })
  })

  it.each([['a tombstone', undefined], ['idDoesNotExist', 'idDoesNotExist' as const]])(
    'case 78: GetRecord on an item deleted meanwhile answering %s: both mean gone', async (_label, deletedGetRecord) => {
      const repository = mutableRepository(60, { deletedEvery: 0 })
      const poisoned = idOf(0)
      let victim: string | undefined
      const server = await start({
        repository, pageSize: 10,
        faults: { poisoned: { identifiers: [poisoned] }, ...(deletedGetRecord ? { deletedGetRecord } : {}) },
        // The first item fetched by GetRecord is deleted between the ListIdentifiers and the GetRecord.
        onRequest: (entry) => {
          if (victim || entry.verb !== 'GetRecord' || entry.params.identifier === poisoned) return
          victim = entry.params.identifier!
          const i = repository.records.findIndex((r) => r.identifier === victim)
          repository.records[i] = { ...repository.records[i]!, deleted: true, formats: {} }
        },
      })
      const h = harness(server.baseUrl, { politeness: { maxAttempts: 1 } })
      expect((await h.harvest()).status).toBe('finished')
      expect(victim).toBeDefined()
      expect(h.stored().find((r) => r.identifier === victim)).toMatchObject({ status: 'deleted', metadata: null, problem: null })
      expect(h.counts()).toMatchObject({ live: 59, deleted: 1, duplicates: 0 })
    })

  it('case 79: withdrawn, then reinstated: deleted, then live again with the newer datestamp and its metadata', async () => {
    const repository = mutableRepository(50, { deletedEvery: 0 })
    const server = await start({ repository, pageSize: 25 })
    const h = harness(server.baseUrl, { harvest: { reconcileEveryDays: 0 } })
    await h.harvest()
    const original = repository.records[7]!
    const find = () => h.stored().find((r) => r.identifier === original.identifier)!
    repository.records[7] = { ...original, deleted: true, formats: {}, datestamp: utcSeconds(Date.now() - 120_000) }
    await h.harvest()
    expect(find()).toMatchObject({ status: 'deleted', metadata: null })
    const reinstated = { ...original, datestamp: utcSeconds(Date.now() - 60_000) }
    repository.records[7] = reinstated
    await h.harvest()
    expect(find()).toMatchObject({ status: 'live', datestamp: reinstated.datestamp })
    expect(find().metadata).toContain('<dc:title>')
    expect(h.counts()).toEqual(expectedCounts(50, 0))
  })

  it('case 80: an identifier listed twice with different datestamps keeps the newest, whichever comes first', async () => {
    const repository = mutableRepository(100, { deletedEvery: 0 })
    const renewed = (i: number) => {
      const r = repository.records[i]!
      return { ...r, datestamp: '2016-06-01T00:00:00Z', formats: { oai_dc: r.formats.oai_dc!.replace('<dc:title>', '<dc:title>NUEVA VERSIÓN ') } }
    }
    const a = repository.records[10]!
    const b = repository.records[20]!
    // a: the newer copy is listed first; b: the older one is.
    repository.records[10] = renewed(10)
    repository.records.push(a, renewed(20))
    const server = await start({ repository, pageSize: 50 })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 102 })
    expect(h.counts()).toEqual(expectedCounts(100, 0))
    for (const id of [a.identifier, b.identifier]) {
      const row = h.stored().find((r) => r.identifier === id)!
      expect(row.datestamp).toBe('2016-06-01T00:00:00Z')
      expect(row.metadata).toContain('NUEVA VERSIÓN')
    }
  })

  it('case 81: identifiers are trimmed, kept case-sensitive (the oai-identifier local part is), and a 123456789 handle prefix is stored as given', async () => {
    const repository = mutableRepository(20, { deletedEvery: 0 })
    const padded = repository.records[4]!
    const upper = repository.records[5]!
    const defaultHandle = 'oai:repositorio.example.edu.pe:123456789/77'
    repository.records.push(
      { ...padded, identifier: `  ${padded.identifier}\n` },
      { ...upper, identifier: upper.identifier.toUpperCase() },
      { ...syntheticRecord(77, 1, false), identifier: defaultHandle },
    )
    const server = await start({ repository, pageSize: 10 })
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest()).toMatchObject({ status: 'finished', records: 23 })
    const ids = h.stored().map((r) => r.identifier)
    expect(ids).toHaveLength(22)
    expect(ids.filter((id) => id === padded.identifier)).toHaveLength(1)
    expect(ids).toEqual(expect.arrayContaining([upper.identifier, upper.identifier.toUpperCase(), defaultHandle]))
    expect(h.counts().duplicates).toBe(0)
  })
})

describe('4.G scale', () => {
  // The 1M-record memory figure (flat heap) belongs to the benchmark (npm run bench); this is correctness at 20k.
  it('case 82: 20,000 records in pages of 500: exact counts, progress against completeListSize, and the server built only what was listed', async () => {
    const repository = syntheticRepository({ records: 20_000 })
    const server = await start({ repository, pageSize: 500 })
    const h = harness(server.baseUrl)
    const progress: { pages: number; records: number; total: number | null }[] = []
    const outcome = await h.harvest({ onProgress: (p) => progress.push(p) })
    expect(outcome).toMatchObject({ status: 'finished', pages: 40, records: 20_000 })
    expect(h.counts()).toEqual(expectedCounts(20_000))
    // The lazy source built each record once, page by page: never the list, never a record twice.
    expect(repository.records.built).toBe(20_000)
    expect(progress.at(-1)).toMatchObject({ pages: 40, records: 20_000 })
    const totals = new Set(progress.map((p) => p.total).filter((t) => t !== null))
    // Two 30-day windows hold the 50 days of records; each reports its own completeListSize.
    expect([...totals].reduce((sum, t) => sum + t!, 0)).toBe(20_000)
  })

  it('case 83: pages that get slower deep into the list: progress heartbeats keep coming and the default timeouts are generous but finite', async () => {
    const settings = resolveSettings({ id: 'x', baseUrl: 'http://127.0.0.1/', metadataPrefix: 'oai_dc' })
    expect(settings.headerTimeoutMs).toBe(60_000)
    expect(settings.bodyTimeoutMs).toBe(600_000)
    const server = await start({ repository: syntheticRepository({ records: 2500 }), pageSize: 100, faults: { growingLatency: { perPageMs: 2 } } })
    const lines: string[] = []
    const reporter = createProgressReporter(pino({ level: 'info' }, { write: (line: string) => { lines.push(line) } }), false)
    const h = harness(server.baseUrl, oneWindow)
    expect(await h.harvest({ onProgress: (p) => reporter.update(p) })).toMatchObject({ status: 'finished', pages: 25 })
    const beats = lines.map((l) => JSON.parse(l) as { msg: string; pages: number; total: number }).filter((l) => l.msg === 'harvesting')
    expect(beats.map((b) => b.pages)).toEqual([1, 11, 21])
    expect(beats[0]!.total).toBe(2500)
  })

  it('case 83: a page slower than the configured timeout is abandoned, and the window is split until its pages come fast enough', async () => {
    // Page k waits k × 1.5 s before answering; the header timeout is 300 ms: only first pages can arrive.
    const server = await start({ repository: syntheticRepository({ records: 60, deletedEvery: 0 }), pageSize: 25, faults: { growingLatency: { perPageMs: 1500 } } })
    const h = harness(server.baseUrl, { politeness: { headerTimeoutMs: 300, maxAttempts: 1 } })
    expect((await h.harvest()).status).toBe('finished')
    expect(h.counts()).toEqual(expectedCounts(60, 0))
    const splits = h.problems().filter((p) => p.kind === 'window-split')
    expect(splits.length).toBeGreaterThan(0)
    expect(splits[0]!.detail).toMatch(/timed out waiting for the headers/)
  })

  it('case 84: several sources, one slow host: per-host concurrency 1, and a global pool in which the fast host does not wait', async () => {
    const order: string[] = []
    const slow = await start({
      repository: syntheticRepository({ records: 150 }), pageSize: 50, latencyMs: 100,
      contexts: { '/oai/other': syntheticRepository({ records: 150, seed: 2 }) },
      onRequest: (entry) => { order.push(`slow ${entry.path}`) },
    })
    const fast = await start({ repository: syntheticRepository({ records: 150 }), pageSize: 50, onRequest: () => { order.push('fast') } })
    let inFlight = 0
    let maxInFlight = 0
    slow.server.on('request', (_req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight)
      res.on('close', () => { inFlight-- })
    })
    const db = openDb(':memory:')
    const source = (id: string, baseUrl: string): Source => ({ id, baseUrl, metadataPrefix: 'oai_dc', ...oneWindow })
    // Two workers, three sources: two on the slow host (two DSpace contexts), one on the fast host, queued last.
    const outcomes = await harvestAll(db, [source('slow-a', slow.baseUrl), source('slow-b', `${slow.origin}/oai/other`), source('fast', fast.baseUrl)], {
      clock: fakeClock('2026-11-22T12:00:00Z'), random: () => 0.5, workers: 2,
    })
    expect(outcomes.map((o) => [o.sourceId, o.status, o.records])).toEqual([['slow-a', 'finished', 150], ['slow-b', 'finished', 150], ['fast', 'finished', 150]])
    for (const id of ['slow-a', 'slow-b', 'fast']) expect(storedBySource(db, id)).toHaveLength(150)
    expect(maxInFlight).toBe(1)
    // The fast source ran beside the first slow one instead of queueing behind both.
    const lastOf = (label: string) => order.lastIndexOf(label)
    expect(lastOf('fast')).toBeLessThan(Math.min(lastOf('slow /oai'), lastOf('slow /oai/other')))
    // The two slow-host sources ran one after the other.
    const slowOrder = order.filter((o) => o.startsWith('slow'))
    expect(slowOrder.filter((o, i) => i > 0 && o !== slowOrder[i - 1])).toHaveLength(1)
  })
})
