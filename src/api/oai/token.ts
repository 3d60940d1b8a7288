// Resumption tokens: a keyset position (datestamp, id) in a frozen list, stateless and checksummed, as base64url.
import { createHash } from 'node:crypto'

export type ListVerb = 'ListRecords' | 'ListIdentifiers' | 'ListSets'

/** Where a list stands. Records lists page on (datestamp, id), never by offset; the set list pages on setSpec. */
export interface ListPosition {
  verb: ListVerb
  metadataPrefix?: string
  /** Inclusive datestamp bounds (`from` as `YYYY-MM-DDThh:mm:ss`, `until` with its `Z`), `until` frozen at the first page. */
  from?: string
  until?: string
  set?: string
  /** The last item of the previous page: [datestamp, id] for records, [setSpec] for sets. */
  after: string[]
  /** Items returned before this page (Spec §3.5: cursor starts at 0). */
  cursor: number
  /** completeListSize, counted once at the first page. */
  total: number
  /** Unix seconds after which the token is refused (the expirationDate it was issued with). */
  expires: number
}

const fields = ['verb', 'metadataPrefix', 'from', 'until', 'set', 'after', 'cursor', 'total', 'expires'] as const

function checksum(payload: string): string {
  return createHash('sha256').update(payload).digest('base64url').slice(0, 10)
}

// base64url and '.' need no percent-encoding (anchors-harvest §3 check 33), and a harvester that forgets to
// encode still resumes. The checksum catches truncated or edited tokens: they get badResumptionToken, not a
// silently different list.
export function encodeToken(position: ListPosition): string {
  const payload = Buffer.from(JSON.stringify(fields.map((f) => position[f] ?? null)), 'utf8').toString('base64url')
  return `${payload}.${checksum(payload)}`
}

export function decodeToken(token: string): ListPosition | null {
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{10})$/.exec(token)
  if (!match || checksum(match[1]!) !== match[2]) return null
  let values: unknown
  try {
    values = JSON.parse(Buffer.from(match[1]!, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (!Array.isArray(values) || values.length !== fields.length) return null
  const [verb, metadataPrefix, from, until, set, after, cursor, total, expires] = values as unknown[]
  if (verb !== 'ListRecords' && verb !== 'ListIdentifiers' && verb !== 'ListSets') return null
  if (!Array.isArray(after) || !after.every((a) => typeof a === 'string')) return null
  if (![cursor, total, expires].every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return null
  const position: ListPosition = { verb, after: after as string[], cursor: cursor as number, total: total as number, expires: expires as number }
  for (const [key, value] of [['metadataPrefix', metadataPrefix], ['from', from], ['until', until], ['set', set]] as const) {
    if (value === null) continue
    if (typeof value !== 'string') return null
    position[key] = value
  }
  return position
}
