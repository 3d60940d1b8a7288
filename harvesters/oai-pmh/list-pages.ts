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
  while (true) {
    const params = token
      ? {
          verb: request.verb,
          resumptionToken: token,
          // The token is exclusive (Spec §3.5); some servers insist on the prefix anyway (case 54).
          metadataPrefix: ctx.source.quirks?.metadataPrefixWithToken ? request.metadataPrefix : undefined,
        }
      : {
          verb: request.verb,
          metadataPrefix: request.metadataPrefix,
          set: request.set,
          from: request.window.from ?? undefined,
          until: request.window.until ?? undefined,
        }
    const response = await oaiRequest(ctx, params)
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
    yield { kind: 'page', page, url, nextToken: next }
    if (!next) {
      yield { kind: 'end', reason: null }
      return
    }
    // A token seen before means the server is looping (cases 43–44): keep what we have, end the window.
    if (seen.has(next) || next === token) {
      yield { kind: 'end', reason: `the server repeated resumption token ${JSON.stringify(next)}; window ended` }
      return
    }
    seen.add(next)
    emptyStreak = page.records.length === 0 ? emptyStreak + 1 : 0
    if (emptyStreak >= ctx.settings.maxEmptyPages) {
      yield { kind: 'end', reason: `${emptyStreak} consecutive empty pages with a token; window ended` }
      return
    }
    // completeListSize is never used to stop early (case 52), only as a ceiling against unbounded lists (case 44).
    const size = page.token?.completeListSize
    if (expectedPages === null && size !== undefined && page.records.length > 0) {
      expectedPages = Math.ceil(size / page.records.length)
    }
    if (expectedPages !== null && pages > 2 * expectedPages + 10) {
      yield { kind: 'end', reason: `more than twice the ${expectedPages} pages announced by completeListSize; window ended` }
      return
    }
    token = next
  }
}
