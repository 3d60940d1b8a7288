// Builds a lookup over one CONCYTEC SKOS table: full purl (http or https), `scheme#code`, `#code`, code or label.
import { textKey, uriKey } from './key.ts'
import { memoize } from './memoize.ts'

export interface SkosEntry { uri: string; es?: string; en?: string }

export interface SkosTerm {
  uri: string
  /** The URI fragment: `tesis`, `maestro`, `dni`. */
  code: string
  /** Spanish prefLabel. */
  label: string
}

export function conceptLookup(scheme: string, concepts: Record<string, SkosEntry>, synonyms: Record<string, string> = {}): (value: string) => SkosTerm | null {
  const schemeKey = uriKey(scheme)
  const codes = new Map<string, string>()
  const texts = new Map<string, string>()
  for (const [code, entry] of Object.entries(concepts)) {
    codes.set(code.toLowerCase(), code)
    for (const label of [entry.es, entry.en, code]) if (label) texts.set(textKey(label), code)
  }
  for (const [text, code] of Object.entries(synonyms)) if (concepts[code]) texts.set(textKey(text), code)

  const term = (code: string | undefined): SkosTerm | null => {
    const entry = code === undefined ? undefined : concepts[code]
    return entry && code ? { uri: entry.uri, code, label: entry.es ?? entry.en ?? code } : null
  }

  /** The concept's code; the term itself is built afresh for every caller. */
  const conceptCode = memoize((value: string): string | undefined => {
    if (!value.trim()) return undefined
    const hash = value.lastIndexOf('#')
    if (hash >= 0) {
      // Anything before '#' must name this scheme (or a tail of it: `renati/type#tesis`, `type#tesis`),
      // so that a level URI is never taken for a type.
      const ns = uriKey(value.slice(0, hash))
      if (ns && ns !== schemeKey && !schemeKey.endsWith(`/${ns}`)) return undefined
      return codes.get(value.slice(hash + 1).trim().toLowerCase())
    }
    return codes.get(value.trim().toLowerCase()) ?? texts.get(textKey(value))
  })

  return (value: string): SkosTerm | null => typeof value === 'string' ? term(conceptCode(value)) : null
}
