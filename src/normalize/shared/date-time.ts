// ISO 8601 dates and date-times as maDMP writes them, normalized: `YYYY-MM-DDThh:mm:ssZ` (UTC) and `YYYY-MM-DD`.
// Pure and total: a value that is not a real date gives null.

// maDMP 1.0/1.1 examples write "2019-03-13T13:13:00" or "2019-03-13 13:13" (no zone); 1.2 requires one.
const DATE_TIME = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d)(?::(\d\d))?(?:[.,]\d+)?\s*(Z|[+-]\d\d:?\d\d)?)?$/i

/** UTC seconds; a date-time without a zone is read as UTC, a bare date as its midnight UTC. */
export function toUtcSeconds(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const m = DATE_TIME.exec(value.trim())
  if (!m || !realDate(m[1]!)) return null
  const zone = !m[4] || m[4].toUpperCase() === 'Z' ? 'Z' : m[4].includes(':') ? m[4] : `${m[4].slice(0, 3)}:${m[4].slice(3)}`
  const ms = Date.parse(`${m[1]}T${m[2] ?? '00:00'}:${m[3] ?? '00'}${zone}`)
  return Number.isNaN(ms) ? null : `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** The calendar date a date or date-time names, as written (no zone shift: "2020-09-30T00:00:00-05:00" is 2020-09-30). */
export function toDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const m = DATE_TIME.exec(value.trim())
  return m && realDate(m[1]!) ? m[1]! : null
}

function realDate(date: string): boolean {
  const ms = Date.parse(`${date}T00:00:00Z`)
  // Date.parse accepts 2024-02-31; the round trip rejects it.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date
}
