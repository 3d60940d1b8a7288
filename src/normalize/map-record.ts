// One raw record → one normalized copy: the mapper for its prefix, schema validation, and its dedup keys.
// Pure: the caller reads raw rows and stores what this returns.
import type { Entity, MappingIssue } from '../model/index.ts'
import type { NormalizedCopy } from '../db/cluster-store.ts'
import { formatFor } from './index.ts'
import { dedupKeys } from './cluster/dedup-keys.ts'
import { validateEntity } from './validate-entity.ts'

export interface RawRow {
  sourceId: string
  identifier: string
  datestamp: string
  status: 'live' | 'deleted' | 'vanished'
  metadata: string | null
  harvestedAt: string
  setSpecs: string
}

export interface MapContext {
  metadataPrefix: string
  repositoryHost?: string
}

export function copyId(sourceId: string, oaiIdentifier: string): string {
  return `${sourceId}:${oaiIdentifier}`
}

export function mapRecord(raw: RawRow, context: MapContext): NormalizedCopy {
  const base = { id: copyId(raw.sourceId, raw.identifier), sourceId: raw.sourceId, oaiIdentifier: raw.identifier, issues: [], unmapped: [], keys: [] }
  if (raw.status !== 'live' || raw.metadata === null) {
    return { ...base, kind: 'unknown', status: 'deleted', entity: null, error: null }
  }
  const format = formatFor(context.metadataPrefix)
  if (!format) {
    return { ...base, kind: 'unknown', status: 'failed', entity: null, error: `no mapper for metadataPrefix ${JSON.stringify(context.metadataPrefix)} yet` }
  }
  const result = format.map({
    sourceId: raw.sourceId, oaiIdentifier: raw.identifier, datestamp: raw.datestamp, harvestedAt: raw.harvestedAt,
    metadataPrefix: context.metadataPrefix, metadata: raw.metadata, repositoryHost: context.repositoryHost,
    setSpecs: raw.setSpecs ? raw.setSpecs.split(' ') : [],
  })
  if (!result.ok) return { ...base, kind: 'unknown', status: 'failed', entity: null, error: result.error }
  // A mapper returns the record's own entity first; further entities (persons, organisations a CERIF record
  // embeds) are stored by the caller under derived ids.
  const entity = result.entities[0]
  if (!entity) return { ...base, kind: 'unknown', status: 'failed', entity: null, error: 'the mapper produced no entity' }
  const invalid = validateEntity(entity)
  const issues: MappingIssue[] = [...result.issues, ...invalid.map((line) => ({ path: line.split(':')[0]!, message: `schema: ${line}` }))]
  if (invalid.length > 0) {
    // A schema failure is a mapper bug, not bad data: keep the diagnostic, publish nothing invalid.
    return { ...base, kind: entity.kind, status: 'failed', entity: null, issues, unmapped: result.unmapped, error: `invalid ${entity.kind}: ${invalid.slice(0, 3).join('; ')}` }
  }
  return { ...base, kind: entity.kind, status: 'mapped', entity: entity as Entity, issues, unmapped: result.unmapped, error: null, keys: dedupKeys(entity, { oaiIdentifier: raw.identifier }) }
}
