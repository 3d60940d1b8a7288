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
  if (raw.status !== 'live' || raw.metadata === null) return copy(raw, 'unknown', 'deleted', null, null)
  const format = formatFor(context.metadataPrefix)
  if (!format) return copy(raw, 'unknown', 'failed', null, `no mapper for metadataPrefix ${JSON.stringify(context.metadataPrefix)} yet`)
  const result = format.map({
    sourceId: raw.sourceId, oaiIdentifier: raw.identifier, datestamp: raw.datestamp, harvestedAt: raw.harvestedAt,
    metadataPrefix: context.metadataPrefix, metadata: raw.metadata, repositoryHost: context.repositoryHost,
    setSpecs: raw.setSpecs ? raw.setSpecs.split(' ') : [],
  })
  if (!result.ok) return copy(raw, 'unknown', 'failed', null, result.error)
  // A mapper returns the record's own entity first; further entities (persons, organisations a CERIF record
  // embeds) are stored by the caller under derived ids.
  const entity = result.entities[0]
  if (!entity) return copy(raw, 'unknown', 'failed', null, 'the mapper produced no entity')
  const invalid = validateEntity(entity)
  if (invalid.length > 0) {
    // A schema failure is a mapper bug, not bad data: keep the diagnostic, publish nothing invalid.
    const issues = [...result.issues, ...invalid.map((line) => ({ path: line.split(':')[0]!, message: `schema: ${line}` }))]
    return copy(raw, entity.kind, 'failed', null, `invalid ${entity.kind}: ${invalid.slice(0, 3).join('; ')}`, issues, result.unmapped)
  }
  return copy(raw, entity.kind, 'mapped', entity as Entity, null, result.issues, result.unmapped, dedupKeys(entity, { oaiIdentifier: raw.identifier }))
}

// One object literal with every field rather than spreads of a shared base: the spreads cost more than the record's dedup keys.
function copy(raw: RawRow, kind: NormalizedCopy['kind'], status: NormalizedCopy['status'], entity: Entity | null, error: string | null,
  issues: MappingIssue[] = [], unmapped: string[] = [], keys: string[] = []): NormalizedCopy {
  return { id: copyId(raw.sourceId, raw.identifier), sourceId: raw.sourceId, oaiIdentifier: raw.identifier, issues, unmapped, keys, kind, status, entity, error }
}
