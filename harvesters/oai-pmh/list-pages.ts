// Walks one list request (ListRecords or ListIdentifiers over one window) through its resumption tokens.
// An async generator: the caller stores and checkpoints each page while the next one is being fetched.
import type { HarvestError, Page, RawRecord } from '../types.ts'
import { oaiRequest, type RequestContext } from './request.ts'
import { detachString } from './record-checks.ts'
import type { Window } from './dates.ts'

export interface ListRequest {
  verb: 'ListRecords' | 'ListIdentifiers'
  metadataPrefix: string
  set?: string
  window: Window
  /** Resume inside the window from a checkpointed token (case 55). */
  resumeToken?: string | null
  /** The page ceiling never falls below this (default 100,000 pages); tests lower it. */
  minCeilingPages?: number
}

export type ListStep =
  | { kind: 'page'; page: Page; url: string; nextToken: string | null }
  /** The list ended; `reason` says why when it ended early but usably (token loop, empty-page cap). */
  | { kind: 'end'; reason: string | null }
  | { kind: 'error'; error: HarvestError }

export async function* listPages(ctx: RequestContext, request: ListRequest): AsyncGenerator<ListStep> {
  const seen = new Set<string>()
  // The first two identifiers of every page: one short key per page, so memory stays flat on long lists.
  const pageStarts = new Set<string>()
  let token = request.resumeToken ?? null
  let emptyStreak = 0
  let pages = 0
  let largestSize = 0
  const ask = (t: string | null) => oaiRequest(ctx, t
    ? {
        verb: request.verb,
        resumptionToken: t,
        // The token is exclusive (Spec §3.5); some servers insist on the prefix anyway (case 54).
        metadataPrefix: ctx.source.quirks?.metadataPrefixWithToken ? request.metadataPrefix : undefined,
      }
    : {
        verb: request.verb,
        metadataPrefix: request.metadataPrefix,
        set: request.set,
        from: request.window.from ?? undefined,
        until: request.window.until ?? undefined,
      })
  let pending = ask(token)
  while (true) {
    const response = await pending
    if (!response.ok) {
      yield { kind: 'error', error: response.error }
      return
    }
    const { page, url } = response.value
    const error = page.oaiError
    if (error) {
      // noRecordsMatch is an empty result, first page or mid-list (cases 42, 51, 65), never a failure.
      if (error.code === 'noRecordsMatch') {
        yield { kind: 'end', reason: null }
        return
      }
      yield { kind: 'error', error: { kind: 'oai', url, code: error.code, message: error.message } }
      return
    }
    pages++
    const next = page.token?.value.trim() || null
    const stop = next ? whyStop(next, page) : null
    // The next page is asked for before this one is stored: the server works while we write (one request
    // in flight per list, so politeness is unchanged). A checkpoint still names this page's token.
    if (next && !stop) pending = ask(next)
    yield { kind: 'page', page, url, nextToken: next }
    if (!next || stop) {
      yield { kind: 'end', reason: stop }
      return
    }
    token = next
  }

  function whyStop(next: string, page: Page): string | null {
    // A token seen before means the server is looping (cases 43–44): keep what we have, end the window.
    if (seen.has(next) || next === token) return `the server repeated resumption token ${JSON.stringify(next)}; window ended`
    seen.add(next)
    // A page that serves again, in order, two records that began an earlier page is the list going round
    // (coneda/kor #55, OpenSKOS #8: past completeListSize, the same records again). Its records are still kept.
    const repeated = repeatsEarlierPage(page.records, pageStarts)
    if (repeated) return `the server listed records it had already listed (from ${JSON.stringify(repeated)}) under a new token; window ended`
    emptyStreak = page.records.length === 0 ? emptyStreak + 1 : 0
    if (emptyStreak >= ctx.settings.maxEmptyPages) return `${emptyStreak} consecutive empty pages with a token; window ended`
    // completeListSize never ends a list (case 52: servers under-estimate it, and paperhive's early stop truncates;
    // counting leading empty pages against it cut lists short, case 46). It only sizes a last-resort ceiling against
    // a list that never ends (case 44), generous enough that an under-estimate costs nothing, and never below a floor.
    largestSize = Math.max(largestSize, page.token?.completeListSize ?? 0)
    const expectedPages = page.records.length > 0 ? Math.ceil(largestSize / page.records.length) : 0
    const ceiling = Math.max(2 * expectedPages + 10, request.minCeilingPages ?? 100_000)
    if (pages >= ceiling) return `${pages} pages, the ceiling for a list announced with ${largestSize} records; window ended`
    return null
  }
}

/** The identifier at which `records` repeats the start of an earlier page, or null; remembers this page's start. */
function repeatsEarlierPage(records: RawRecord[], pageStarts: Set<string>): string | null {
  let found: string | null = null
  for (let i = 0; i + 1 < records.length && found === null; i++) {
    const a = records[i]!.identifier
    const b = records[i + 1]!.identifier
    if (a && b && pageStarts.has(`${a}\n${b}`)) found = a
  }
  const [first, second] = records
  // Detached: identifiers are slices of their page, and a kept slice pins the whole page in memory (1M-record bench).
  if (first?.identifier && second?.identifier) pageStarts.add(detachString(`${first.identifier}\n${second.identifier}`))
  return found
}
