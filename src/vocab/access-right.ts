// Access levels: info:eu-repo terms, COAR URIs and free text ("Acceso Abierto", "open acess") -> a COAR access right.
import derived from '../../data/vocab/coar-access-rights.json' with { type: 'json' }
import curated from '../../data/vocab/access-translations.json' with { type: 'json' }
import { coarLookup, type CoarTerm } from './coar-lookup.ts'

const lookup = coarLookup({
  namespace: 'purl.org/coar/access_right/',
  concepts: derived.concepts,
  translations: curated,
  matchLabels: ['en', 'es'],
})

export function accessRight(value: string): CoarTerm | null {
  return lookup(value)
}
