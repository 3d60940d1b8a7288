// `q=`: the user's words as a safe FTS5 query. Every word becomes a quoted string, so no operator, column filter,
// parenthesis or quote a user types can reach the FTS5 parser as syntax (and make a 500).
import type { ParamReader } from './params.ts'

export const MAX_TERMS = 20

export type FullTextQuery = { ok: true; match: string } | { ok: false; message: string }

/**
 * Words are ANDed (FTS5's implicit operator between strings). A trailing `*` keeps its meaning, a prefix search,
 * when at least two letters come before it. Words without a letter or digit are dropped: the unicode61
 * tokenizer would drop them anyway.
 */
export function fullTextQuery(input: string): FullTextQuery {
  const terms: string[] = []
  for (const word of input.normalize('NFC').split(/\s+/)) {
    const prefix = /^[^*]{2,}\*+$/u.test(word) && /[\p{L}\p{N}]{2}/u.test(word)
    const text = word.replace(/["*\p{C}]/gu, '')
    if (!/[\p{L}\p{N}]/u.test(text)) continue
    terms.push(`"${text}"${prefix ? '*' : ''}`)
  }
  if (terms.length === 0) return { ok: false, message: 'no word to search for (letters or digits)' }
  if (terms.length > MAX_TERMS) return { ok: false, message: `at most ${MAX_TERMS} words` }
  return { ok: true, match: [...new Set(terms)].join(' ') }
}

/** The `q=` parameter of a list: what was given, and its FTS5 MATCH expression (a bad query is a 400 on `q`). */
export function readFullText(params: ParamReader): { q?: string; match?: string } {
  const q = params.string('q')
  if (q === undefined) return {}
  const parsed = fullTextQuery(q)
  if (parsed.ok) return { q, match: parsed.match }
  params.fail('q', parsed.message)
  return { q }
}
