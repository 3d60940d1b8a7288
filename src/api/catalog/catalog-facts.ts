// What the catalog needs to know about the data: live records and last change per collection, institution and
// COAR type, read from entity_index (the only file of the catalog that touches the database).
import type { Db } from '../../db/open.ts'
import type { Source } from '../../../harvesters/types.ts'
import type { Entity } from '../../model/index.ts'
import { slug } from '../../db/entity-index.ts'
import { hiddenSql } from '../visibility.ts'

export interface GroupFacts {
  /** Live records a client can see (deleted ones and those of disabled sources left out). */
  records: number
  /** Last change of any record in the group, deletions included (a deletion changes a dump too). */
  modified: string | null
}

export interface CatalogFacts {
  modified: string | null
  /** By entity kind (`research-output`, `dmp`, …). */
  kinds: Record<string, GroupFacts>
  institutions: (GroupFacts & { slug: string; name: string })[]
  /** By COAR resource type URI. */
  types: (GroupFacts & { uri: string })[]
}

export function readCatalogFacts(db: Db, sources: Pick<Source, 'institution' | 'name' | 'id'>[], disabled: string[]): CatalogFacts {
  const c = db.$client
  const hidden = hiddenSql(disabled, 'sources')
  // `live` counts what the dumps serve: not deleted, and not held only by disabled sources.
  const live = hidden ? `sum(deleted = 0 AND NOT ${hidden.sql})` : 'sum(deleted = 0)'
  const args = hidden?.args ?? []
  const group = (column: string, where: string) => c.prepare(
    `SELECT ${column} AS key, ${live} AS records, max(modified_at) AS modified FROM entity_index WHERE ${where} GROUP BY ${column}`,
  ).all(...args) as { key: string; records: number | null; modified: string | null }[]

  const kinds: CatalogFacts['kinds'] = {}
  for (const row of group('kind', '1')) kinds[row.key] = { records: row.records ?? 0, modified: row.modified }
  const modified = Object.values(kinds).reduce<string | null>((max, k) => (k.modified && (!max || k.modified > max) ? k.modified : max), null)

  const names = institutionNames(db, sources)
  const institutions = group('institution', "kind = 'research-output' AND institution IS NOT NULL")
    .filter((row) => (row.records ?? 0) > 0)
    .map((row) => ({ slug: row.key, name: names(row.key), records: row.records ?? 0, modified: row.modified }))
  const types = group('type_uri', "kind = 'research-output' AND type_uri IS NOT NULL")
    .filter((row) => (row.records ?? 0) > 0)
    .map((row) => ({ uri: row.key, records: row.records ?? 0, modified: row.modified }))
  return { modified, kinds, institutions, types }
}

/**
 * The index keeps an institution's slug only. Its name comes from the configuration when a source stands for it,
 * else from one of its records, by the rule the index used (src/db/entity-index.ts): the original repository an
 * aggregator named, or the publisher.
 */
function institutionNames(db: Db, sources: Pick<Source, 'institution' | 'name' | 'id'>[]): (institutionSlug: string) => string {
  const configured = new Map<string, string>()
  for (const s of sources) {
    const name = s.institution ?? s.name
    if (name) configured.set(slug(name), name)
  }
  const sample = db.$client.prepare(`SELECT e.json FROM entity_index i JOIN entities e ON e.id = i.id
    WHERE i.kind = 'research-output' AND i.institution = ? AND i.deleted = 0 AND e.json IS NOT NULL LIMIT 1`).pluck()
  return (institutionSlug) => {
    const known = configured.get(institutionSlug)
    if (known) return known
    const json = sample.get(institutionSlug) as string | undefined
    if (json) {
      const entity = JSON.parse(json) as Entity
      const candidates = [
        ...('provenance' in entity ? entity.provenance.map((p) => p.originalRepository) : []),
        entity.kind === 'research-output' ? entity.publisher : undefined,
      ]
      const name = candidates.find((n): n is string => typeof n === 'string' && slug(n) === institutionSlug)
      if (name) return name
    }
    return institutionSlug
  }
}
