// Builds a replay repository from a folder of real OAI-PMH response files (and bare metadata records), metadata kept byte for byte.
import { readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { SaxesParser, type SaxesTagNS } from 'saxes'
import type { Granularity } from '../../harvesters/types.ts'
import { DAY, SECONDS, normalizeDatestamp } from './oai-dates.ts'
import { OAI_NAMESPACE, escapeXml } from './oai-xml.ts'
import type { MetadataFormat, ReplayRecord, ReplayRepository, ReplaySet } from './replay-repository.ts'

/** The header of a file that holds one bare metadata record rather than an OAI-PMH response. */
export interface BareRecordHeader {
  identifier?: string
  datestamp?: string
  setSpecs?: string[]
}

export interface LoadOptions {
  /** By file name. Without one, an xoai record's `others/identifier` and `others/lastModifyDate` are used. */
  headers?: Record<string, BareRecordHeader>
  repositoryName?: string
}

/** Formats we can recognise by the namespace of a bare record's root element. */
const knownFormats: MetadataFormat[] = [
  { metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' },
  // Schema URL as CONICET's DSpace advertises it in ListMetadataFormats.
  { metadataPrefix: 'xoai', schema: 'http://www.lyncode.com/schemas/xoai.xsd', metadataNamespace: 'http://www.lyncode.com/xoai' },
  { metadataPrefix: 'oai_openaire', schema: 'https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd', metadataNamespace: 'http://namespace.openaire.eu/schema/oaire/' },
  { metadataPrefix: 'dim', schema: 'http://www.dspace.org/schema/dim.xsd', metadataNamespace: 'http://www.dspace.org/xmlns/dspace/dim' },
  { metadataPrefix: 'cerif_perucris', schema: 'https://purl.org/pe-repo/cerif-profile/1.0/perucris-cerif-profile.xsd', metadataNamespace: 'https://purl.org/pe-repo/cerif-profile/1.0/' },
]

interface ParsedRecord {
  identifier?: string
  datestamp?: string
  setSpecs: string[]
  deleted: boolean
  metadata: string | null
  /** Namespace of the metadata root element: names the format when the request does not. */
  rootNamespace?: string
}

interface ParsedFile {
  requestPrefix?: string
  identify: Partial<Record<'repositoryName' | 'earliestDatestamp' | 'deletedRecord' | 'granularity', string>> & {
    adminEmails: string[]
    descriptions: string[]
  }
  formats: MetadataFormat[]
  sets: ReplaySet[]
  records: ParsedRecord[]
  /** For a bare record: what xoai's own `others` element says about it. */
  xoaiOthers: Record<string, string>
}

export function loadReplayRepository(dir: string, options: LoadOptions = {}): ReplayRepository {
  const files = readdirSync(dir).filter((name) => name.endsWith('.xml')).sort()
  const parsed = files.map((name) => ({ name, file: parseOaiFile(readFileSync(join(dir, name), 'utf8'), name) }))

  const identify: ParsedFile['identify'] = { adminEmails: [], descriptions: [] }
  const formats: MetadataFormat[] = []
  const sets: ReplaySet[] = []
  for (const { file } of parsed) {
    if (file.identify.repositoryName !== undefined) Object.assign(identify, file.identify)
    for (const format of file.formats) if (!formats.some((f) => f.metadataPrefix === format.metadataPrefix)) formats.push(format)
    for (const set of file.sets) if (!sets.some((s) => s.setSpec === set.setSpec)) sets.push(set)
  }

  const byIdentifier = new Map<string, ReplayRecord>()
  for (const { name, file } of parsed) {
    for (const raw of file.records) {
      const header = raw.identifier === undefined ? bareHeader(name, file, options) : raw
      const prefix = file.requestPrefix ?? (raw.rootNamespace === undefined ? undefined : prefixOf(raw.rootNamespace, formats, name))
      if (prefix !== undefined && raw.metadata !== null && !formats.some((f) => f.metadataPrefix === prefix)) {
        formats.push(knownFormats.find((f) => f.metadataPrefix === prefix) ??
          { metadataPrefix: prefix, schema: 'urn:unknown-schema', metadataNamespace: raw.rootNamespace ?? '' })
      }
      const datestamp = normalizeDatestamp(header.datestamp ?? '')
      if (!header.identifier || !datestamp) {
        throw new Error(`${join(dir, name)}: a record without a usable identifier or datestamp (${header.identifier}, ${header.datestamp})`)
      }
      const record = byIdentifier.get(header.identifier) ??
        { identifier: header.identifier, datestamp, setSpecs: [], deleted: raw.deleted, formats: {} }
      // One item seen in several files (a GetRecord and a list page): union of what they say, newest datestamp.
      if (datestamp > record.datestamp) record.datestamp = datestamp
      for (const spec of header.setSpecs ?? []) if (!record.setSpecs.includes(spec)) record.setSpecs.push(spec)
      record.deleted = record.deleted && raw.deleted
      if (prefix !== undefined && raw.metadata !== null) record.formats[prefix] = raw.metadata
      // A tombstone remembers the format it was deleted from (an empty entry), so it lists under that prefix only.
      else if (prefix !== undefined && raw.deleted && !(prefix in record.formats)) record.formats[prefix] = ''
      byIdentifier.set(header.identifier, record)
    }
  }
  const records = [...byIdentifier.values()]

  if (sets.length === 0) {
    // No ListSets response in the folder: the sets the headers name are the hierarchy we know.
    for (const spec of new Set(records.flatMap((r) => r.setSpecs))) sets.push({ setSpec: spec, setName: spec })
  }
  const stamps = records.map((r) => r.datestamp).sort()
  const declaredEarliest = normalizeDatestamp(identify.earliestDatestamp ?? '')
  // §4.2: no datestamp may be lower than earliestDatestamp, whatever the copied Identify said.
  const earliest = [declaredEarliest, stamps[0]].filter((s): s is string => !!s).sort()[0] ?? '2000-01-01T00:00:00Z'
  const granularity: Granularity = identify.granularity?.trim() === DAY ? DAY : SECONDS
  const deletedRecord = identify.deletedRecord?.trim()
  return {
    repositoryName: options.repositoryName ?? identify.repositoryName?.trim() ?? basename(dir),
    earliestDatestamp: earliest,
    granularity,
    deletedRecord: deletedRecord === 'no' || deletedRecord === 'transient' ? deletedRecord : 'persistent',
    formats,
    sets,
    ...(identify.adminEmails.length > 0 ? { adminEmails: identify.adminEmails } : {}),
    ...(identify.descriptions.length > 0 ? { descriptions: identify.descriptions } : {}),
    records,
  }
}

function bareHeader(name: string, file: ParsedFile, options: LoadOptions): BareRecordHeader {
  const given = options.headers?.[name] ?? {}
  return {
    identifier: given.identifier ?? file.xoaiOthers.identifier,
    datestamp: given.datestamp ?? file.xoaiOthers.lastModifyDate,
    setSpecs: given.setSpecs ?? [],
  }
}

function prefixOf(namespace: string | undefined, formats: MetadataFormat[], file: string): string {
  const match = [...formats, ...knownFormats].find((f) => f.metadataNamespace === namespace)
  if (!match) throw new Error(`${file}: cannot tell the metadataPrefix of a record in namespace "${namespace}"`)
  return match.metadataPrefix
}

/** A raw slice under way: the inner XML of `<metadata>` or `<description>`, or a bare document's root. */
interface Capture {
  /** Depth of the element whose content is sliced (0 for a bare document). */
  depth: number
  innerStart: number
  /** Namespace of the first top-level element: names the format when the request does not. */
  rootUri?: string
  /** Top-level elements of the slice: where their start tag ends, and the declarations they borrow from ancestors. */
  tops: { tagEnd: number; borrowed: Map<string, string> }[]
}

interface Frame {
  tag: SaxesTagNS | null
  start: number
}

/** One pass of saxes over a file; `parser.position` indexes the string, so slices are exact. */
function parseOaiFile(raw: string, fileName: string): ParsedFile {
  const text = raw.replace(/^\uFEFF/, '')
  const file: ParsedFile = { identify: { adminEmails: [], descriptions: [] }, formats: [], sets: [], records: [], xoaiOthers: {} }
  const parser = new SaxesParser({ xmlns: true, position: true, fileName })
  const stack: Frame[] = []
  let bare = false
  let capture: Capture | null = null
  let record: ParsedRecord | null = null
  let format: Partial<MetadataFormat> = {}
  let set: Partial<ReplaySet> = {}
  let textBuffer = ''
  const newRecord = (): ParsedRecord => ({ setSpecs: [], deleted: false, metadata: null })

  parser.on('opentagstart', () => {
    // The name ended one character ago; the name itself holds no '<'.
    stack.push({ tag: null, start: text.lastIndexOf('<', parser.position - 1) })
  })
  parser.on('opentag', (tag) => {
    const frame = stack[stack.length - 1]!
    frame.tag = tag
    textBuffer = ''
    const depth = stack.length
    if (depth === 1 && !(tag.local === 'OAI-PMH' && tag.uri === OAI_NAMESPACE)) {
      // Not an OAI-PMH response: the whole root element is one bare metadata record.
      bare = true
      capture = { depth: 0, innerStart: frame.start, tops: [] }
      record = newRecord()
    }
    if (capture) {
      if (depth === capture.depth + 1) {
        capture.rootUri ??= tag.uri
        capture.tops.push({ tagEnd: parser.position - (tag.isSelfClosing ? 2 : 1), borrowed: new Map() })
      }
      if (depth > capture.depth) noteBorrowedNamespaces(tag, stack, capture)
      return
    }
    if (tag.uri !== OAI_NAMESPACE) return
    const parent = stack[depth - 2]?.tag?.local
    switch (tag.local) {
      case 'request':
        if (tag.attributes.metadataPrefix) file.requestPrefix = tag.attributes.metadataPrefix.value
        break
      case 'record':
        record = newRecord()
        break
      case 'header':
        // ListIdentifiers has bare headers, ListRecords/GetRecord wrap them in <record>.
        if (parent !== 'record') record = newRecord()
        if (record) record.deleted = tag.attributes.status?.value === 'deleted'
        break
      case 'metadata':
        if (parent === 'record') capture = { depth, innerStart: parser.position, tops: [] }
        break
      case 'description':
        if (parent === 'Identify') capture = { depth, innerStart: parser.position, tops: [] }
        break
      case 'metadataFormat':
        format = {}
        break
      case 'set':
        set = {}
        break
    }
  })
  parser.on('text', (t) => {
    textBuffer += t
  })
  parser.on('cdata', (t) => {
    textBuffer += t
  })
  parser.on('closetag', (tag) => {
    stack.pop()
    const depth = stack.length + 1
    const parent = stack[stack.length - 1]?.tag
    if (capture && depth === (bare ? 1 : capture.depth)) {
      const end = bare ? parser.position : Math.max(capture.innerStart, text.lastIndexOf('<', parser.position - 1))
      const slice = assembleSlice(text, capture, end)
      if (bare || tag.local === 'metadata') {
        if (record) {
          record.metadata = slice
          if (capture.rootUri !== undefined) record.rootNamespace = capture.rootUri
          if (bare) file.records.push(record)
        }
      } else file.identify.descriptions.push(slice)
      capture = null
      return
    }
    if (bare && tag.local === 'field' && parent?.attributes.name?.value === 'others') {
      // xoai keeps the item's OAI identifier and last change inside the record itself.
      const key = tag.attributes.name?.value
      if (key) file.xoaiOthers[key] = textBuffer.trim()
    }
    if (capture || tag.uri !== OAI_NAMESPACE) return
    const value = textBuffer.trim()
    textBuffer = ''
    const parentLocal = parent?.local
    switch (tag.local) {
      case 'identifier':
        if (parentLocal === 'header' && record) record.identifier = value
        break
      case 'datestamp':
        if (parentLocal === 'header' && record) record.datestamp = value
        break
      case 'setSpec':
        if (parentLocal === 'header' && record) record.setSpecs.push(value)
        else if (parentLocal === 'set') set.setSpec = value
        break
      case 'setName':
        if (parentLocal === 'set') set.setName = value
        break
      case 'header':
        if (parentLocal !== 'record' && record) {
          file.records.push(record)
          record = null
        }
        break
      case 'record':
        if (record) file.records.push(record)
        record = null
        break
      case 'metadataPrefix':
      case 'schema':
      case 'metadataNamespace':
        if (parentLocal === 'metadataFormat') format[tag.local] = value
        break
      case 'metadataFormat':
        if (format.metadataPrefix) {
          file.formats.push({ metadataPrefix: format.metadataPrefix, schema: format.schema ?? '', metadataNamespace: format.metadataNamespace ?? '' })
        }
        break
      case 'set':
        if (set.setSpec) file.sets.push({ setSpec: set.setSpec, setName: set.setName ?? set.setSpec })
        break
      case 'repositoryName':
      case 'earliestDatestamp':
      case 'deletedRecord':
      case 'granularity':
        if (parentLocal === 'Identify') file.identify[tag.local] = value
        break
      case 'adminEmail':
        if (parentLocal === 'Identify') file.identify.adminEmails.push(value)
        break
    }
  })
  parser.write(text).close()
  return file
}

/**
 * A slice must stand alone: when an element in it uses a prefix (or the default namespace) declared
 * on an ancestor outside the slice, e.g. on the OAI-PMH root, the top-level element gets the declaration.
 */
function noteBorrowedNamespaces(tag: SaxesTagNS, stack: Frame[], capture: Capture): void {
  const used: [string, string][] = []
  if (tag.uri !== '') used.push([tag.prefix, tag.uri])
  for (const attribute of Object.values(tag.attributes)) {
    if (attribute.prefix !== '' && attribute.prefix !== 'xml' && attribute.prefix !== 'xmlns') used.push([attribute.prefix, attribute.uri])
  }
  const top = capture.tops[capture.tops.length - 1]
  if (!top) return
  for (const [prefix, uri] of used) {
    let declaredInside = false
    for (let i = stack.length - 1; i >= capture.depth && !declaredInside; i--) {
      declaredInside = stack[i]!.tag?.ns[prefix] !== undefined
    }
    if (!declaredInside) top.borrowed.set(prefix, uri)
  }
}

function assembleSlice(text: string, capture: Capture, end: number): string {
  let out = ''
  let at = capture.innerStart
  for (const top of capture.tops) {
    if (top.borrowed.size === 0) continue
    out += text.slice(at, top.tagEnd)
    for (const [prefix, uri] of top.borrowed) out += ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeXml(uri)}"`
    at = top.tagEnd
  }
  out += text.slice(at, end)
  return capture.depth === 0 ? out : out.trim()
}
