// Keyset cursors: an opaque token carrying the last row's (sort key, id) and a fingerprint of the query it belongs to.
// No OFFSET anywhere, so page 10,000 costs what page 1 costs.
import { createHash } from 'node:crypto'

export type CursorKey = string | number | null

export interface Cursor {
  /** The sort the cursor was issued for. */
  sort: string
  key: CursorKey
  id: string
}

interface Token {
  v: 1
  s: string
  f: string
  k: CursorKey
  i: string
}

/** A short hash of everything that defines the result set (filters, q, since, sort): a cursor only continues its own query. */
export function fingerprint(parts: unknown): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64url').slice(0, 10)
}

export function encodeCursor(cursor: Cursor, queryFingerprint: string): string {
  const token: Token = { v: 1, s: cursor.sort, f: queryFingerprint, k: cursor.key, i: cursor.id }
  return Buffer.from(JSON.stringify(token)).toString('base64url')
}

export type DecodedCursor = { ok: true; cursor: Cursor } | { ok: false; message: string }

export function decodeCursor(raw: string, expected: { sort: string; fingerprint: string; key: 'string' | 'number' | 'nullable-number' | 'none' }): DecodedCursor {
  const bad: DecodedCursor = { ok: false, message: 'not a cursor this API issued; use the next_cursor (or the next link) of the previous page' }
  if (!/^[A-Za-z0-9_-]{1,700}$/.test(raw)) return bad
  let token: Partial<Token>
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return bad
    token = parsed as Partial<Token>
  } catch {
    return bad
  }
  if (token.v !== 1 || typeof token.s !== 'string' || typeof token.f !== 'string' || typeof token.i !== 'string' || token.i.length > 300) return bad
  if (token.s !== expected.sort || token.f !== expected.fingerprint) {
    return { ok: false, message: 'this cursor belongs to another query (other filters, q, since or sort); keep every parameter of the first page' }
  }
  const k = token.k
  const keyOk = expected.key === 'none' ? k === null || k === undefined
    : expected.key === 'string' ? typeof k === 'string' && k.length <= 300
      : expected.key === 'number' ? typeof k === 'number' && Number.isFinite(k)
        : k === null || (typeof k === 'number' && Number.isFinite(k))
  if (!keyOk) return bad
  return { ok: true, cursor: { sort: token.s, key: k ?? null, id: token.i } }
}
