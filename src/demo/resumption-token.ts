// Stateless resumption tokens: the list request and an offset as base64url JSON, so any server process can resume any list.
export type ListVerb = 'ListRecords' | 'ListIdentifiers' | 'ListSets'

export interface ListPosition {
  verb: ListVerb
  metadataPrefix?: string
  /** The from/until arguments as the harvester sent them, so their granularity is re-applied on resume. */
  from?: string
  until?: string
  set?: string
  offset: number
}

const verbCodes: Record<ListVerb, string> = { ListRecords: 'r', ListIdentifiers: 'i', ListSets: 's' }

// base64url needs no percent-encoding in a URL (anchors-harvest §3 check 33): a harvester that forgets
// to encode still resumes; tokens with `+ / = %` are a fixture fault, not our own output.
export function encodeResumptionToken(position: ListPosition): string {
  const payload: Record<string, string | number> = { v: verbCodes[position.verb], o: position.offset }
  if (position.metadataPrefix !== undefined) payload.m = position.metadataPrefix
  if (position.from !== undefined) payload.f = position.from
  if (position.until !== undefined) payload.u = position.until
  if (position.set !== undefined) payload.s = position.set
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')
}

/** The position a token names, or null for anything we did not issue (garbage, tampered, truncated). */
export function decodeResumptionToken(token: string): ListPosition | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
  } catch {
    return null
  }
  if (typeof payload !== 'object' || payload === null) return null
  const p = payload as Record<string, unknown>
  const verb = (Object.keys(verbCodes) as ListVerb[]).find((v) => verbCodes[v] === p.v)
  if (!verb || typeof p.o !== 'number' || !Number.isSafeInteger(p.o) || p.o < 0) return null
  const position: ListPosition = { verb, offset: p.o }
  for (const [key, field] of [['m', 'metadataPrefix'], ['f', 'from'], ['u', 'until'], ['s', 'set']] as const) {
    const value = p[key]
    if (value === undefined) continue
    if (typeof value !== 'string') return null
    position[field] = value
  }
  if (verb !== 'ListSets' && position.metadataPrefix === undefined) return null
  return position
}
