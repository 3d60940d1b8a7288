// Spots UTF-8 text that was read as Latin-1 or windows-1252 and encoded again ("InvestigaciÃ³n"), to flag for QA, never to rewrite (case 28).

/**
 * True when the text holds a sequence that only double encoding produces.
 * OVAL's test (`pietsch/oval validator.py is_double_encoded`) re-decodes the whole string, so one
 * genuine "ñ" hides a field full of mojibake; this looks for the mojibake itself instead.
 * Tuned against the real Spanish and Portuguese metadata in our fixtures (CONICET, PUCP, LA Referencia's
 * Algarve and Huelva records: no false positive on 13k PUCP lines): an accented capital before closing
 * punctuation is plausible real text (“AMANHÃ”, «IRMÃ», AQUÍ…), so those pairs count only inside a word.
 * Other kinds of mojibake (CONICET's "Paran¨¢", a GBK round trip) are out of scope.
 */
export function looksDoubleEncoded(text: string): boolean {
  // Clean pages almost never hold a lead character before a continuation character, and this
  // one-class-then-one-class scan is several times cheaper than the full alternation below.
  return CANDIDATE.test(text) && DOUBLE_ENCODED.test(text)
}

// A UTF-8 continuation byte 0x80–0xBF read as Latin-1 (U+0080–U+00BF) or windows-1252 (WHATWG's 27 mappings of 0x80–0x9F).
const CP1252 = '\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2013\\u2014\\u2018-\\u201A\\u201C-\\u201E\\u2020-\\u2022\\u2026\\u2030\\u2039\\u203A\\u20AC\\u2122'
const CONT = `[\\u0080-\\u00BF${CP1252}]`
// The same, less what really follows a word-final capital (“AMANHÃ”, PERÚ–CHILE): NBSP » ’ ” … › – —.
const CONT_UNAMBIGUOUS = '[\\u0080-\\u009F\\u00A1-\\u00BA\\u00BC-\\u00BF\\u0152\\u0153\\u0160\\u0161\\u0178\\u017D\\u017E\\u0192\\u02C6\\u02DC\\u2018\\u201A\\u201C\\u201E\\u2020-\\u2022\\u2030\\u2039\\u20AC\\u2122]'

const CANDIDATE = new RegExp(`[\\u00C2-\\u00F4]${CONT}`)
// Every branch starts with its lead character: a branch that opened with a lookbehind would run it at every position.
const DOUBLE_ENCODED = new RegExp([
  // Â (lead byte C2) before a continuation: NBSP, º, °, « come out as "Â ", "Âº"; hardly any es/pt word ends in Â.
  `\\u00C2${CONT}`,
  // Ã (C3) carries every Spanish and Portuguese accent: "Ã³" ó, "Ã±" ñ, "Ã§Ã£o" ção.
  `\\u00C3${CONT_UNAMBIGUOUS}`,
  `\\u00C3${CONT}(?=[A-Za-z])`,
  // After a lower-case letter a capital Ã is never a word of its own: "UniversitÃ\u00A0" is Università.
  `\\u00C3(?<=[a-z]\\u00C3)${CONT}`,
  // Î and Ï (CE, CF) lead Greek letters, common in science abstracts: "Î²" β, "Îµ" ε; no es/pt/fr word puts a symbol after them.
  `[\\u00CE\\u00CF]${CONT_UNAMBIGUOUS}`,
  // Other two-byte leads (Ä–ß: Latin Extended, Greek, Cyrillic) are real capitals too: count them only inside a word.
  `[\\u00C4-\\u00DF](?<=[a-z][\\u00C4-\\u00DF])${CONT_UNAMBIGUOUS}`,
  `[\\u00C4-\\u00DF]${CONT_UNAMBIGUOUS}(?=[a-z])`,
  // Three- and four-byte sequences: "â€™" ’, "â€œ" “, "â–¶" ▶, "ï»¿" a BOM, "ðŸ˜€" an emoji.
  // â (E2, General Punctuation and arrows) ends no es/pt word, so any continuation pair counts after it.
  `\\u00E2${CONT}${CONT}`,
  `[\\u00E0-\\u00EF]${CONT_UNAMBIGUOUS}${CONT}`,
  '\\u00EF\\u00BB\\u00BF',
  `[\\u00F0-\\u00F4]${CONT_UNAMBIGUOUS}${CONT}${CONT}`,
].join('|'))
