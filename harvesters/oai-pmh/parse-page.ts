// Reads an OAI-PMH response envelope with saxes (4.6× faster than fast-xml-parser here: shared/bench/RESULTS.md)
// and keeps each record's metadata as the exact slice of the page, so mappings can be replayed later.
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import type { Page, RawRecord, ResumptionToken } from '../types.ts'
import { normalizeDatestamp } from './dates.ts'
import { checkRecord, detachString, withInheritedNs } from './record-checks.ts'
import { scanList } from './scan-list.ts'

export type ParseOutcome =
  | { ok: true; page: Page; verb: string | null }
  | { ok: false; kind: 'not-oai' | 'malformed-xml'; detail: string }

const localName = (name: string) => {
  const colon = name.indexOf(':')
  return colon < 0 ? name : name.slice(colon + 1)
}

/** The list elements that can hold records or headers. */
const VERBS = new Set(['ListRecords', 'ListIdentifiers', 'GetRecord', 'Identify', 'ListSets', 'ListMetadataFormats'])

/**
 * Parses one response. A page that is not well-formed as a whole is re-read record by record,
 * so one broken record (an unescaped `&`, case 31) costs that record's metadata, not the page.
 */
export function parsePage(text: string): ParseOutcome {
  const start = firstMarkup(text)
  if (start < 0 || text[start] !== '<') {
    return { ok: false, kind: 'not-oai', detail: `the body is not XML (starts with ${JSON.stringify(text.slice(0, 60))})` }
  }
  // A BOM or blank lines before the XML declaration are common and harmless (case 30).
  if (start > 0) text = text.slice(start)
  const scanned = scanList(text)
  if (scanned) return { ok: true, page: scanned.page, verb: scanned.verb }
  return parseStrict(text)
}

/** The saxes reader: every page shape, and the judge of pages the fast scanner declines. */
export function parseStrict(text: string): ParseOutcome {
  try {
    return readEnvelope(text)
  } catch (error) {
    const detail = (error as Error).message
    if (error instanceof NotOai) return { ok: false, kind: 'not-oai', detail }
    if (!/<(?:[\w-]+:)?OAI-PMH[\s>]/.test(text)) return { ok: false, kind: 'not-oai', detail: `no OAI-PMH root element (${detail})` }
    // An envelope we cannot close is a truncated or broken page: never take it as complete (case 15).
    if (!/<\/(?:[\w-]+:)?OAI-PMH\s*>/.test(text)) return { ok: false, kind: 'malformed-xml', detail: `the page ends before </OAI-PMH> (${detail})` }
    return salvageRecords(text, detail)
  }
}

/** Index of the first character that is not whitespace or a BOM. */
function firstMarkup(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return i
  }
  return -1
}

