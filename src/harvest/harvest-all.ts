// Harvests several sources at once: a global pool of workers, per-host politeness shared by all (case 84).
import type { Db } from '../db/open.ts'
import type { Source } from '../../harvesters/types.ts'
import { systemClock } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { harvestSource, type HarvestOptions, type SourceOutcome } from './run.ts'

export async function harvestAll(db: Db, sources: Source[], options: HarvestOptions & { workers?: number } = {}): Promise<SourceOutcome[]> {
  const clock = options.clock ?? systemClock
  const gate = options.gate ?? new HostGate(clock)
  const queue = [...sources]
  const outcomes = new Map<string, SourceOutcome>()
  const worker = async () => {
    for (let source = queue.shift(); source; source = queue.shift()) {
      // One source failing never stops the others: harvestSource returns failures as values.
      outcomes.set(source.id, await harvestSource(db, source, { ...options, clock, gate }))
    }
  }
  const workers = Math.max(1, Math.min(options.workers ?? 4, sources.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return sources.map((s) => outcomes.get(s.id)!)
}
