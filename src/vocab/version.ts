// Versions: info:eu-repo version terms, COAR URIs, JAV names and abbreviations -> a COAR version type.
import derived from '../../data/vocab/coar-versions.json' with { type: 'json' }
import curated from '../../data/vocab/version-translations.json' with { type: 'json' }
import { coarLookup, type CoarTerm } from './coar-lookup.ts'

const lookup = coarLookup({
  namespace: 'purl.org/coar/version/',
  concepts: derived.concepts,
  translations: curated,
  // COAR's English labels are the JAV abbreviations (VoR, AM, NA…), which repositories write as values.
  matchLabels: ['en', 'es'],
})

export function version(value: string): CoarTerm | null {
  return lookup(value)
}