function readEnvelope(text: string): ParseOutcome {
  const parser = new SaxesParser({ position: true })
  const page: Page = { responseDate: '', records: [], token: null, oaiError: null, warnings: [] }
  const stack: string[] = []
  let verb: string | null = null
  let rootSeen = false
  let rootClosedAt = -1
  let capture: 'identifier' | 'datestamp' | 'setSpec' | 'responseDate' | 'token' | 'error' | 'identify' | null = null
  let identifyField = ''
  let buffer = ''
  let record: RawRecord | null = null
  let headerDeleted = false
  let metadataStart = -1
  let inheritedNs: Record<string, string> = {}
  let tokenAttrs: Record<string, string> = {}
  let errorCode = ''

  parser.on('opentag', (rawTag) => {
    // Without xmlns processing saxes gives plain string attributes.
    const tag = rawTag as SaxesTagPlain
    const name = localName(tag.name)
    const depth = stack.length
    stack.push(name)
    if (depth === 0) {
      rootSeen = true
      if (name !== 'OAI-PMH') throw new NotOai(`root element <${tag.name}>`)
      collectNs(tag, (inheritedNs = {}))
      return
    }
    if (metadataStart >= 0) return
    if (depth === 1) {
      if (name === 'responseDate') capture = 'responseDate'
      else if (name === 'error') { capture = 'error'; errorCode = String(tag.attributes.code ?? '') }
      else if (VERBS.has(name)) { verb = name; collectNs(tag, inheritedNs) }
      buffer = ''
      return
    }
    const parent = stack[depth - 1]
    if (verb === 'Identify' && depth === 2) {
      capture = 'identify'
      identifyField = name
      buffer = ''
    } else if (name === 'record' && depth === 2) {
      record = emptyRecord()
      collectNs(tag, inheritedNs)
    } else if (name === 'header' && (parent === 'record' || (depth === 2 && verb === 'ListIdentifiers'))) {
      if (!record) record = emptyRecord()
      headerDeleted = tag.attributes.status === 'deleted'
    } else if (parent === 'header' && record) {
      if (name === 'identifier' || name === 'datestamp' || name === 'setSpec') { capture = name; buffer = '' }
    } else if (name === 'metadata' && parent === 'record' && record) {
      collectNs(tag, inheritedNs)
      if (tag.isSelfClosing) record.metadata = ''
      else metadataStart = parser.position
    } else if (name === 'resumptionToken' && depth === 2) {
      capture = 'token'
      buffer = ''
      tokenAttrs = tag.attributes as Record<string, string>
    }
  })

  parser.on('text', (t) => { if (capture) buffer += t })
  parser.on('cdata', (t) => { if (capture) buffer += t })

  parser.on('closetag', (tag) => {
    const name = stack.pop()!
    const depth = stack.length
    if (metadataStart >= 0) {
      if (name === 'metadata' && depth === 3 && record) {
        const closeStart = text.lastIndexOf('<', parser.position - 1)
        record.metadata = withInheritedNs(text.slice(metadataStart, closeStart), inheritedNs)
        metadataStart = -1
      }
      return
    }
    if (depth === 0) { rootClosedAt = parser.position; return }
    if (capture && name === (capture === 'token' ? 'resumptionToken' : capture === 'identify' ? identifyField : capture)) {
      const value = buffer.trim()
      if (capture === 'identify') (page.identify ??= {})[identifyField] ??= value
      else if (capture === 'responseDate') page.responseDate = value
      else if (capture === 'error') page.oaiError = { code: errorCode, message: value }
      else if (capture === 'token') page.token = value ? token(value, tokenAttrs) : null
      else if (record && capture === 'identifier') record.identifier = value
      else if (record && capture === 'datestamp') record.datestamp = value
      else if (record && capture === 'setSpec' && value) record.setSpecs.push(value)
      capture = null
      return
    }
    const closesRecord = (name === 'record' && depth === 2) || (name === 'header' && depth === 2 && verb === 'ListIdentifiers')
    if (closesRecord && record) {
      page.records.push(checkRecord(record, headerDeleted, verb !== 'ListIdentifiers'))
      record = null
      headerDeleted = false
    }
  })

  // Trailing garbage after </OAI-PMH> (PHP notices, case 19): the document is complete, keep it, say so.
  const end = text.search(/<\/(?:[\w-]+:)?OAI-PMH\s*>/)
  const closeEnd = end < 0 ? text.length : text.indexOf('>', end) + 1
  parser.write(closeEnd < text.length && text.slice(closeEnd).trim() ? text.slice(0, closeEnd) : text)
  parser.close()
  if (closeEnd < text.length && text.slice(closeEnd).trim()) page.warnings.push(`ignored ${text.length - closeEnd} characters after </OAI-PMH>`)
  if (!rootSeen || rootClosedAt < 0) throw new Error('no complete OAI-PMH element')
  return { ok: true, page, verb }
}

class NotOai extends Error {}

function emptyRecord(): RawRecord {
  return { identifier: '', datestamp: '', setSpecs: [], deleted: false, metadata: null, problem: null }
}

