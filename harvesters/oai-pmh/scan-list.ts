// The fast path for ListRecords/ListIdentifiers pages: finds headers, metadata slices and the token with indexOf,
// without tokenising the metadata (saxes spends most of a page there). Anything unusual returns null and the
// strict saxes reader takes the page instead, so this path only ever handles the plain, common shape.
import type { Page, RawRecord, ResumptionToken } from '../types.ts'
import { checkRecord, detachString, withInheritedNs } from './record-checks.ts'

export interface ScanResult {
  page: Page
  verb: 'ListRecords' | 'ListIdentifiers'
}

/** Markup the scanner does not interpret; its presence sends the page to saxes. */
const UNUSUAL = ['<![CDATA[', '<!--', '<!DOCTYPE', '<!ENTITY']
const BAD_AMPERSAND = /&(?![a-zA-Z_][\w.-]*;|#[0-9]+;|#x[0-9a-fA-F]+;)/

export function scanList(text: string): ScanResult | null {
  for (const marker of UNUSUAL) if (text.includes(marker)) return null
  // An unescaped & breaks the page for an XML parser (case 31): the strict reader isolates the record.
  if (BAD_AMPERSAND.test(text)) return null
  const root = text.indexOf('<OAI-PMH')
  if (root < 0) return null
  const rootEnd = text.indexOf('>', root)
  if (text.indexOf('<error', rootEnd) >= 0 && text.indexOf('<error', rootEnd) < text.indexOf('<List', rootEnd)) return null
  let verb: ScanResult['verb']
  let at = text.indexOf('<ListRecords', rootEnd)
  if (at >= 0) verb = 'ListRecords'
  else {
    at = text.indexOf('<ListIdentifiers', rootEnd)
    if (at < 0) return null
    verb = 'ListIdentifiers'
  }
  const verbTagEnd = text.indexOf('>', at)
  const closing = text.lastIndexOf(`</${verb}>`)
  // Without the closing elements the page is cut: the strict reader reports it (case 15).
  if (verbTagEnd < 0 || closing < verbTagEnd || text.indexOf('</OAI-PMH>', closing) < 0) return null

  const responseDate = between(text, '<responseDate>', '</responseDate>', rootEnd, at)
  if (responseDate === null) return null
  const ancestorNs = declaredPrefixes(text.slice(root, rootEnd) + text.slice(at, verbTagEnd))
  const records: RawRecord[] = []
  const itemTag = verb === 'ListRecords' ? '<record' : '<header'
  let pos = verbTagEnd + 1
  while (true) {
    const start = nextTag(text, itemTag, pos, closing)
    if (start < 0) break
    const item = verb === 'ListRecords' ? scanRecord(text, start, closing, ancestorNs) : scanIdentifier(text, start, closing)
    if (!item) return null
    records.push(item.record)
    pos = item.end
  }
  const token = scanToken(text, pos, closing)
  if (token === undefined) return null
  // Anything else between the last item and </ListRecords> is a shape we do not know: be strict.
  if (text.slice(pos, closing).replace(/<resumptionToken[\s\S]*?(?:\/>|<\/resumptionToken>)/, '').trim()) return null
  const trailing = text.slice(text.indexOf('</OAI-PMH>', closing) + 10).trim()
  const warnings = trailing ? [`ignored ${trailing.length} characters after </OAI-PMH>`] : []
  return { page: { responseDate: responseDate.trim(), records, token, oaiError: null, warnings }, verb }
}

/** Index of `<tag` followed by a delimiter (so `<record` does not match `<recordX`), before `limit`. */
function nextTag(text: string, tag: string, from: number, limit: number): number {
  let i = text.indexOf(tag, from)
  while (i >= 0 && i < limit) {
    const c = text.charCodeAt(i + tag.length)
    if (c === 0x3e || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x2f) return i
    i = text.indexOf(tag, i + 1)
  }
  return -1
}

function between(text: string, open: string, close: string, from: number, limit: number): string | null {
  const a = text.indexOf(open, from)
  if (a < 0 || a > limit) return null
  const b = text.indexOf(close, a)
  if (b < 0 || b > limit) return null
  return text.slice(a + open.length, b)
}

function scanRecord(text: string, start: number, limit: number, ancestorNs: Record<string, string>): { record: RawRecord; end: number } | null {
  const openEnd = text.indexOf('>', start)
  const header = scanHeader(text, text.indexOf('<header', openEnd), limit)
  if (!header) return null
  const { record } = header
  let pos = header.end
  const metaAt = skipSpace(text, pos)
  if (text.startsWith('<metadata', metaAt)) {
    const metaOpenEnd = text.indexOf('>', metaAt)
    const metaOpen = text.slice(metaAt, metaOpenEnd + 1)
    if (metaOpen.endsWith('/>')) {
      record.metadata = ''
      pos = metaOpenEnd + 1
    } else {
      const metaEnd = matchingClose(text, 'metadata', metaOpenEnd + 1, limit)
      if (metaEnd < 0) return null
      const ns = Object.keys(ancestorNs).length || metaOpen.includes('xmlns:') || text.slice(start, openEnd).includes('xmlns:')
        ? { ...ancestorNs, ...declaredPrefixes(text.slice(start, openEnd)), ...declaredPrefixes(metaOpen) }
        : null
      const slice = text.slice(metaOpenEnd + 1, metaEnd)
      record.metadata = ns ? withInheritedNs(slice, ns) : slice
      pos = metaEnd + '</metadata>'.length
    }
  }
  // <about> containers may follow (Spec §2.5); they are not stored.
  const close = text.indexOf('</record>', pos)
  if (close < 0 || close > limit) return null
  const rest = text.slice(pos, close)
  if (rest.includes('<record') || rest.includes('<metadata')) return null
  return { record: checkRecord(record, header.deleted, true), end: close + '</record>'.length }
}

/** The close of `<name>` opened just before `from`, counting nested elements of the same name (xoai's root is <metadata>). */
function matchingClose(text: string, name: string, from: number, limit: number): number {
  const open = `<${name}`
  const close = `</${name}>`
  let depth = 1
  let pos = from
  while (depth > 0) {
    const c = text.indexOf(close, pos)
    if (c < 0 || c > limit) return -1
    let o = nextTag(text, open, pos, c)
    while (o >= 0) {
      const end = text.indexOf('>', o)
      if (text.charCodeAt(end - 1) !== 0x2f) depth++
      o = nextTag(text, open, end, c)
    }
    depth--
    if (depth === 0) return c
    pos = c + close.length
  }
  return -1
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return pos
    pos++
  }
  return pos
}

