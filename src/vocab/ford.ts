// OCDE Fields of R&D (FORD) as CONCYTEC publishes them: any code or purl form -> the concept, its field and area.
import table from '../../data/vocab/ocde-ford.json' with { type: 'json' }
import { isLookupValue } from './key.ts'

export type FordLevel = 'area' | 'field' | 'discipline'

export interface FordConcept {
  /** `5.02.04` (discipline), `5.02.00` (field) or `5.00.00` (area). */
  code: string
  /** Canonical https purl, as in CONCYTEC's SKOS file. */
  uri: string
  /** Spanish prefLabel (the official one). */
  label: string
  /** English prefLabel; six disciplines have none in CONCYTEC's file. */
  labelEn: string | null
  level: FordLevel
  area: { code: string; label: string }
  /** The field a discipline belongs to (the field itself for a field); null for an area. */
  field: { code: string; label: string } | null
}

interface FordEntry { uri: string; es: string | null; en: string | null; broader: string | null; level: string }

const concepts: Record<string, FordEntry> = table.concepts

// ALICIA records carry https://…#5.02.04, http://…#5.02.04 and area codes (#5.00.00); PerúCRIS samples
// write the scheme as http://purl.org/pe-repo/ocde/ford. Bare codes and `ford#` fragments appear in DSpace forms.
const FORD = /^(?:(?:https?:\/\/)?(?:www\.)?purl\.org\/pe-repo\/ocde\/)?(?:ford)?[#/]?(\d)\.(\d\d)\.(\d\d)\/?$/i

export function lookupFord(value: string): FordConcept | null {
  if (!isLookupValue(value)) return null
  const m = FORD.exec(value.replace(/\s+/g, ''))
  if (!m) return null
  const code = `${m[1]}.${m[2]}.${m[3]}`
  const entry = concepts[code]
  if (!entry) return null
  const areaCode = `${m[1]}.00.00`
  const fieldCode = `${m[1]}.${m[2]}.00`
  const labelOf = (c: string): string => concepts[c]?.es ?? c
  return {
    code,
    uri: entry.uri,
    label: entry.es ?? code,
    labelEn: entry.en,
    level: entry.level as FordLevel,
    area: { code: areaCode, label: labelOf(areaCode) },
    field: entry.level === 'area' ? null : { code: fieldCode, label: labelOf(fieldCode) },
  }
}

/** Every concept code, in code order (for tests and for pick lists). */
export function fordCodes(): string[] {
  return Object.keys(concepts)
}
