// Fetches the one URL of a madmp source: a single GET through the host gate, with the source's timeouts, the
// body decompressed (gzip, deflate, br) and decoded to text. A failed fetch is retried by the next run, not here.
import type { Clock, Result, Source } from '../types.ts'
import { fail, ok } from '../types.ts'
import type { HostGate } from '../host-gate.ts'
import { httpGet } from '../oai-pmh/http-get.ts'
import { decodeBody } from '../oai-pmh/decode-body.ts'
import { resolveSettings } from '../oai-pmh/settings.ts'

export const USER_AGENT = 'redcti/0.1 (maDMP harvester of the Red Nacional de Informacion en CTI, Peru)'

export interface FetchedBody {
  text: string
  /** The URL that answered, after redirects. */
  url: string
  /** The server labelled the body NDJSON / JSON Lines. */
  ndjson: boolean
}

export interface FetchContext {
  gate: HostGate
  clock: Clock
}

export async function fetchBody(url: string, source: Source, ctx: FetchContext): Promise<Result<FetchedBody>> {
  const settings = resolveSettings(source)
  const response = await ctx.gate.run(new URL(url).host, settings, () => httpGet(url, {
    headerTimeoutMs: settings.headerTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs,
    insecureTls: source.quirks?.insecureTls === true,
    userAgent: USER_AGENT,
  }))
  if (!response.ok) return response
  const { status, headers, body } = response.value
  if (status < 200 || status > 299) {
    return fail({ kind: 'http', url: response.value.url, status, detail: body.toString('utf8', 0, Math.min(body.length, 200)).trim() || undefined })
  }
  const decoded = decodeBody(body, headers['content-encoding'])
  if (!decoded.ok) return fail({ kind: 'truncated', url: response.value.url, detail: decoded.detail })
  const type = String(headers['content-type'] ?? '').toLowerCase()
  return ok({ text: decoded.text, url: response.value.url, ndjson: /ndjson|jsonl|json-lines|jsonlines/.test(type) })
}
