// One maDMP document as a raw record: keyed by its dmp_id, dated by dmp.modified, its JSON text kept as received.
import type { RawRecord } from '../types.ts'
import { normalizeDatestamp } from '../oai-pmh/dates.ts'
import { describeJsonError } from './json-error.ts'

/** Where a document sits in what the source served: `plans.ndjson#41` names it when it has no dmp_id. */
export interface DocumentOrigin {
  /** File name (folder sources) or the last path segment of the URL. */
  name: string
  /** 0-based position of the document in the file or body (array element, or non-empty NDJSON line). */
  index: number
}

export function originLabel(origin: DocumentOrigin): string {
  return `${origin.name}#${origin.index}`
}

/** Parses one document's text and makes its record; text that is not a maDMP is kept whole with a diagnostic. */
export function recordOfText(text: string, origin: DocumentOrigin, at: string): RawRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return brokenRecord(text, origin, at, describeJsonError(text, error))
  }
  return recordOfValue(value, text, origin, at)
}

/** A parsed document and the text to store for it (the original text, or the element re-serialized). */
export function recordOfValue(value: unknown, text: string, origin: DocumentOrigin, at: string): RawRecord {
  const dmp = dmpOf(value)
  if (!dmp) return brokenRecord(text, origin, at, `not a maDMP: ${describeShape(value)} without a "dmp" object`)
  return {
    identifier: dmpIdOf(dmp) ?? originLabel(origin),
    // The version stamp (FAQ: "modified … identifies a version"): the newest version of one dmp_id wins the upsert.
    datestamp: normalizeDatestamp(stringOf(dmp.modified)) ?? normalizeDatestamp(stringOf(dmp.created)) ?? at,
    setSpecs: [],
    deleted: false,
    metadata: text,
    problem: null,
  }
}

export function brokenRecord(text: string, origin: DocumentOrigin, at: string, problem: string): RawRecord {
  return { identifier: originLabel(origin), datestamp: at, setSpecs: [], deleted: false, metadata: text, problem }
}

function dmpOf(value: unknown): Record<string, unknown> | null {
  if (!isObject(value)) return null
  return isObject(value.dmp) ? value.dmp : null
}

/** dmp_id is one object in every version; an array (a tool's mistake) gives its first identifier. */
function dmpIdOf(dmp: Record<string, unknown>): string | null {
  const id = Array.isArray(dmp.dmp_id) ? dmp.dmp_id[0] : dmp.dmp_id
  if (!isObject(id)) return null
  const identifier = stringOf(id.identifier)?.trim()
  return identifier ? identifier : null
}

function describeShape(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON array'
  if (value === null) return 'null'
  if (isObject(value)) {
    const keys = Object.keys(value).slice(0, 5).map((k) => JSON.stringify(k.slice(0, 40)))
    return keys.length > 0 ? `an object with keys ${keys.join(', ')}` : 'an empty object'
  }
  return `a JSON ${typeof value}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