function token(value: string, attrs: Record<string, string>): ResumptionToken {
  const result: ResumptionToken = { value: detachString(value) }
  const size = Number(attrs.completeListSize)
  const cursor = Number(attrs.cursor)
  if (attrs.completeListSize && Number.isFinite(size)) result.completeListSize = size
  if (attrs.cursor && Number.isFinite(cursor)) result.cursor = cursor
  if (attrs.expirationDate) result.expirationDate = attrs.expirationDate
  return result
}

function collectNs(tag: SaxesTagPlain, into: Record<string, string>): void {
  for (const key in tag.attributes) {
    if (key.startsWith('xmlns:')) into[key] = String(tag.attributes[key])
  }
}

// Record start and end tags; a `<record>` wrapper inside <metadata> (case 39) nests one record element in another.
const RECORD_TAG = /<(\/?)(?:[\w-]+:)?record(?=[\s/>])[^>]*?(\/?)>/g

/**
 * The page is not well-formed, but its envelope closes: re-read the envelope without its records, then
 * each record alone. A record that still fails keeps its raw text and a diagnostic (never silently dropped).
 */
function salvageRecords(text: string, pageDetail: string): ParseOutcome {
  const { items, shell } = cutRecords(text)
  const records = items.map((item) => parseSingleRecord(item))
  let outcome: ParseOutcome
  try {
    outcome = readEnvelope(shell)
  } catch (error) {
    return { ok: false, kind: 'malformed-xml', detail: `${pageDetail}; the envelope itself is broken: ${(error as Error).message}` }
  }
  if (!outcome.ok) return outcome
  outcome.page.records = records.concat(outcome.page.records)
  outcome.page.warnings.push(`page was not well-formed (${pageDetail}); read record by record`)
  return outcome
}

/**
 * Cuts out the outermost record elements by nesting depth, not at the nearest `</record>`: with a `<record>`
 * wrapper in every record's metadata (case 39), that cut left a stray `</record>` in the shell, and one
 * broken record cost its whole page (retries, then window splits down to single records).
 */
function cutRecords(text: string): { items: string[]; shell: string } {
  const items: string[] = []
  const shell: string[] = []
  let depth = 0
  let start = 0
  let copied = 0
  for (const m of text.matchAll(RECORD_TAG)) {
    if (m[1]) {
      if (depth === 0 || --depth > 0) continue
      const end = m.index + m[0].length
      items.push(text.slice(start, end))
      shell.push(text.slice(copied, start))
      copied = end
    } else if (!m[2] && depth++ === 0) {
      start = m.index
    }
  }
  shell.push(text.slice(copied))
  return { items, shell: shell.join('') }
}

function parseSingleRecord(recordXml: string): RawRecord {
  const wrapped = `<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><ListRecords>${recordXml}</ListRecords></OAI-PMH>`
  try {
    const outcome = readEnvelope(wrapped)
    if (outcome.ok && outcome.page.records[0]) return outcome.page.records[0]
  } catch (error) {
    const header = /<(?:[\w-]+:)?header\b([^>]*)>([\s\S]*?)<\/(?:[\w-]+:)?header\s*>/.exec(recordXml)
    const field = (name: string) => header ? new RegExp(`<(?:[\\w-]+:)?${name}\\b[^>]*>([^<]*)<`).exec(header[2]!)?.[1]?.trim() ?? '' : ''
    const metadata = /<(?:[\w-]+:)?metadata\b[^>]*>([\s\S]*)<\/(?:[\w-]+:)?metadata\s*>/.exec(recordXml)
    const deleted = header ? /status\s*=\s*["']deleted["']/.test(header[1]!) : false
    return {
      identifier: field('identifier'),
      datestamp: normalizeDatestamp(field('datestamp')) ?? '',
      setSpecs: header ? [...header[2]!.matchAll(/<(?:[\w-]+:)?setSpec\b[^>]*>([^<]*)</g)].map((m) => m[1]!.trim()) : [],
      deleted,
      metadata: deleted ? null : metadata?.[1] ?? recordXml,
      problem: `not well-formed XML: ${(error as Error).message}`,
    }
  }
  return { ...emptyRecord(), metadata: recordXml, problem: 'record could not be read' }
}
