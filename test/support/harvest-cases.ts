// Helpers for the numbered robustness-case tests (anchors-harvest §4.C–§4.G): expected counts, the request log, dated repositories.
import type { Source } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { listPages, type ListRequest, type ListStep } from '../../harvesters/oai-pmh/list-pages.ts'
import { resolveSettings } from '../../harvesters/oai-pmh/settings.ts'
import type { ReplayRecord, ReplayRepository } from '../../src/demo/replay-repository.ts'
import { fakeClock } from './fake-clock.ts'
import type { FixtureServer, RequestLogEntry } from './fixture-server.ts'
import type { Harness } from './harvest-harness.ts'
import { mutableRepository } from './harvest-harness.ts'
import { syntheticRecord } from './synthetic-repository.ts'

/** Live and deleted counts of the first `n` synthetic records when every `every`-th is a tombstone. */
export function expectedCounts(n: number, every = 20): { live: number; deleted: number; vanished: 0; failed: 0; duplicates: 0 } {
  const deleted = every > 0 ? Math.floor(n / every) : 0
  return { live: n - deleted, deleted, vanished: 0, failed: 0, duplicates: 0 }
}

export function highWater(h: Harness): string | null {
  return (h.db.$client.prepare('SELECT high_water FROM source_state WHERE source_id = ?').get(h.source.id) as { high_water: string | null } | undefined)?.high_water ?? null
}

export function setHighWater(h: Harness, value: string): void {
  h.db.$client.prepare('UPDATE source_state SET high_water = ? WHERE source_id = ?').run(value, h.source.id)
}

export function lastRunRow(h: Harness): { status: string; message: string | null; pages: number; records: number } {
  return h.db.$client.prepare('SELECT status, message, pages, records FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT 1').get(h.source.id) as never
}

/** The list requests (ListRecords by default) the server received since request number `after`. */
export function listRequests(server: FixtureServer, after = 0, verb = 'ListRecords'): RequestLogEntry[] {
  return server.requests.filter((r) => r.n > after && r.verb === verb)
}

/** The list requests that opened a window (no token). */
export function windowStarts(server: FixtureServer, after = 0, verb = 'ListRecords'): RequestLogEntry[] {
  return listRequests(server, after, verb).filter((r) => r.params.resumptionToken === undefined)
}

export const utcSeconds = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z'

/** Midnight UTC `days` days before the real now (the fixture server's clock is the real one). */
export function midnightDaysAgo(days: number): number {
  const now = new Date()
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - days * 86_400_000
}

/**
 * `n` synthetic records (no tombstones) with the given datestamps, earliestDatestamp `earliest`: a repository
 * whose records sit where a test needs them (near the real now, on a window boundary, out of order).
 */
export function datedRepository(datestamps: string[], earliest: string): ReplayRepository {
  const repository = mutableRepository(datestamps.length, { deletedEvery: 0 })
  repository.earliestDatestamp = earliest
  repository.records = repository.records.map((r, i) => ({ ...r, datestamp: datestamps[i]! }))
  return repository
}

/** A record that is not among the first synthetic ones, with this datestamp. */
export function extraRecord(index: number, datestamp: string, deleted = false): ReplayRecord {
  return { ...syntheticRecord(index, 1, deleted), datestamp }
}

/** Walks one list with listPages (no database): the steps as the harvester sees them. */
export async function listSteps(source: Partial<Source> & { baseUrl: string }, request: Partial<ListRequest> = {}): Promise<ListStep[]> {
  const full: Source = { id: 'list', metadataPrefix: 'oai_dc', ...source }
  const clock = fakeClock('2026-11-22T12:00:00Z')
  const ctx = { source: full, settings: resolveSettings(full), clock, gate: new HostGate(clock), random: () => 0.5 }
  const steps: ListStep[] = []
  for await (const step of listPages(ctx, { verb: 'ListRecords', metadataPrefix: 'oai_dc', window: { from: null, until: null }, ...request })) steps.push(step)
  return steps
}

export function pagesOf(steps: ListStep[]) {
  return steps.flatMap((s) => (s.kind === 'page' ? [s.page] : []))
}
