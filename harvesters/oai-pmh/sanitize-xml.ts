// Neutralises the characters, character references and stray XML declarations that make a page ill-formed XML 1.0 (cases 23–26, 32).

/**
 * Decisions:
 * - A bad raw character becomes U+FFFD, a bad reference becomes `&#xFFFD;`. Replacing rather than
 *   deleting leaves a visible trace for QA, keeps "A\x0BB" from reading "AB", and is the same marker
 *   decodeBody uses for invalid bytes (case 27), so one search finds every repair.
 * - A surrogate pair written as two references (`&#xD835;&#xDC00;`, what a serializer emits when it
 *   walks UTF-16 code units) is recombined into `&#x1D400;`: the intended character is unambiguous,
 *   and dropping it would repeat LA Referencia's loss of astral characters (case 26).
 * - `&#X41;` (capital X, which XML does not allow and saxes rejects) becomes `&#x41;`.
 * - References inside CDATA sections and comments are text, not references, and are left alone;
 *   raw illegal characters are illegal there too and are replaced.
 * - Valid astral characters, raw or as references, are never touched: the checks below test
 *   surrogate pairing, not code units one by one (LA Referencia's `InvalidXMLCharFilterReader` mistake).
 * - An XML declaration past the start of the document (Dataverse put the record's own inside
 *   `<metadata>`, `IQSS/dataverse #7431`) is removed: XML 1.0 §2.8 allows one, first, and once the page
 *   is decoded its encoding label says nothing (case 32).
 */
export function sanitizeXml(text: string): { text: string; repairs: number; declarations: number } {
  // Three native scans, together cheaper than one alternation of everything (the reference scan starts
  // with a literal and skips ahead); a clean page, almost every page, comes back as the same string.
  let repairs = 0
  if (RAW_BAD_BMP.test(text) || !isWellFormed(text)) {
    text = text.replace(RAW_BAD_ALL, () => { repairs++; return '\uFFFD' })
  }
  if (REF_BAD.test(text)) {
    const refs = repairReferences(text)
    text = refs.text
    repairs += refs.repairs
  }
  // Past the document's own declaration only `<?xml-stylesheet` is legal; anything else is looked at closer.
  let declarations = 0
  if (text.indexOf('<?xml', 5) !== -1) {
    const nested = removeNestedDeclarations(text)
    text = nested.text
    declarations = nested.removed
  }
  return { text, repairs, declarations }
}

// Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]  (XML 1.0 §2.2)
// Every branch starts by consuming a character, so the scan never runs a lookbehind at each position.
const RAW_BAD_SOURCE = '[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]|[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|[\\uDC00-\\uDFFF](?<![\\uD800-\\uDBFF][\\uDC00-\\uDFFF])'
const RAW_BAD_BMP = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/
const RAW_BAD_ALL = new RegExp(RAW_BAD_SOURCE, 'g')
// Only references to code points outside Char match, so pages full of legal `&#233;` stay on the fast path.
// Hex, after leading zeros: 0–8, B, C, E, F, 10–1F, D800–DFFF, FFFE, FFFF, above 10FFFF.
const HEX_BAD = '0*(?:[0-8BCEFbcef]|1[0-9A-Fa-f]|[Dd][89A-Fa-f][0-9A-Fa-f]{2}|[Ff]{3}[EFef]|(?:1[1-9A-Fa-f]|[2-9A-Fa-f][0-9A-Fa-f])[0-9A-Fa-f]{4}|[1-9A-Fa-f][0-9A-Fa-f]{6,})'
// Decimal, the same set: 0–8, 11, 12, 14–31, 55296–57343, 65534, 65535, above 1114111.
const DEC_BAD = '0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|5529[6-9]|55[3-9][0-9]{2}|56[0-9]{3}|57[0-2][0-9]{2}|573[0-3][0-9]|5734[0-3]|6553[45]|111411[2-9]|11141[2-9][0-9]|1114[2-9][0-9]{2}|111[5-9][0-9]{3}|11[2-9][0-9]{4}|1[2-9][0-9]{5}|[2-9][0-9]{6}|[1-9][0-9]{7,})'
// Groups: 1 hex value, 2 capital-X hex value (ill-formed whatever its value), 3 decimal value.
const REF_BAD_SOURCE = `&#(?:x(${HEX_BAD})|X([0-9A-Fa-f]+)|(${DEC_BAD}));`
const REF_BAD = new RegExp(REF_BAD_SOURCE)
// The low half of a pair written as a second reference, right after a high-surrogate reference.
const LOW_REF = /&#(?:[xX]0*([Dd][C-Fc-f][0-9A-Fa-f]{2})|0*(5[67][0-9]{3}));/y

