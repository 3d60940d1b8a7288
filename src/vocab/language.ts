// Languages: ISO 639-1/2/3 codes, locale tags (es_PE, pt-BR) and names ("Español", "English") -> ISO 639-3.
import table from '../../data/vocab/language-translations.json' with { type: 'json' }
import { isLookupValue, textKey } from './key.ts'
import { memoize } from './memoize.ts'

const iso639_3 = new Set(table.iso639_3)
const alpha2: Record<string, string> = table.alpha2
const bibliographic: Record<string, string> = table.bibliographic
const misused: Record<string, string> = table.misused
const names = new Map(Object.entries(table.names as Record<string, string>).map(([name, code]) => [textKey(name), code]))

// A code, optionally followed by region/script subtags: DSpace writes es_PE and en_US, BCP 47 writes es-419.
const TAG = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/

function code(base: string): string | null {
  if (base.length === 2) return alpha2[base] ?? misused[base] ?? null
  if (iso639_3.has(base)) return base
  return bibliographic[base] ?? misused[base] ?? null
}

/** ISO 639-3 code of the language, or null when the value names none we know. */
export const language: (value: string) => string | null = memoize((value: string): string | null => {
  if (!isLookupValue(value)) return null
  const lower = value.trim().toLowerCase()
  const tag = TAG.exec(lower)
  if (tag) return code(tag[1]!)
  return names.get(textKey(value)) ?? null
})
