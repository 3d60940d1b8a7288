// Harvests several sources at once: a global pool of workers, per-host politeness shared by all (case 84).
import type { Db } from '../db/open.ts'
import type { Source } from '../../harvesters/types.ts'
import { systemClock } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import type { HarvestOptions, SourceOutcome } from './run.ts'
import { harvesterFor } from './protocols.ts'

export async function harvestAll(db: Db, sources: Source[], options: HarvestOptions & { workers?: number } = {}): Promise<SourceOutcome[]> {
  const clock = options.clock ?? systemClock
  const gate = options.gate ?? new HostGate(clock)
  const queue = [...sources]
  const outcomes = new Map<string, SourceOutcome>()
  // Sources running per host (host includes the port). A worker takes the first queued source whose host has
  // room, so several sources on one slow host (its formats, sets, contexts) never fill the pool while other
  // hosts wait: their requests would only queue at the host gate anyway.
  const running = new Map<string, number>()
  const hostOf = (source: Source) => (URL.canParse(source.baseUrl) ? new URL(source.baseUrl).host : source.baseUrl)
  const roomFor = (source: Source) => (running.get(hostOf(source)) ?? 0) < Math.max(1, source.politeness?.concurrency ?? 1)
  let wake: Array<() => void> = []
  const worker = async () => {
    while (queue.length > 0) {
      const index = queue.findIndex(roomFor)
      if (index < 0) {
        // Every queued source waits for a busy host; some worker holds it and wakes us when it finishes.
        await new Promise<void>((resolve) => wake.push(resolve))
        continue
      }
      const source = queue.splice(index, 1)[0]!
      const host = hostOf(source)
      running.set(host, (running.get(host) ?? 0) + 1)
      try {
        // One source failing never stops the others: harvestSource returns failures as values.
        outcomes.set(source.id, await harvesterFor(source)(db, source, { ...options, clock, gate }))
      } finally {
        running.set(host, running.get(host)! - 1)
        const waiting = wake
        wake = []
        for (const resolve of waiting) resolve()
      }
    }
  }
  const workers = Math.max(1, Math.min(options.workers ?? 4, sources.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return sources.map((s) => outcomes.get(s.id)!)
}
