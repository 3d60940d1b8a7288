// Resource types: info:eu-repo terms, COAR URIs and the free text repositories write -> a COAR resource type.
import derived from '../../data/vocab/coar-resource-types.json' with { type: 'json' }
import curated from '../../data/vocab/type-translations.json' with { type: 'json' }
import { coarLookup, type CoarLabels } from './coar-lookup.ts'

export interface ResourceTypeTerm {
  uri: string
  /** English COAR label ("bachelor thesis"). */
  label: string
  labelEs: string | null
  /** The value as the record wrote it. */
  original: string
}

const concepts: Record<string, CoarLabels> = { ...curated.concepts, ...derived.concepts }

const lookup = coarLookup({
  namespace: 'purl.org/coar/resource_type/',
  concepts,
  translations: curated,
  // Only English labels: several Spanish COAR labels mean something else in Peru ("tesina", "ponencia").
  matchLabels: ['en'],
})

export function resourceType(value: string): ResourceTypeTerm | null {
  const hit = lookup(value)
  return hit ? { ...hit, original: value } : null
}

/** The PerúCRIS CERIF lists (publication, product, patent) a COAR type belongs to; empty when none. */
export function perucrisTypeLists(uri: string): string[] {
  const entry = (derived.concepts as Record<string, { perucrisLists: string[] }>)[uri]
  return entry ? [...entry.perucrisLists] : []
}
