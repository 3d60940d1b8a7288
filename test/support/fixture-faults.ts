// The fault switches of the fixture OAI-PMH server, one per robustness case of anchors-harvest.md §4, and when they fire.
import type { OaiVerb } from '../../src/demo/oai-answer.ts'

/**
 * Which requests a fault hits; every field narrows, an empty object means every request.
 * Request numbers count every request the server received, from 1.
 */
export interface When {
  /** These request numbers. */
  requests?: number[]
  /** Every Nth request (n % every === 0). */
  every?: number
  verb?: OaiVerb | OaiVerb[]
  /** Page of a list: 0 is the request without a token, k the one whose token starts at k × pageSize. */
  page?: number
  /** Fire at most this many times, then behave (a transient fault). */
  times?: number
}

/** Cases 1–7, 9, 10: an HTTP status instead of the answer. */
export interface StatusFault {
  status: number
  /** Seconds, sent as an integer, or any literal header text. */
  retryAfter?: number | string
  /** Retry-After as an HTTP-date this many seconds from now (case 2). */
  retryAfterHttpDateIn?: number
  body?: string
  when?: When
}

export type RedirectMode =
  /** Case 11: every request to the base path answers `status` to another path of this server that also serves OAI. */
  | 'moved'
  /** Case 12: a 302 without Location. */
  | 'no-location'
  /** Case 13: base path → /loop → base path → … */
  | 'loop'

export type CompressionMode =
  /** Case 16a: gzip when Accept-Encoding allows it (advertised in Identify). */
  | 'gzip'
  /** 16b: gzip bytes without Content-Encoding. */
  | 'gzip-unlabelled'
  /** 16c: raw deflate (RFC 1951) labelled `deflate`. */
  | 'deflate-raw'
  /** 16c: zlib-wrapped deflate (RFC 1950) labelled `deflate`. */
  | 'deflate-zlib'
  /** 16d: `Content-Encoding: gzip` on an uncompressed body. */
  | 'gzip-label-on-identity'

export type NotOaiKind = 'html-login' | 'html-proxy-error' | 'json'

/** Cases 23–32, 36–39: what to do to one record of a page. */
export type RecordFaultKind =
  | 'c0-controls' // raw U+0003 U+000B U+000C U+001A in a text node (23)
  | 'char-ref-control' // &#x1; (24)
  | 'char-ref-nonchar' // &#xFFFE; (24)
  | 'lone-surrogate-ref' // &#55349; and &#xD835; (25)
  | 'astral-chars' // raw 𝐀𝐁𝐂 and 🧪, legal and must survive (26)
  | 'invalid-utf8' // Latin-1 byte é (0xE9) and a stray 0xFF inside UTF-8 (27)
  | 'double-encoded-utf8' // "InvestigaciÃ³n" (28)
  | 'unescaped-ampersand' // "Ciencia & Tecnología" (31)
  | 'nested-xml-declaration' // <?xml …?> at the start of <metadata> (32)
  | 'datestamp-milliseconds' // 2021-03-04T05:06:07.123Z (34)
  | 'datestamp-no-z' // 2021-03-04T05:06:07 (34)
  | 'datestamp-space' // 2021-03-04 05:06:07 (34)
  | 'datestamp-offset' // the same instant as 2021-03-04T00:06:07-05:00 (34)
  | 'datestamp-garbage' // "not a date" (34)
  | 'no-datestamp' // header without <datestamp> (36)
  | 'no-identifier' // header without <identifier> (36)
  | 'no-metadata' // live record without <metadata> (37)
  | 'empty-metadata' // live record with <metadata/> (37)
  | 'deleted-with-metadata' // status="deleted" header on a record that keeps its metadata (38)
  | 'record-wrapper' // <metadata><record>…</record></metadata> (39)

export interface RecordFault {
  kind: RecordFaultKind
  /** Which record of the page (default 0, the first). */
  position?: number
  when?: When
}

/** Cases 29, 30, 33: the document around the records. */
export type EnvelopeVariant =
  | 'bom' // U+FEFF before the declaration
  | 'leading-whitespace' // blank lines before the declaration (not well-formed XML; real servers send it)
  | 'stylesheet-pi' // <?xml-stylesheet?> after the declaration, as DSpace does
  | 'declared-latin1-bytes-utf8' // encoding="ISO-8859-1" on UTF-8 bytes (29)
  | 'declared-utf8-bytes-latin1' // UTF-8 declared, ISO-8859-1 bytes (29)
  | 'oai-prefixed-root' // <oai:OAI-PMH xmlns:oai=…> and prefixed envelope elements (33)
  | 'oai-1.1-namespace' // the OAI 1.1 per-verb namespace (33)
  | 'no-schema-location' // root without xsi:schemaLocation (33)

export type FinalTokenMode =
  /** Case 40 (default): the last page carries an empty token with completeListSize and cursor. */
  | 'empty'
  /** Case 41: the last page carries no token element. */
  | 'absent'
  /** Case 42: the last page carries a real token; following it gives a page without records. */
  | 'extra-then-empty-page'
  /** Case 42: the last page carries a real token; following it gives noRecordsMatch. */
  | 'extra-then-noRecordsMatch'

