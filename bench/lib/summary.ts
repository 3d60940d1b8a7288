// Turns runs into the figures the issue asks for (median records/s, range, peak RSS, ratios) and prints them as markdown.
export interface RunRecord {
  measurement: string
  rep: number
  n: number
  records: number
  wallS: number
  userS: number
  sysS: number
  peakRssKb: number
  recordsPerS: number
  /** CPU seconds the fixture server spent during the run: when it nears wallS, the server is the limit. */
  serverCpuS: number | null
  /** What the process said about its own timing (first request to last record), when it says. */
  innerS: number | null
}

export interface Row {
  measurement: string
  what: string
  runs: number
  medianRecordsPerS: number
  minRecordsPerS: number
  maxRecordsPerS: number
  medianWallS: number
  /** Records per CPU-second of the measured process (user + sys): its own cost, less sensitive to waiting and to other load. */
  medianRecordsPerCpuS: number
  medianServerCpuS: number
  medianPeakRssMiB: number
  /** ÷ the baseline measurement's median records/s (null when there is no baseline). */
  ratioToBaseline: number | null
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export function summarize(runs: RunRecord[], measurements: { name: string; what: string }[], baseline: string): Row[] {
  const rows = measurements.map((m) => {
    const mine = runs.filter((r) => r.measurement === m.name)
    const rates = mine.map((r) => r.recordsPerS)
    return {
      measurement: m.name, what: m.what, runs: mine.length,
      medianRecordsPerS: median(rates), minRecordsPerS: Math.min(...rates), maxRecordsPerS: Math.max(...rates),
      medianWallS: median(mine.map((r) => r.wallS)),
      medianRecordsPerCpuS: median(mine.map((r) => r.records / (r.userS + r.sysS))),
      medianServerCpuS: median(mine.flatMap((r) => r.serverCpuS === null ? [] : [r.serverCpuS])),
      medianPeakRssMiB: median(mine.map((r) => r.peakRssKb / 1024)),
      ratioToBaseline: null as number | null,
    }
  })
  const base = rows.find((r) => r.measurement === baseline)?.medianRecordsPerS
  for (const row of rows) row.ratioToBaseline = base ? row.medianRecordsPerS / base : null
  return rows
}

const int = (x: number) => Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–'
const fixed = (x: number | null, digits: number) => x !== null && Number.isFinite(x) ? x.toFixed(digits) : '–'

export function formatTable(rows: Row[], baseline: string): string {
  const lines = [
    `| measurement | what | records/s (median) | min–max | wall s | records per CPU-s | server CPU s | peak RSS MiB | runs | ÷ ${baseline} |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows) {
    lines.push(`| ${r.measurement} | ${r.what} | ${int(r.medianRecordsPerS)} | ${int(r.minRecordsPerS)}–${int(r.maxRecordsPerS)} | ${fixed(r.medianWallS, 2)} | ${int(r.medianRecordsPerCpuS)} | ${fixed(r.medianServerCpuS, 2)} | ${fixed(r.medianPeakRssMiB, 1)} | ${r.runs} | ${fixed(r.ratioToBaseline, 3)} |`)
  }
  return lines.join('\n')
}