/** False when the string holds a lone surrogate; native, faster than the lookaround regex. */
function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed is ES2024 (Node 20 has it); the project's lib is ES2023.
  return (text as string & { isWellFormed(): boolean }).isWellFormed()
}

function repairReferences(text: string): { text: string; repairs: number } {
  const re = new RegExp(REF_BAD_SOURCE, 'g')
  const literal = literalSections(text)
  const out: string[] = []
  let copied = 0
  let repairs = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (literal.contains(m.index)) continue
    const cp = m[1] !== undefined ? parseHex(m[1]) : m[2] !== undefined ? parseHex(m[2]) : parseDec(m[3]!)
    const low = cp >= 0xd800 && cp <= 0xdbff ? lowSurrogateRef(text, re.lastIndex) : undefined
    let replacement = '&#xFFFD;'
    if (isXmlChar(cp)) {
      replacement = `&#x${m[2]};` // only a capital-X reference to a legal character gets here
    } else if (low !== undefined) {
      replacement = `&#x${(0x10000 + ((cp - 0xd800) << 10) + (low.cp - 0xdc00)).toString(16).toUpperCase()};`
      re.lastIndex = low.end
    }
    out.push(text.slice(copied, m.index), replacement)
    copied = re.lastIndex
    repairs++
  }
  if (repairs === 0) return { text, repairs } // every match sat in a CDATA section or a comment
  out.push(text.slice(copied))
  return { text: out.join(''), repairs }
}

function lowSurrogateRef(text: string, at: number): { cp: number; end: number } | undefined {
  LOW_REF.lastIndex = at
  const m = LOW_REF.exec(text)
  if (m === null) return undefined
  const cp = m[1] !== undefined ? parseHex(m[1]) : parseDec(m[2]!)
  return cp >= 0xdc00 && cp <= 0xdfff ? { cp, end: LOW_REF.lastIndex } : undefined
}

function parseHex(digits: string): number {
  // More than 8 significant digits is out of range whatever they are; parseInt would lose precision.
  const d = digits.replace(/^0+/, '')
  return d.length > 8 ? Infinity : parseInt(d || '0', 16)
}

function parseDec(digits: string): number {
  const d = digits.replace(/^0+/, '')
  return d.length > 10 ? Infinity : parseInt(d || '0', 10)
}

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
}

function removeNestedDeclarations(text: string): { text: string; removed: number } {
  const first = /^[\uFEFF \t\r\n]*/.exec(text)![0].length
  const literal = literalSections(text)
  const out: string[] = []
  let copied = 0
  // indexOf, not a global regex: every DSpace page has a `<?xml-stylesheet` PI, and this must stay cheap for them.
  for (let at = text.indexOf('<?xml', first + 1); at !== -1; at = text.indexOf('<?xml', at + 5)) {
    if (!/[ \t\r\n]/.test(text[at + 5] ?? '') || literal.contains(at)) continue
    const end = text.indexOf('?>', at + 6)
    if (end === -1) break
    out.push(text.slice(copied, at))
    copied = end + 2
  }
  if (out.length === 0) return { text, removed: 0 }
  out.push(text.slice(copied))
  return { text: out.join(''), removed: out.length - 1 }
}

/** CDATA sections and comments, where `&#1;` is literal text; built only when a bad reference needs the answer. */
function literalSections(text: string): { contains(pos: number): boolean } {
  let ranges: Array<[number, number]> | undefined
  let next = 0
  return {
    contains(pos) {
      ranges ??= findLiteralRanges(text)
      // Matches arrive in document order, so one forward cursor serves them all.
      while (next < ranges.length && ranges[next]![1] <= pos) next++
      const r = ranges[next]
      return r !== undefined && r[0] <= pos
    },
  }
}

function findLiteralRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = []
  let pos = 0
  for (;;) {
    const cdata = text.indexOf('<![CDATA[', pos)
    const comment = text.indexOf('<!--', pos)
    if (cdata === -1 && comment === -1) return ranges
    const isCdata = cdata !== -1 && (comment === -1 || cdata < comment)
    const start = isCdata ? cdata : comment
    const close = text.indexOf(isCdata ? ']]>' : '-->', start + (isCdata ? 9 : 4))
    // An unterminated section runs to the end; the parser will report it.
    const end = close === -1 ? text.length : close + 3
    ranges.push([start, end])
    pos = end
  }
}