export interface Faults {
  // 4.A HTTP / transport
  statuses?: StatusFault[]
  /** Case 8: ListRecords pages and GetRecord holding these records answer `status` (500) for good; ListIdentifiers works. */
  poisoned?: { identifiers: string[]; status?: number }
  redirect?: { mode: RedirectMode; status?: 301 | 302 | 303 | 307 | 308; when?: When }
  /** Case 14: wait this long before sending the status line. */
  slowHeaders?: { ms: number; when?: When }
  /** Case 14: send the body in small pieces with a pause between them. */
  trickle?: { chunkBytes?: number; intervalMs: number; when?: When }
  /** Case 15: send part of the body, then destroy the socket. */
  truncate?: { keepFraction?: number; contentLength?: boolean; when?: When }
  /** Case 15: destroy the socket before any response. */
  resetConnection?: { when?: When }
  compression?: { mode: CompressionMode; when?: When }
  /** Case 17: this Content-Type (null: none at all). */
  contentType?: { value: string | null; when?: When }
  /** Case 18: a 200 response that is not OAI-PMH. */
  notOai?: { kind: NotOaiKind; when?: When }
  /** Case 19: text after </OAI-PMH> (default: a PHP notice). */
  trailingGarbage?: { text?: string; when?: When }
  /** Case 22: more than `perSecond` requests from one client within a second get 503 + Retry-After. */
  rateLimit?: { perSecond: number; retryAfter?: number }
  /** Case 83: each list page waits this much longer than the previous one. */
  growingLatency?: { perPageMs: number }

  // 4.B XML, characters, encoding
  records?: RecordFault[]
  envelope?: { variants: EnvelopeVariant[]; when?: When }

  // 4.C Resumption / flow control
  finalToken?: FinalTokenMode
  /** Case 43: the page at `atPage` (≥ 1) returns the very token it was asked with. */
  repeatToken?: { atPage: number }
  /** Case 44: the page at `atPage` (≥ 2) returns the token of page atPage − 1: A → B → A. */
  tokenCycle?: { atPage: number }
  /** Cases 45, 46, 35: `count` pages without records, each with a token, served in place of page `atPage` (0 = before any record). */
  emptyPages?: { atPage: number; count: number }
  /** Case 47: tokens wrapped in `+ / = % & : space` and surrounding whitespace; only the exact trimmed value resumes. */
  tokenStyle?: 'special-chars'
  /** Case 48: badResumptionToken on every Nth token request and/or on these token requests (counted from 1). */
  badToken?: { every?: number; tokenRequests?: number[] }
  /** Case 51: noRecordsMatch when resuming at this page. */
  noRecordsMatchAtPage?: number
  /** Case 52: cursor as a page index, 1-based, or missing. */
  cursor?: 'page-index' | 'one-based' | 'absent'
  /** Case 52: completeListSize under-estimated (half), different on every page, or missing. */
  completeListSize?: 'under' | 'changing' | 'absent'
  /** Case 54: token requests without metadataPrefix get badArgument; with it, they work. */
  requirePrefixWithToken?: boolean
  /** Case 50: a token asked for a second time returns a page shifted by half a page. */
  reissueShifts?: boolean
  /** Case 49: tokens expire this long after issue (with expirationDate), then answer badResumptionToken. */
  tokenExpiresAfterMs?: number

  // 4.D Dates
  /** Case 57: Identify says seconds, but from/until with a time part answer badArgument. */
  rejectSecondsGranularity?: boolean
  /** Case 60: `until=…T00:00:00Z` is read as the end of that day. */
  widenUntilToEndOfDay?: boolean
  /** Case 63: every datestamp is the response date, and from/until select nothing. */
  datestampAlwaysNow?: boolean
  /** Cases 11, 58: Identify values replaced verbatim (granularity "yyyy-mm-dd", a bad earliestDatestamp, another baseURL). */
  identify?: { granularity?: string; earliestDatestamp?: string; baseURL?: string }

  // 4.E / 4.F Sets, formats, deletions
  /** Case 73: this prefix answers cannotDisseminateFormat for these items (GetRecord; in-memory lists skip them) or for all. */
  cannotDisseminate?: { metadataPrefix: string; identifiers: string[] | 'all' }
  /** Case 78: GetRecord on a deleted item answers idDoesNotExist instead of a tombstone. */
  deletedGetRecord?: 'idDoesNotExist'
}

export interface RequestFacts {
  n: number
  verb: string | undefined
  page: number | undefined
}

/** Whether `when` selects this request; counts firings per `when` object so `times` can stop a fault. */
export function fires(when: When | undefined, facts: RequestFacts, fired: WeakMap<object, number>): boolean {
  if (!when) return true
  if (when.requests && !when.requests.includes(facts.n)) return false
  if (when.every !== undefined && facts.n % when.every !== 0) return false
  if (when.verb !== undefined) {
    const verbs = Array.isArray(when.verb) ? when.verb : [when.verb]
    if (!verbs.includes(facts.verb as OaiVerb)) return false
  }
  if (when.page !== undefined && facts.page !== when.page) return false
  const count = fired.get(when) ?? 0
  if (when.times !== undefined && count >= when.times) return false
  fired.set(when, count + 1)
  return true
}
