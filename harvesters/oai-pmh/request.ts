// One OAI-PMH request, done politely and stubbornly enough: retries with back-off, Retry-After, decoding,
// character repair and envelope parsing. What comes out is a parsed page or a typed failure.
import type { Clock, HarvestError, Page, RawRecord, Result, Source } from '../types.ts'
import { fail, ok } from '../types.ts'
import type { HostGate } from '../host-gate.ts'
import { httpGet } from './http-get.ts'
import { decodeBody } from './decode-body.ts'
import { sanitizeXml } from './sanitize-xml.ts'
import { parsePage } from './parse-page.ts'
import { backoffDelay, isRetryableStatus, parseRetryAfter } from './retry-policy.ts'
import type { ResolvedSettings } from './settings.ts'

export const USER_AGENT = 'redcti/0.1 (OAI-PMH harvester of the Red Nacional de Informacion en CTI, Peru)'

export interface RequestContext {
  source: Source
  settings: ResolvedSettings
  clock: Clock
  gate: HostGate
  /** Told about each retry, so operators see why a harvest is slow. */
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void
  random?: () => number
}

export type OaiParams = Record<string, string | undefined>

export interface OaiResponse {
  page: Page
  verb: string | null
  url: string
}

export function buildUrl(baseUrl: string, params: OaiParams): string {
  const url = new URL(baseUrl)
  for (const [key, value] of Object.entries(params)) {
    // Never send an empty argument: `set=` breaks servers (case 67); tokens are trimmed (case 47).
    if (value !== undefined && value.trim() !== '') url.searchParams.set(key, value.trim())
  }
  return url.toString()
}

export async function oaiRequest(ctx: RequestContext, params: OaiParams): Promise<Result<OaiResponse>> {
  const { settings, clock } = ctx
  const url = buildUrl(ctx.source.baseUrl, params)
  const host = new URL(url).host
  let last: HarvestError = { kind: 'network', url, detail: 'not attempted' }
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const outcome = await ctx.gate.run(host, settings, () => attemptOnce(ctx, url))
    if (outcome.ok) return outcome
    last = outcome.error.error
    const wait = outcome.error.retryAfterSec
    if (wait === 'never') return fail(last)
    if (wait !== null && wait > settings.maxRetryAfterSec) {
      // Do not hold a worker for hours (cases 5–6): the source is deferred with its progress kept.
      return fail({ kind: 'deferred', url, retryAfterSec: wait })
    }
    if (attempt === settings.maxAttempts) break
    const backoff = last.kind === 'http' && last.status === 503 ? settings.backoff503 : settings.backoff
    const waitMs = wait !== null ? wait * 1000 : backoffDelay(attempt, backoff, ctx.random)
    ctx.onRetry?.({ url, attempt, waitMs, reason: describeShort(last) })
    await clock.sleep(waitMs)
  }
  // HG §5: harvesters "must not be written to retry indefinitely" (case 4).
  return fail({ kind: 'retries-exhausted', url, attempts: settings.maxAttempts, last })
}

type AttemptFailure = { error: HarvestError; retryAfterSec: number | null | 'never' }

async function attemptOnce(ctx: RequestContext, url: string): Promise<Result<OaiResponse, AttemptFailure>> {
  const { settings } = ctx
  const response = await httpGet(url, {
    headerTimeoutMs: settings.headerTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
    insecureTls: ctx.source.quirks?.insecureTls === true,
    userAgent: USER_AGENT,
  })
  if (!response.ok) {
    const retryable = response.error.kind !== 'redirect'
    return fail({ error: response.error, retryAfterSec: retryable ? null : 'never' })
  }
  const { status, headers, body } = response.value
  if (status !== 200) {
    const error: HarvestError = { kind: 'http', url, status, detail: snippet(body) }
    if (!isRetryableStatus(status)) return fail({ error, retryAfterSec: 'never' })
    return fail({ error, retryAfterSec: parseRetryAfter(headers['retry-after'], ctx.clock.now()) })
  }
  const decoded = decodeBody(body, headers['content-encoding'])
  // A compressed stream that does not finish is a truncated page: retry, never parse (case 15).
  if (!decoded.ok) return fail({ error: { kind: 'truncated', url, detail: decoded.detail }, retryAfterSec: null })
  const { text, repairs, declarations } = sanitizeXml(decoded.text)
  const parsed = parsePage(text)
  if (!parsed.ok) {
    // A login page, a proxy error or a cut page with status 200 is an error, not an empty list (case 18).
    return fail({ error: { kind: parsed.kind, url, detail: parsed.detail }, retryAfterSec: null })
  }
  const warnings = parsed.page.warnings
  warnings.unshift(...decoded.warnings)
  if (repairs > 0) warnings.push(`repaired ${repairs} illegal XML character(s) or reference(s)`)
  if (declarations > 0) warnings.push(`removed ${declarations} XML declaration(s) nested in the page`)
  // U+FFFD is the one mark every repair leaves (cases 23–25, 27): name the records that carry it, so an
  // operator can find them. Only looked for after a repair, so a clean page costs nothing.
  if (repairs > 0 || decoded.warnings.length > 0) {
    const marked = parsed.page.records.filter((r) => r.metadata?.includes('\uFFFD') || r.metadata?.includes('&#xFFFD;'))
    if (marked.length > 0) warnings.push(`replacement character U+FFFD in ${identifiers(marked)}`)
  }
  return ok({ page: parsed.page, verb: parsed.verb, url })
}

function identifiers(records: RawRecord[]): string {
  const shown = records.slice(0, 10).map((r) => r.identifier || '(no identifier)').join(', ')
  return records.length > 10 ? `${shown} and ${records.length - 10} more` : shown
}

function snippet(body: Buffer): string {
  return body.subarray(0, 200).toString('utf8').replace(/\s+/g, ' ').trim()
}

function describeShort(error: HarvestError): string {
  switch (error.kind) {
    case 'http': return `HTTP ${error.status}`
    case 'timeout': return `timeout (${error.phase})`
    default: return error.kind
  }
}
