// The madmp protocol: every maDMP document a source's baseUrl serves (a folder, one file, or an HTTP URL
// serving one document, a JSON array or NDJSON), as raw records keyed by dmp_id. Nothing is dropped.
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Clock, HarvestError, Source } from '../types.ts'
import type { HostGate } from '../host-gate.ts'
import { toSeconds } from '../oai-pmh/dates.ts'
import { fetchBody } from './fetch-url.ts'
import { readFolder } from './read-folder.ts'
import { recordsOfText, type LocatedRecord } from './split-text.ts'

export type DocumentStep =
  | ({ kind: 'record' } & LocatedRecord)
  /** One file could not be read: the others are listed, but the listing is incomplete. */
  | { kind: 'unreadable'; error: HarvestError }
  /** Nothing (more) can be listed: the folder is missing, the server failed. */
  | { kind: 'error'; error: HarvestError }

export interface ListContext {
  gate: HostGate
  clock: Clock
}

export type Location = { kind: 'http'; url: string } | { kind: 'path'; path: string }

/** http(s) URLs are fetched; a file: URL or a path (relative to the working directory) is read from disk. */
export function locate(baseUrl: string): Location {
  if (/^https?:\/\//i.test(baseUrl)) return { kind: 'http', url: baseUrl }
  if (/^file:/i.test(baseUrl)) return { kind: 'path', path: fileURLToPath(baseUrl) }
  return { kind: 'path', path: isAbsolute(baseUrl) ? baseUrl : resolve(baseUrl) }
}

export async function* listDocuments(source: Source, ctx: ListContext): AsyncGenerator<DocumentStep> {
  // Records without a usable dmp.modified are dated by this run: the served copy is the current one.
  const at = toSeconds(ctx.clock.now())
  const location = locate(source.baseUrl)
  if (location.kind === 'path') {
    yield* readFolder(location.path, at)
    return
  }
  const fetched = await fetchBody(location.url, source, ctx)
  if (!fetched.ok) {
    yield { kind: 'error', error: fetched.error }
    return
  }
  // The body is whole in memory (httpGet buffers it); its NDJSON lines are still parsed one at a time.
  const { text, ndjson } = fetched.value
  // Named after the configured URL, not a redirect target, so id-less identifiers stay stable across runs.
  for (const located of recordsOfText(text, nameOf(location.url), at, { ndjson })) yield { kind: 'record', ...located }
}

/** The last path segment names an HTTP body in diagnostics and id-less identifiers (`dmps.ndjson#3`). */
function nameOf(url: string): string {
  const { host, pathname } = new URL(url)
  const last = pathname.split('/').filter(Boolean).pop() ?? ''
  try {
    return decodeURIComponent(last) || host
  } catch {
    return last || host
  }
}
