// The harvester contract: what a source is, what a fetched page holds, and the failures we expect.

/** One (endpoint, metadataPrefix, optional set): a repository offered in several formats is several sources. */
export interface Source {
  id: string
  /** OAI-PMH: the base URL. madmp: a folder (path or file: URL) or an http(s) URL serving maDMP JSON. */
  baseUrl: string
  metadataPrefix: string
  /** Default 'oai-pmh'. 'madmp' reads maDMP JSON as DMP tools export it (metadataPrefix 'madmp'). */
  protocol?: 'oai-pmh' | 'madmp'
  name?: string
  institution?: string
  /** An aggregator (ALICIA) copies other repositories' records: its copies rank after the originals when merged. */
  role?: 'repository' | 'aggregator'
  set?: string
  enabled?: boolean
  /** Free text for operators: where the endpoint comes from and whether it was verified. */
  note?: string
  politeness?: Politeness
  harvest?: HarvestSettings
  quirks?: Quirks
}

export interface Politeness {
  /** Requests in flight per host (default 1, HG §5). */
  concurrency?: number
  /** Pause between two requests to the same host, in ms (default 0). */
  delayMs?: number
  /** Time to wait for response headers, in ms. */
  headerTimeoutMs?: number
  /** Time to wait for the whole body, in ms. */
  bodyTimeoutMs?: number
  /** Attempts per request before the request is given up (never unbounded: HG §5). */
  maxAttempts?: number
  /** A Retry-After longer than this (s) defers the source instead of blocking a worker. */
  maxRetryAfterSec?: number
}

export interface HarvestSettings {
  /** Width of one date window in days (metha's idea: short token sequences). */
  windowDays?: number
  /** Re-harvest this many hours before the high-water mark (DSpace `oai import` indexes late). */
  overlapHours?: number
  /** A full identifier reconciliation runs when the last one is older than this. 0 = never. */
  reconcileEveryDays?: number
}

export interface Quirks {
  /** The endpoint ignores or breaks on from/until: harvest the whole list in one sequence. */
  noDateWindows?: boolean
  /** Send metadataPrefix along with resumptionToken (nonconformant servers, case 54). */
  metadataPrefixWithToken?: boolean
  /** Use this granularity whatever Identify says (case 57). */
  granularity?: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ'
  /** Accept an invalid TLS certificate for this endpoint only (case 20). */
  insecureTls?: boolean
}

export type Granularity = 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ'

export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy'

/** Expected failures are values, not exceptions. */
export type HarvestError =
  | { kind: 'http'; url: string; status: number; detail?: string }
  | { kind: 'network'; url: string; detail: string }
  | { kind: 'timeout'; url: string; phase: 'headers' | 'body' }
  | { kind: 'truncated'; url: string; detail: string }
  | { kind: 'redirect'; url: string; detail: string }
  | { kind: 'not-oai'; url: string; detail: string }
  | { kind: 'oai'; url: string; code: string; message: string }
  | { kind: 'malformed-xml'; url: string; detail: string }
  | { kind: 'token-loop'; token: string }
  | { kind: 'deferred'; url: string; retryAfterSec: number }
  | { kind: 'retries-exhausted'; url: string; attempts: number; last: HarvestError }
  /** A local folder or file of a madmp source that cannot be listed or read. */
  | { kind: 'file'; path: string; detail: string }

export type Result<T, E = HarvestError> = { ok: true; value: T } | { ok: false; error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error })

/** One record as the list gave it: header fields and the metadata XML exactly as received. */
export interface RawRecord {
  identifier: string
  /** Normalised to UTC `YYYY-MM-DDThh:mm:ssZ`. */
  datestamp: string
  setSpecs: string[]
  deleted: boolean
  /** Inner XML of `<metadata>`; null for deletions and headers-only lists. */
  metadata: string | null
  /** Why this record could not be read as it came (it is still stored). */
  problem: string | null
}

export interface ResumptionToken {
  value: string
  completeListSize?: number
  cursor?: number
  expirationDate?: string
}

/** One parsed OAI-PMH list response. */
export interface Page {
  responseDate: string
  records: RawRecord[]
  token: ResumptionToken | null
  /** Request-level OAI error (noRecordsMatch arrives here and is not a failure). */
  oaiError: { code: string; message: string } | null
  /** Identify only: the first value of each child element (granularity, earliestDatestamp, …). */
  identify?: Record<string, string>
  /** Non-fatal oddities worth a log line (trailing garbage, repaired characters). */
  warnings: string[]
}

/** Time is injected so back-off and politeness are tested in milliseconds. */
export interface Clock {
  now(): Date
  sleep(ms: number): Promise<void>
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

export function describeError(error: HarvestError): string {
  switch (error.kind) {
    case 'http': return `HTTP ${error.status} from ${error.url}${error.detail ? `: ${error.detail}` : ''}`
    case 'network': return `network failure on ${error.url}: ${error.detail}`
    case 'timeout': return `timed out waiting for the ${error.phase} of ${error.url}`
    case 'truncated': return `truncated response from ${error.url}: ${error.detail}`
    case 'redirect': return `redirect problem on ${error.url}: ${error.detail}`
    case 'not-oai': return `not an OAI-PMH response from ${error.url}: ${error.detail}`
    case 'oai': return `OAI-PMH error ${error.code} from ${error.url}: ${error.message}`
    case 'malformed-xml': return `malformed XML from ${error.url}: ${error.detail}`
    case 'token-loop': return `the server repeated resumption token ${JSON.stringify(error.token)}; window ended`
    case 'deferred': return `the server asked to wait ${error.retryAfterSec} s (${error.url}); deferred, progress kept`
    case 'retries-exhausted': return `gave up after ${error.attempts} attempts: ${describeError(error.last)}`
    case 'file': return `cannot read ${error.path}: ${error.detail}`
  }
}
