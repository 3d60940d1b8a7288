// Which representation to answer with: `?format=` when given, else the best match of the Accept header.
import type { ParamReader } from './params.ts'

export type Format = 'json' | 'jsonld' | 'csv'

export const MEDIA_TYPES: Record<Format, string> = {
  json: 'application/json',
  jsonld: 'application/ld+json',
  csv: 'text/csv',
}

/** `format=` aliases, so a hand-typed URL works. */
const ALIASES: Record<string, Format> = { json: 'json', jsonld: 'jsonld', 'json-ld': 'jsonld', csv: 'csv' }

export type Negotiated = { ok: true; format: Format } | { ok: false; status: 406; detail: string }

/**
 * `formats` lists what the route offers, the first being the default (`Accept: *\/*` or none). A `format=` the
 * route does not offer is a parameter error; an Accept header nothing satisfies is a 406.
 */
export function negotiate(params: ParamReader, accept: string | undefined, formats: readonly Format[]): Negotiated {
  const asked = params.string('format')
  if (asked !== undefined) {
    const format = ALIASES[asked.toLowerCase()]
    if (!format || !formats.includes(format)) {
      params.fail('format', `expected one of ${formats.join(', ')}`)
      return { ok: true, format: formats[0]! }
    }
    return { ok: true, format }
  }
  if (!accept || !accept.trim()) return { ok: true, format: formats[0]! }
  const ranges = parseAccept(accept)
  let best: { format: Format; q: number } | null = null
  for (const format of formats) {
    const [type, subtype] = MEDIA_TYPES[format].split('/') as [string, string]
    // The most specific range that matches decides this format's quality (RFC 9110 §12.5.1): `text/csv;q=0, */*` refuses CSV.
    let match: { q: number; specificity: number } | null = null
    for (const range of ranges) {
      const specificity = range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' && range.subtype === '*' ? 0 : -1
      if (specificity >= 0 && (!match || specificity > match.specificity)) match = { q: range.q, specificity }
    }
    // Formats come in the route's order of preference: a tie keeps the earlier one.
    if (match && match.q > 0 && (!best || match.q > best.q)) best = { format, q: match.q }
  }
  if (best) return { ok: true, format: best.format }
  return { ok: false, status: 406, detail: `Nothing here matches Accept: ${accept.slice(0, 200)}. This resource is available as ${formats.map((f) => MEDIA_TYPES[f]).join(', ')} (or ?format=${formats.join('|')}).` }
}

interface MediaRange { type: string; subtype: string; q: number }

function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = []
  for (const part of header.split(',').slice(0, 50)) {
    const [media, ...parameters] = part.trim().split(';')
    const [type, subtype] = (media ?? '').trim().toLowerCase().split('/')
    if (!type || !subtype) continue
    let q = 1
    for (const p of parameters) {
      const [name, value] = p.trim().split('=')
      if (name?.trim().toLowerCase() === 'q') {
        const n = Number(value)
        q = Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0
      }
    }
    ranges.push({ type, subtype, q })
  }
  return ranges
}
