// What a replay server serves: the repository description, its records, and the record-source contract the verbs read.
import type { Granularity } from '../../harvesters/types.ts'

export interface ReplayRecord {
  identifier: string
  /** UTC `YYYY-MM-DDThh:mm:ssZ`, whatever the repository granularity (day repositories print the date part). */
  datestamp: string
  setSpecs: string[]
  deleted: boolean
  /** metadataPrefix → inner XML of `<metadata>`; a tombstone may keep the prefixes it was deleted from, or none. */
  formats: Record<string, string>
}

export interface MetadataFormat {
  metadataPrefix: string
  schema: string
  metadataNamespace: string
}

export interface ReplaySet {
  setSpec: string
  setName: string
}

/** Everything Identify, ListMetadataFormats and ListSets need; records live beside it. */
export interface RepositoryDescription {
  repositoryName: string
  earliestDatestamp: string
  granularity: Granularity
  deletedRecord: 'no' | 'transient' | 'persistent'
  formats: MetadataFormat[]
  sets: ReplaySet[]
  /** Defaults to one placeholder address: the XSD needs at least one. */
  adminEmails?: string[]
  /** Raw `<description>` payloads (inner XML) to repeat in Identify, e.g. the oai-identifier block. */
  descriptions?: string[]
}

/** A repository held in memory; tests replace or mutate `records` between harvests. */
export interface ReplayRepository extends RepositoryDescription {
  records: ReplayRecord[]
}

/** A repository whose records are produced on demand (a million of them must not sit in memory). */
export interface SourcedRepository extends RepositoryDescription {
  records: RecordSource
}

export type ServedRepository = ReplayRepository | SourcedRepository

/** The selection of a list request, with dates already turned into inclusive UTC-second bounds. */
export interface RecordFilter {
  metadataPrefix: string
  from?: string
  until?: string
  set?: string
  /** False when the repository declares deletedRecord=no: tombstones must not be revealed (§2.5.1). */
  includeDeleted: boolean
}

/**
 * The one thing the OAI verbs need from records: a stable order, counted and sliced per filter.
 * A list is paged by offset into this order, as DSpace does, so a record inserted or removed
 * mid-harvest shifts later pages (harvesters must cope: anchors-harvest §4 case 53).
 */
export interface RecordSource {
  count(filter: RecordFilter): number
  slice(filter: RecordFilter, offset: number, limit: number): ReplayRecord[]
  /** The record with this identifier, deleted or not; undefined when unknown. */
  get(identifier: string): ReplayRecord | undefined
}

/** Spec §2.6: a set includes the items of its descendant sets, `a` ⊇ `a:b` ⊇ `a:b:c`. */
export function isInSet(setSpecs: readonly string[], set: string): boolean {
  for (const spec of setSpecs) {
    if (spec === set || (spec.length > set.length && spec.startsWith(set) && spec.charCodeAt(set.length) === 58)) return true
  }
  return false
}

/** A record is listed for a prefix when it has that format; a tombstone that kept no formats is listed for all. */
export function matchesFilter(record: ReplayRecord, filter: RecordFilter): boolean {
  if (record.deleted) {
    if (!filter.includeDeleted) return false
    if (Object.keys(record.formats).length > 0 && !(filter.metadataPrefix in record.formats)) return false
  } else if (!(filter.metadataPrefix in record.formats)) return false
  if (filter.from !== undefined && record.datestamp < filter.from) return false
  if (filter.until !== undefined && record.datestamp > filter.until) return false
  return filter.set === undefined || isInSet(record.setSpecs, filter.set)
}

/**
 * An in-memory array seen as a record source, ordered by identifier so the order does not depend
 * on how a test built or mutated the array. Made per request: it filters and sorts on each call,
 * fine for the demo corpus and test repositories of up to tens of thousands of records.
 */
export function arrayRecordSource(records: readonly ReplayRecord[]): RecordSource {
  let lastKey: string | undefined
  let lastList: ReplayRecord[] = []
  const listFor = (filter: RecordFilter): ReplayRecord[] => {
    const key = JSON.stringify(filter)
    if (key !== lastKey) {
      lastKey = key
      lastList = records.filter((r) => matchesFilter(r, filter)).sort(byIdentifier)
    }
    return lastList
  }
  return {
    count: (filter) => listFor(filter).length,
    slice: (filter, offset, limit) => listFor(filter).slice(offset, offset + limit),
    get: (identifier) => records.find((r) => r.identifier === identifier),
  }
}

export function recordSourceOf(repository: ServedRepository): RecordSource {
  return Array.isArray(repository.records) ? arrayRecordSource(repository.records) : repository.records
}

function byIdentifier(a: ReplayRecord, b: ReplayRecord): number {
  return a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0
}
