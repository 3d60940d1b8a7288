// Per-record checks shared by both page readers: header problems become record diagnostics, and a metadata
// slice gets the namespace declarations it inherited, so it stands alone as XML.
import type { RawRecord } from '../types.ts'
import { normalizeDatestamp } from './dates.ts'

/** Applies the checks that make a record a failure without failing its page (cases 34–38). */
export function checkRecord(record: RawRecord, deleted: boolean, expectMetadata: boolean): RawRecord {
  const problems: string[] = []
  record.identifier = record.identifier.trim()
  const datestamp = normalizeDatestamp(record.datestamp)
  if (!record.identifier) problems.push('header has no identifier')
  if (!datestamp) problems.push(record.datestamp.trim() ? `unreadable datestamp ${JSON.stringify(record.datestamp.trim())}` : 'header has no datestamp')
  record.datestamp = datestamp ?? ''
  // A deleted header that still carries metadata is deleted all the same (case 38).
  record.deleted = deleted
  if (deleted) record.metadata = null
  else if (record.metadata === null && expectMetadata) problems.push('record has no <metadata>')
  else if (record.metadata !== null && !record.metadata.trim()) problems.push('empty <metadata>')
  record.problem = problems.length ? problems.join('; ') : null
  return record
}

/**
 * Some providers declare prefixes (dc:, xsi:) on the OAI-PMH root rather than on the metadata root:
 * copy each declaration the slice uses but does not make onto its root element.
 */
export function withInheritedNs(slice: string, ns: Record<string, string>): string {
  const keys = Object.keys(ns)
  if (keys.length === 0) return slice
  const rootStart = firstElement(slice)
  if (rootStart < 0) return slice
  const rootEnd = slice.indexOf('>', rootStart)
  const rootTag = slice.slice(rootStart, rootEnd)
  const missing = keys.filter((k) => !rootTag.includes(`${k}=`) && slice.includes(`${k.slice(6)}:`))
  if (missing.length === 0) return slice
  const nameEnd = rootStart + 1 + (/^[^\s/>]+/.exec(slice.slice(rootStart + 1))?.[0].length ?? 0)
  const decls = missing.map((k) => ` ${k}="${ns[k]!.replace(/"/g, '&quot;')}"`).join('')
  return slice.slice(0, nameEnd) + decls + slice.slice(nameEnd)
}

/** Index of the first start tag, past any XML declaration, processing instruction or comment. */
function firstElement(slice: string): number {
  let i = slice.indexOf('<')
  while (i >= 0 && (slice[i + 1] === '?' || slice[i + 1] === '!')) {
    const end = slice[i + 1] === '!' && slice.startsWith('<!--', i) ? slice.indexOf('-->', i) : slice.indexOf('>', i)
    if (end < 0) return -1
    i = slice.indexOf('<', end)
  }
  return i
}

/**
 * A copy that does not share memory with the page it was cut from. V8 substrings are slices that keep
 * their whole parent alive: a token kept across pages (loop detection, checkpoints) pinned its ~275 KB
 * page, and memory grew with the list (found by the benchmark's heap snapshot at 1M records).
 */
export function detachString(value: string): string {
  return Buffer.from(value, 'utf8').toString('utf8')
}
