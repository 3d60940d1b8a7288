// Walks one list request (ListRecords or ListIdentifiers over one window) through its resumption tokens.
// An async generator: the caller stores and checkpoints each page before the next one is asked for.
import type { HarvestError, Page } from '../types.ts'
import { oaiRequest, type RequestContext } from './request.ts'
import type { Window } from './dates.ts'

export interface ListRequest {
  verb: 'ListRecords' | 'ListIdentifiers'
  metadataPrefix: string
  set?: string
  window: Window
  /** Resume inside the window from a checkpointed token (case 55). */
  resumeToken?: string | null
}

export type ListStep =
  | { kind: 'page'; page: Page; url: string; nextToken: string | null }
  /** The list ended; `reason` says why when it ended early but usably (token loop, empty-page cap). */
  | { kind: 'end'; reason: string | null }
  | { kind: 'error'; error: HarvestError }

export async function* listPages(ctx: RequestContext, request: ListRequest): AsyncGenerator<ListStep> {
  const seen = new Set<string>()
  let token = request.resumeToken ?? null
  let emptyStreak = 0
  let pages = 0
  let expectedPages: number | null = null
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
    emptyStreak = page.records.length === 0 ? emptyStreak + 1 : 0
    if (emptyStreak >= ctx.settings.maxEmptyPages) return `${emptyStreak} consecutive empty pages with a token; window ended`
    // completeListSize is never used to stop early (case 52), only as a ceiling against unbounded lists (case 44).
    const size = page.token?.completeListSize
    if (expectedPages === null && size !== undefined && page.records.length > 0) expectedPages = Math.ceil(size / page.records.length)
    if (expectedPages !== null && pages > 2 * expectedPages + 10) {
      return `more than twice the ${expectedPages} pages announced by completeListSize; window ended`
    }
    return null
  }
}
