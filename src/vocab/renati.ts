// RENATI thesis vocabularies (SUNEDU): the kind of work (renati.type) and the degree it leads to (renati.level).
import levels from '../../data/vocab/renati-level.json' with { type: 'json' }
import types from '../../data/vocab/renati-type.json' with { type: 'json' }
import synonyms from '../../data/vocab/renati-translations.json' with { type: 'json' }
import { conceptLookup, type SkosTerm } from './concept-lookup.ts'

const typeLookup = conceptLookup(types.source.scheme, types.concepts, synonyms.type)
const levelLookup = conceptLookup(levels.source.scheme, levels.concepts, synonyms.level)

/** `https://purl.org/pe-repo/renati/type#tesis`, `http://…`, `#tesis`, `tesis` or "Trabajo de investigación". */
export function renatiType(value: string): SkosTerm | null {
  return typeLookup(value)
}

/** `https://purl.org/pe-repo/renati/level#maestro`, `http://…`, `maestro`, "Título Profesional", "Maestría". */
export function renatiLevel(value: string): SkosTerm | null {
  return levelLookup(value)
}
