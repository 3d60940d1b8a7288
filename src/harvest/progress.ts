// Harvest progress for operators: a bar per source on a terminal (cli-progress), log lines otherwise (pino).
import cliProgress from 'cli-progress'
import type { Logger } from 'pino'

export interface ProgressReporter {
  update(progress: { sourceId: string; pages: number; records: number; total: number | null }): void
  stop(): void
}

export function createProgressReporter(log: Logger, interactive: boolean): ProgressReporter {
  if (!interactive) {
    const lastLogged = new Map<string, number>()
    return {
      update({ sourceId, pages, records, total }) {
        // A heartbeat every 10 pages: slow deep pages (case 83) still show the harvest is alive.
        if (pages - (lastLogged.get(sourceId) ?? 0) < 10 && pages !== 1) return
        lastLogged.set(sourceId, pages)
        log.info({ source: sourceId, pages, records, total }, 'harvesting')
      },
      stop() {},
    }
  }
  const multi = new cliProgress.MultiBar({
    format: ' {source} |{bar}| {value}/{total} records, {pages} pages',
    hideCursor: true, clearOnComplete: false, stopOnComplete: false,
  }, cliProgress.Presets.shades_classic)
  const bars = new Map<string, cliProgress.SingleBar>()
  return {
    update({ sourceId, pages, records, total }) {
      let bar = bars.get(sourceId)
      if (!bar) {
        bar = multi.create(total ?? records, 0, { source: sourceId.padEnd(24), pages })
        bars.set(sourceId, bar)
      }
      // completeListSize is per window and may be an estimate (case 52): never let the bar run past 100%.
      if (total !== null && total > bar.getTotal()) bar.setTotal(total)
      if (records > bar.getTotal()) bar.setTotal(records)
      bar.update(records, { pages })
    },
    stop() { multi.stop() },
  }
}
