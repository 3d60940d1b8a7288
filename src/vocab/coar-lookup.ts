// Builds one COAR lookup from a derived concept table and a curated translation table (types, access, versions).
import { textKey, uriKey } from './key.ts'
import { memoize } from './memoize.ts'

export interface CoarLabels { en: string | null; es: string | null }

export interface CoarTerm {
  /** Canonical COAR URI (`http://purl.org/coar/…`, as COAR mints them). */
  uri: string
  /** English COAR prefLabel, the value OpenAIRE v4 writes next to the URI. */
  label: string
  labelEs: string | null
}

export interface CoarTranslations {
  /** Value prefix -> the table its suffix is looked up in (`infoEuRepo`, or `text` for free-text suffixes). */
  prefixes: Record<string, string>
  infoEuRepo: Record<string, string>
  text: Record<string, string>
}

export interface CoarVocabulary {
  /** `purl.org/coar/resource_type/` and the like, without scheme. */
  namespace: string
  concepts: Record<string, CoarLabels>
  translations: CoarTranslations
  /** Which COAR labels count as free text too. */
  matchLabels: ('en' | 'es')[]
}

export function coarLookup(vocabulary: CoarVocabulary): (value: string) => CoarTerm | null {
  const { namespace, concepts, translations, matchLabels } = vocabulary
  const byUri = new Map<string, string>()
  for (const uri of Object.keys(concepts)) byUri.set(uriKey(uri), uri)

  const terms = new Map<string, string>()
  for (const [term, uri] of Object.entries(translations.infoEuRepo)) terms.set(term.toLowerCase(), uri)

  // Curated text first; then bare info:eu-repo terms ("closedAccess", "masterThesis" written without the prefix,
  // as LA Referencia's translation tables show); then COAR's own labels. The first entry for a key wins.
  const texts = new Map<string, string>()
  const addText = (key: string, uri: string) => { const k = textKey(key); if (k && !texts.has(k)) texts.set(k, uri) }
  for (const [text, uri] of Object.entries(translations.text)) addText(text, uri)
  for (const [term, uri] of Object.entries(translations.infoEuRepo)) addText(term, uri)
  for (const [uri, labels] of Object.entries(concepts)) for (const lang of matchLabels) if (labels[lang]) addText(labels[lang], uri)

  const prefixes = Object.entries(translations.prefixes).map(([prefix, table]) => [prefix.toLowerCase(), table] as const)
  const ns = uriKey(namespace)

  const term = (uri: string | undefined): CoarTerm | null => {
    if (!uri) return null
    const labels = concepts[uri]
    if (!labels) return null
    return { uri, label: labels.en ?? labels.es ?? uri, labelEs: labels.es }
  }

  /** The concept's URI; the term itself is built afresh for every caller. */
  const conceptUri = memoize((value: string): string | undefined => {
    const trimmed = value.replace(/\s+/g, ' ').trim()
    if (!trimmed) return undefined
    const asUri = uriKey(trimmed)
    if (asUri.startsWith(ns)) return byUri.get(asUri)
    const lower = trimmed.toLowerCase()
    for (const [prefix, table] of prefixes) {
      if (!lower.startsWith(prefix)) continue
      const suffix = trimmed.slice(prefix.length).trim()
      return table === 'text' ? texts.get(textKey(suffix)) : terms.get(suffix.toLowerCase())
    }
    return texts.get(textKey(trimmed))
  })

  return (value: string): CoarTerm | null => typeof value === 'string' ? term(conceptUri(value)) : null
}