function scanIdentifier(text: string, start: number, limit: number): { record: RawRecord; end: number } | null {
  const header = scanHeader(text, start, limit)
  return header && { record: checkRecord(header.record, header.deleted, false), end: header.end }
}

interface ScannedHeader { record: RawRecord; deleted: boolean; end: number }

function scanHeader(text: string, start: number, limit: number): ScannedHeader | null {
  if (start < 0 || start > limit) return null
  const openEnd = text.indexOf('>', start)
  const end = text.indexOf('</header>', openEnd)
  if (openEnd < 0 || end < 0 || end > limit) return null
  const openTag = text.slice(start, openEnd)
  const body = text.slice(openEnd + 1, end)
  if (body.includes('<header')) return null
  const setSpecs: string[] = []
  let s = body.indexOf('<setSpec>')
  while (s >= 0) {
    const e = body.indexOf('</setSpec>', s)
    if (e < 0) return null
    const value = decodeEntities(body.slice(s + 9, e)).trim()
    if (value) setSpecs.push(value)
    s = body.indexOf('<setSpec>', e)
  }
  const deleted = /\sstatus\s*=\s*["']deleted["']/.test(openTag)
  const record: RawRecord = {
    identifier: decodeEntities(between(body, '<identifier>', '</identifier>', 0, body.length) ?? ''),
    datestamp: between(body, '<datestamp>', '</datestamp>', 0, body.length) ?? '',
    setSpecs, deleted, metadata: null, problem: null,
  }
  return { record, deleted, end: end + '</header>'.length }
}

/** The token after the last item: a ResumptionToken, null for none or an empty one, undefined for a shape we do not know. */
function scanToken(text: string, from: number, limit: number): ResumptionToken | null | undefined {
  const at = nextTag(text, '<resumptionToken', from, limit)
  if (at < 0) return null
  const openEnd = text.indexOf('>', at)
  const openTag = text.slice(at, openEnd + 1)
  const attrs: Record<string, string> = {}
  for (const m of openTag.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)) attrs[m[1]!] = decodeEntities(m[2]!)
  let value = ''
  if (!openTag.endsWith('/>')) {
    const close = text.indexOf('</resumptionToken>', openEnd)
    if (close < 0 || close > limit) return undefined
    value = decodeEntities(text.slice(openEnd + 1, close)).trim()
  }
  if (!value) return null
  const token: ResumptionToken = { value: detachString(value) }
  if (attrs.completeListSize && Number.isFinite(Number(attrs.completeListSize))) token.completeListSize = Number(attrs.completeListSize)
  if (attrs.cursor && Number.isFinite(Number(attrs.cursor))) token.cursor = Number(attrs.cursor)
  if (attrs.expirationDate) token.expirationDate = attrs.expirationDate
  return token
}

function declaredPrefixes(openTags: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const m of openTags.matchAll(/\s(xmlns:[\w.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]!] = m[2]!
  return out
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(value: string): string {
  if (!value.includes('&')) return value
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return ENTITIES[ref] ?? whole
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1))
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

