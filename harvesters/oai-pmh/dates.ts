// OAI-PMH dates: normalising what servers send, formatting what we send in the server's granularity.
import type { Granularity } from '../types.ts'

const SECONDS: Granularity = 'YYYY-MM-DDThh:mm:ssZ'
const DAY: Granularity = 'YYYY-MM-DD'

/**
 * Reads a granularity string leniently: servers write it in lower case or with fractions
 * (`YYYY-MM-DDThh:mm:ss.sZ`, case 58); anything with a time part means seconds.
 */
export function parseGranularity(value: string | undefined | null): Granularity {
  if (!value) return SECONDS
  return /t?hh/i.test(value) ? SECONDS : DAY
}

/**
 * Normalises a datestamp to UTC seconds `YYYY-MM-DDThh:mm:ssZ`, or null when it is not a date.
 * Accepts milliseconds, a missing Z, a space separator and offsets (case 34: DSpace sends
 * milliseconds; pyoai crashed on them; LA Referencia fails the whole harvest on one bad stamp).
 */
export function normalizeDatestamp(value: string | undefined | null): string | null {
  if (!value) return null
  const v = value.trim()
  // The common case first, with no allocation beyond the test.
  if (v.length === 20 && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(v)) return validDate(v) ? v : null
  if (/^\d{4}-\d\d-\d\d$/.test(v)) return validDate(`${v}T00:00:00Z`) ? `${v}T00:00:00Z` : null
  const m = /^(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d(?::\d\d)?)(?:[.,]\d+)?\s*(Z|[+-]\d\d:?\d\d)?$/i.exec(v)
  if (!m) return null
  const time = m[2]!.length === 5 ? `${m[2]}:00` : m[2]!
  const zone = !m[3] || m[3].toUpperCase() === 'Z' ? 'Z' : m[3].includes(':') ? m[3] : `${m[3].slice(0, 3)}:${m[3].slice(3)}`
  const ms = Date.parse(`${m[1]}T${time}${zone}`)
  return Number.isNaN(ms) ? null : toSeconds(new Date(ms))
}

function validDate(iso: string): boolean {
  const ms = Date.parse(iso)
  // Date.parse accepts 2024-02-31; the round trip rejects it.
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === iso.slice(0, 19)
}

export function toSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`
}

/** Formats a request argument in the server's granularity (cases 56–57). */
export function formatForRequest(date: Date, granularity: Granularity): string {
  return granularity === DAY ? date.toISOString().slice(0, 10) : toSeconds(date)
}

export function parseIso(value: string): Date {
  const normalized = normalizeDatestamp(value)
  if (!normalized) throw new Error(`not a date: ${value}`)
  return new Date(normalized)
}

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

export interface Window {
  /** Inclusive lower bound; null = from the beginning of the list. */
  from: string | null
  /** Inclusive upper bound; null = open-ended (up to the server's now). */
  until: string | null
}

/**
 * Cuts [from, until] into windows of `days` days (metha's design: short token sequences, so an
 * expired token or a failing page costs one window). The last window is open-ended so that the
 * high-water mark can be the server's responseDate rather than our clock (HG §3, case 62).
 * Bounds are inclusive (Spec §2.7.1): adjacent windows share their boundary second, and
 * upserts make the duplicate harmless (case 59).
 */
export function planWindows(from: Date | null, serverNow: Date, days: number, granularity: Granularity): Window[] {
  if (!from || days <= 0 || from.getTime() >= serverNow.getTime()) {
    return [{ from: from ? formatForRequest(from, granularity) : null, until: null }]
  }
  const step = days * DAY_MS
  const windows: Window[] = []
  let start = from.getTime()
  while (start + step < serverNow.getTime()) {
    const end = start + step
    windows.push({ from: formatForRequest(new Date(start), granularity), until: formatForRequest(new Date(end), granularity) })
    start = end
  }
  windows.push({ from: formatForRequest(new Date(start), granularity), until: null })
  return windows
}

/** Splits a failing window in two halves; null when it cannot get smaller in this granularity. */
export function splitWindow(window: Window, serverNow: Date, granularity: Granularity): [Window, Window] | null {
  const min = granularity === DAY ? DAY_MS : HOUR_MS
  const from = window.from ? parseIso(window.from).getTime() : null
  const until = window.until ? parseIso(window.until).getTime() : serverNow.getTime()
  if (from === null || until - from < 2 * min) return null
  const middle = from + Math.floor((until - from) / 2 / min) * min
  const mid = formatForRequest(new Date(middle), granularity)
  return [{ from: window.from, until: mid }, { from: mid, until: window.until }]
}
