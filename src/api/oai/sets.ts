// The set hierarchy of /oai: by institution (`institution:<slug>`), by COAR type (`type:c_6501`) and PerúCRIS entity sets.
import type { Db } from '../../db/open.ts'
import type { Source } from '../../../harvesters/types.ts'
import { slug } from '../../db/entity-index.ts'
import { resourceType } from '../../vocab/index.ts'

export interface OaiSet {
  setSpec: string
  setName: string
}

const COAR_TYPE = 'http://purl.org/coar/resource_type/'
const SET_PART = /^[A-Za-z0-9\-_.!~*'()]+$/

/** `c_6501` from a COAR type URI; null when the URI is not COAR's or its code cannot be a setSpec part (XSD pattern). */
function typeCode(uri: string | null): string | null {
  if (!uri?.startsWith(COAR_TYPE)) return null
  const code = uri.slice(COAR_TYPE.length)
  return SET_PART.test(code) ? code : null
}

// PerúCRIS names one set per CRIS entity (anchors-harvest §3.K, check 87).
const kindSets: Record<string, { spec: string; name: string }> = {
  project: { spec: 'perucris_projects', name: 'Proyectos (PerúCRIS)' },
  funding: { spec: 'perucris_fundings', name: 'Financiamientos (PerúCRIS)' },
  person: { spec: 'perucris_persons', name: 'Personas (PerúCRIS)' },
  organisation: { spec: 'perucris_orgunits', name: 'Unidades organizativas (PerúCRIS)' },
  equipment: { spec: 'perucris_equipments', name: 'Equipamiento (PerúCRIS)' },
}

/**
 * The setSpecs of an item's header: the leaves only (guidelines §4.1), parents being implied by the hierarchy.
 * A tombstone has lost its facets and belongs to no set by name.
 */
export function setSpecsOf(item: { kind: string; institution: string | null; typeUri: string | null }): string[] {
  const specs: string[] = []
  if (item.institution && SET_PART.test(item.institution)) specs.push(`institution:${item.institution}`)
  const code = typeCode(item.typeUri)
  if (code) specs.push(`type:${code}`)
  const kindSet = kindSets[item.kind]
  if (kindSet) specs.push(kindSet.spec)
  return specs
}

/**
 * The WHERE condition for a set argument; a set that names nothing matches nothing (noRecordsMatch). Spec §2.6: a
 * parent set holds its descendants. Tombstones are in every institution and type set: their facets are gone, and
 * a harvester of one set must still hear of a deletion (a deletion it never held a record for costs it nothing).
 */
export function setCondition(setSpec: string): { sql: string; args: string[] } {
  const orTombstone = (sql: string) => `(${sql} OR ei.deleted = 1)`
  if (setSpec === 'institution') return { sql: orTombstone('ei.institution IS NOT NULL'), args: [] }
  if (setSpec === 'type') return { sql: orTombstone(`ei.type_uri LIKE '${COAR_TYPE}%'`), args: [] }
  if (setSpec.startsWith('institution:')) return { sql: orTombstone('ei.institution = ?'), args: [setSpec.slice('institution:'.length)] }
  if (setSpec.startsWith('type:')) return { sql: orTombstone('ei.type_uri = ?'), args: [COAR_TYPE + setSpec.slice('type:'.length)] }
  const kind = Object.entries(kindSets).find(([, s]) => s.spec === setSpec)?.[0]
  if (kind) return { sql: 'ei.kind = ?', args: [kind] }
  return { sql: '0', args: [] }
}

/** Whether a set exists: its parent is ours and some item of these kinds carries it (one index probe, not ListSets). */
export function setExists(db: Db, setSpec: string, kinds: readonly string[]): boolean {
  if (setSpec === 'institution' || setSpec === 'type') return true
  const kind = Object.entries(kindSets).find(([, s]) => s.spec === setSpec)?.[0]
  if (kind) return kinds.includes(kind)
  const condition = setSpec.startsWith('institution:') ? { sql: 'institution = ?', value: setSpec.slice('institution:'.length) }
    : setSpec.startsWith('type:') ? { sql: 'type_uri = ?', value: COAR_TYPE + setSpec.slice('type:'.length) }
    : null
  if (!condition) return false
  const probe = db.$client.prepare(`SELECT 1 FROM entity_index WHERE kind = ? AND ${condition.sql} LIMIT 1`).pluck()
  return kinds.some((k) => probe.get(k, condition.value) !== undefined)
}

/** Every set, sorted by setSpec: the hierarchy's two parents, one set per institution and type present, the CRIS sets. */
export function listSets(db: Db, sources: Source[], kinds: readonly string[]): OaiSet[] {
  const names = new Map<string, string>()
  for (const s of sources) {
    const name = s.institution ?? s.name
    if (name) names.set(slug(name), name)
  }
  const c = db.$client
  const institutions = new Set<string>()
  const types = new Set<string>()
  for (const kind of kinds) {
    for (const i of c.prepare('SELECT DISTINCT institution FROM entity_index WHERE kind = ? AND institution IS NOT NULL').pluck().all(kind) as string[]) institutions.add(i)
    for (const t of c.prepare('SELECT DISTINCT type_uri FROM entity_index WHERE kind = ? AND type_uri IS NOT NULL').pluck().all(kind) as string[]) types.add(t)
  }
  const sets: OaiSet[] = [
    { setSpec: 'institution', setName: 'Por institución' },
    { setSpec: 'type', setName: 'Por tipo de recurso (COAR)' },
  ]
  for (const i of institutions) if (SET_PART.test(i)) sets.push({ setSpec: `institution:${i}`, setName: names.get(i) ?? i })
  for (const uri of types) {
    const code = typeCode(uri)
    if (!code) continue
    const term = resourceType(uri)
    sets.push({ setSpec: `type:${code}`, setName: term?.labelEs ?? term?.label ?? uri })
  }
  for (const kind of kinds) {
    const s = kindSets[kind]
    if (s) sets.push({ setSpec: s.spec, setName: s.name })
  }
  return sets.sort((a, b) => (a.setSpec < b.setSpec ? -1 : a.setSpec > b.setSpec ? 1 : 0))
}
