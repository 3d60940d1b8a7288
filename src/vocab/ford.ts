// OCDE Fields of R&D (FORD) as CONCYTEC publishes them: any code or purl form -> the concept, its field and area.
import table from '../../data/vocab/ocde-ford.json' with { type: 'json' }
import { isLookupValue } from './key.ts'
import { memoize } from './memoize.ts'

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

/** The concept's code; the concept itself is built afresh for every caller. */
const conceptCode = memoize((value: string): string | null => {
  if (!isLookupValue(value)) return null
  const m = FORD.exec(value.replace(/\s+/g, ''))
  const code = m && `${m[1]}.${m[2]}.${m[3]}`
  return code && concepts[code] ? code : null
})

export function lookupFord(value: string): FordConcept | null {
  const code = conceptCode(value)
  const entry = code === null ? undefined : concepts[code]
  if (!code || !entry) return null
  const areaCode = `${code.slice(0, 1)}.00.00`
  const fieldCode = `${code.slice(0, 4)}.00`
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
