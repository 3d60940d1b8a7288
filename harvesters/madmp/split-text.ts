// Splits a body of maDMP JSON into raw records, whatever DMP tools export: one document, a JSON array of
// documents, an API envelope `{ "items": [ { "dmp": … } ] }` (DMPRoadmap API v1), or NDJSON.
import type { RawRecord } from '../types.ts'
import { describeJsonError } from './json-error.ts'
import { brokenRecord, recordOfText, recordOfValue, type DocumentOrigin } from './raw-record.ts'

/** A record and where it was found, so a diagnostic can point at the file and position. */
export interface LocatedRecord {
  record: RawRecord
  origin: DocumentOrigin
}

export interface SplitOptions {
  /** The server said NDJSON (Content-Type), or the file is *.ndjson / *.jsonl: read line by line. */
  ndjson?: boolean
}

export function* recordsOfText(text: string, name: string, at: string, options: SplitOptions = {}): Generator<LocatedRecord> {
  const body = text.replace(/^\uFEFF/, '')
  if (options.ndjson) {
    yield* recordsOfLines(body, name, at)
    return
  }
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    // A second JSON value after the first is NDJSON served as application/json or saved as *.json.
    if (looksLikeNdjson(body)) yield* recordsOfLines(body, name, at)
    else yield located(brokenRecord(body, { name, index: 0 }, at, describeJsonError(body, error)), name, 0)
    return
  }
  const list = Array.isArray(value) ? value : envelopeItems(value)
  if (!list) {
    yield located(recordOfValue(value, body.trim(), { name, index: 0 }, at), name, 0)
    return
  }
  // An element is stored re-serialized: the same JSON value, not the same bytes (whitespace, key escapes).
  for (let index = 0; index < list.length; index++) {
    yield located(recordOfValue(list[index], JSON.stringify(list[index]) ?? 'null', { name, index }, at), name, index)
  }
}

/** NDJSON: one document per non-empty line; the index counts documents, not blank lines. */
export function* recordsOfLines(text: string, name: string, at: string): Generator<LocatedRecord> {
  let index = 0
  let start = 0
  while (start <= text.length) {
    const end = text.indexOf('\n', start)
    const line = text.slice(start, end === -1 ? text.length : end).trim()
    if (line !== '') yield lineRecord(line, name, index++, at)
    if (end === -1) break
    start = end + 1
  }
}

/** One NDJSON line (already trimmed, not empty) as a located record. */
export function lineRecord(line: string, name: string, index: number, at: string): LocatedRecord {
  return located(recordOfText(line, { name, index }, at), name, index)
}

function located(record: RawRecord, name: string, index: number): LocatedRecord {
  return { record, origin: { name, index } }
}

function envelopeItems(value: unknown): unknown[] | null {
  if (typeof value !== 'object' || value === null || 'dmp' in value) return null
  const items = (value as { items?: unknown }).items
  return Array.isArray(items) ? items : null
}

function looksLikeNdjson(text: string): boolean {
  const first = /^\s*(\S[^\n]*)\n\s*\S/.exec(text)
  if (!first) return false
  try {
    JSON.parse(first[1]!)
    return true
  } catch {
    return false
  }
}
