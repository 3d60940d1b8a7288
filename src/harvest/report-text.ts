// Plain-text renderings of harvest outcomes, status and failures for the terminal.
import type { SourceOutcome } from './run.ts'
import type { SourceStatus, FailureRow } from './status.ts'

export function formatOutcomes(outcomes: SourceOutcome[]): string {
  if (outcomes.length === 0) return 'No sources to harvest.'
  return outcomes.map((o) => {
    const mark = o.status === 'finished' ? 'ok     ' : o.status.padEnd(7)
    return `${mark} ${o.sourceId}: ${o.message}`
  }).join('\n')
}

export function formatStatusTable(statuses: SourceStatus[]): string {
  if (statuses.length === 0) return 'No sources configured and nothing harvested yet.'
  const header = ['source', 'live', 'deleted', 'vanished', 'unreadable', 'not mapped', 'last run', 'started', 'finished', 'pages', 'message']
  const rows = statuses.map((s) => [
    s.enabled ? s.id : `${s.id} (disabled)`,
    String(s.records), String(s.deleted), String(s.vanished), String(s.failed), String(s.notMapped),
    s.lastRun?.status ?? 'never', s.lastRun?.startedAt ?? '', s.lastRun?.finishedAt ?? '',
    s.lastRun ? String(s.lastRun.pages) : '', (s.lastRun?.message ?? '').slice(0, 100),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')
  return [line(header), ...rows.map(line)].join('\n')
}

export function formatFailures(rows: FailureRow[]): string {
  if (rows.length === 0) return 'No failures recorded.'
  return rows.map((r) => `${r.sourceId}\t${r.identifier ?? '-'}\t${r.kind}\t${r.detail.replace(/\s+/g, ' ').slice(0, 300)}`).join('\n')
}
