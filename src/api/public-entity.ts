// What the API and the dumps show of an entity. Persons go through an allow-list (issue #3: name, ORCID,
// affiliations and provenance, nothing else), whatever a mapper may one day add to the stored record.
import type { Entity, Person, Provenance } from '../model/index.ts'

const PROVENANCE_FIELDS = ['sourceId', 'oaiIdentifier', 'datestamp', 'harvestedAt', 'metadataPrefix', 'originalRepository'] as const

export function publicPerson(person: Person): Person {
  // Built in the model's field order, so an allow-listed person serializes as the stored one does.
  const view: Person = { id: person.id, kind: 'person', name: person.name } as Person
  if (typeof person.orcid === 'string') view.orcid = person.orcid
  if (Array.isArray(person.affiliations)) view.affiliations = person.affiliations.filter((a) => typeof a === 'string')
  view.provenance = (person.provenance ?? []).map(publicProvenance)
  return view
}

function publicProvenance(p: Provenance): Provenance {
  const view: Record<string, unknown> = {}
  for (const field of PROVENANCE_FIELDS) if (p[field] !== undefined) view[field] = p[field]
  return view as unknown as Provenance
}

/**
 * Whether a kind is served as stored. Persons are not: their stored record holds what the allow-list keeps out, so
 * nothing derived from it (such as the store's hash of it, which a guessed national ID could be checked against)
 * may be published either.
 */
export function servedAsStored(kind: string): boolean {
  return kind !== 'person'
}

/** The stored JSON text as served: unchanged (no parse) except for persons. */
export function publicJson(kind: string, json: string): string {
  return servedAsStored(kind) ? json : JSON.stringify(publicPerson(JSON.parse(json) as Person))
}

/** The same for the stored JSON's UTF-8 bytes: passed through untouched except for persons. */
export function publicJsonBytes(kind: string, json: Buffer): Buffer {
  return servedAsStored(kind) ? json : Buffer.from(publicJson(kind, json.toString('utf8')))
}

export function publicEntity(entity: Entity): Entity {
  return entity.kind === 'person' ? publicPerson(entity) : entity
}
