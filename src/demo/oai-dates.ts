// OAI-PMH dates: from/until arguments in the repository's granularity, and datestamps normalised to UTC seconds.
import type { Granularity } from '../../harvesters/types.ts'

export const DAY: Granularity = 'YYYY-MM-DD'
export const SECONDS: Granularity = 'YYYY-MM-DDThh:mm:ssZ'

/** A from/until argument read as the spec allows it (§3.3.1): exactly one of the two legitimate forms. */
export interface DateArgument {
  granularity: Granularity
  /** The inclusive bound in UTC seconds: a day reaches its first second as `from`, its last as `until` (§2.7.1). */
  bound: string
}

const dayForm = /^(\d{4})-(\d{2})-(\d{2})$/
const secondsForm = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/

export function parseDateArgument(text: string, side: 'from' | 'until'): DateArgument | null {
  const day = dayForm.exec(text)
  if (day) {
    if (!isRealDate(text + 'T00:00:00Z')) return null
    return { granularity: DAY, bound: side === 'from' ? `${text}T00:00:00Z` : `${text}T23:59:59Z` }
  }
  // Fractions, offsets and missing seconds are all badArgument: only these two forms are legitimate.
  if (secondsForm.test(text) && isRealDate(text)) return { granularity: SECONDS, bound: text }
  return null
}

/** `2025-05-27T23:10:16Z`: the only form responseDate and seconds-granularity datestamps may take (§3.3.2). */
export function formatUtcSeconds(date: Date): string {
  return date.toISOString().slice(0, 19) + 'Z'
}

export function datestampIn(granularity: Granularity, utcSeconds: string): string {
  return granularity === DAY ? utcSeconds.slice(0, 10) : utcSeconds
}

const looseStamp =
  /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?\s*$/i

/**
 * Reads a datestamp as real files carry it (milliseconds, no `Z`, a space, an offset: DSpace REST
 * writes `2023-04-14 09:48:01.987`) into UTC seconds; null when it is not a date at all.
 * A stamp without a zone is taken as UTC, which is what OAI-PMH says every datestamp is.
 */
export function normalizeDatestamp(text: string): string | null {
  const m = looseStamp.exec(text)
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone] = m
  let iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`
  if (!isRealDate(iso + 'Z')) return null
  if (zone && zone.toUpperCase() !== 'Z') {
    const offset = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone
    iso = formatUtcSeconds(new Date(iso + offset))
    return iso
  }
  return iso + 'Z'
}

function isRealDate(isoSeconds: string): boolean {
  const time = Date.parse(isoSeconds)
  // Date.parse rolls 2024-02-30 over to March; a round trip catches it.
  return !Number.isNaN(time) && formatUtcSeconds(new Date(time)) === isoSeconds
}
