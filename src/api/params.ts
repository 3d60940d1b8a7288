// Query-string parsing for every route: an allow-list of names, typed readers, and one 400 naming each bad parameter.
import { BadRequest } from './problem.ts'

export type ParamError = { parameter: string; message: string }

/** Longest value any parameter may have: enough for a cursor or a long search, short of abuse. */
const MAX_LENGTH = 1000

/**
 * Reads one request's query parameters. Unknown names and repeated names are errors (a typo such as `yeer=2020`
 * would otherwise silently return everything); readers record problems instead of throwing, so one 400 lists
 * every parameter that was wrong. Call `done()` before using the values.
 */
export class ParamReader {
  readonly errors: ParamError[] = []
  private readonly values = new Map<string, string>()

  constructor(search: URLSearchParams, allowed: readonly string[]) {
    // Most requests have no query string: nothing to allocate for them.
    if (search.size === 0) return
    const known = new Set(allowed)
    const seen = new Set<string>()
    for (const [name, value] of search) {
      if (!known.has(name)) {
        const shown = name === '' ? '(a parameter without a name)' : shorten(name)
        this.errors.push({ parameter: shown, message: `unknown parameter; this route accepts ${allowed.length > 0 ? allowed.join(', ') : 'no parameters'}` })
        continue
      }
      if (seen.has(name)) {
        this.errors.push({ parameter: name, message: 'given more than once; give it once (lists are comma-separated)' })
        continue
      }
      seen.add(name)
      if (value.length > MAX_LENGTH) this.errors.push({ parameter: name, message: `longer than ${MAX_LENGTH} characters` })
      else this.values.set(name, value)
    }
  }

  static of(url: string, allowed: readonly string[]): ParamReader {
    return new ParamReader(new URL(url).searchParams, allowed)
  }

  fail(parameter: string, message: string): undefined {
    this.errors.push({ parameter, message })
    return undefined
  }

  has(name: string): boolean {
    return this.values.has(name)
  }

  /** The trimmed value; an empty value counts as absent. */
  string(name: string): string | undefined {
    const value = this.values.get(name)?.trim()
    return value ? value : undefined
  }

  /** A comma-separated list of distinct non-empty values (at most `max`). */
  list(name: string, max = 20): string[] | undefined {
    const raw = this.string(name)
    if (raw === undefined) return undefined
    const items = [...new Set(raw.split(',').map((v) => v.trim()).filter(Boolean))]
    if (items.length === 0) return undefined
    if (items.length > max) return this.fail(name, `at most ${max} comma-separated values`)
    return items
  }

  /** A decimal integer within [min, max]; no signs, exponents or fractions. */
  int(name: string, min: number, max: number): number | undefined {
    const raw = this.string(name)
    if (raw === undefined) return undefined
    if (!/^\d{1,9}$/.test(raw)) return this.fail(name, `expected a whole number from ${min} to ${max}`)
    const n = Number(raw)
    if (n < min || n > max) return this.fail(name, `expected a whole number from ${min} to ${max}, got ${raw}`)
    return n
  }

  bool(name: string): boolean | undefined {
    const raw = this.string(name)?.toLowerCase()
    if (raw === undefined) return undefined
    if (raw === 'true' || raw === '1') return true
    if (raw === 'false' || raw === '0') return false
    return this.fail(name, 'expected true or false')
  }

  oneOf<T extends string>(name: string, choices: readonly T[]): T | undefined {
    const raw = this.string(name)
    if (raw === undefined) return undefined
    if ((choices as readonly string[]).includes(raw)) return raw as T
    return this.fail(name, `expected one of ${choices.join(', ')}; got ${JSON.stringify(shorten(raw))}`)
  }

  /**
   * An ISO 8601 date or date-time (`2024-05-01`, `2024-05-01T10:00:00Z`, with an offset or fractions), returned
   * as UTC `YYYY-MM-DDThh:mm:ssZ`, the form stored times take, so it compares as text.
   */
  dateTime(name: string): string | undefined {
    const raw = this.string(name)
    if (raw === undefined) return undefined
    const at = parseDateTime(raw)
    return at ?? this.fail(name, `expected an ISO 8601 date or date-time such as 2024-05-01 or 2024-05-01T10:00:00Z; got ${JSON.stringify(shorten(raw))}`)
  }

  /** Throws BadRequest (turned into a 400 by the app) when any parameter was wrong. */
  done(): void {
    if (this.errors.length > 0) throw new BadRequest(this.errors)
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

export function parseDateTime(raw: string): string | undefined {
  const m = DATE_TIME.exec(raw)
  if (!m) return undefined
  const [, y, mo, d, h = '00', mi = '00', s = '00', , zone] = m
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number]
  // Reject what Date would silently roll over (2024-02-30, 25:00).
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  if (local.getUTCFullYear() !== year || local.getUTCMonth() !== month - 1 || local.getUTCDate() !== day || local.getUTCHours() !== hour || local.getUTCMinutes() !== minute || local.getUTCSeconds() !== second) return undefined
  let offsetMinutes = 0
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!
    const hours = Number(z[2]), minutes = Number(z[3])
    if (hours > 14 || minutes > 59) return undefined
    offsetMinutes = (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes)
  }
  const utc = new Date(local.getTime() - offsetMinutes * 60_000)
  if (Number.isNaN(utc.getTime()) || utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) return undefined
  return `${utc.toISOString().slice(0, 19)}Z`
}

export function shorten(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value
}
