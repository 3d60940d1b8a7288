// Reads an OAI-PMH response as a strict harvester would, for test assertions: well-formed XML first, then its parts.
import { SaxesParser } from 'saxes'

export interface ReadHeader {
  identifier: string
  datestamp: string
  setSpecs: string[]
  deleted: boolean
  /** Whether the record carried a <metadata> element (ListRecords, GetRecord). */
  hasMetadata: boolean
}

export interface ReadOai {
  rootName: string
  rootUri: string
  responseDate: string
  request: { url: string; attributes: Record<string, string> }
  errors: { code: string; message: string }[]
  /** Name of the verb element, when there is one. */
  verb: string | null
  headers: ReadHeader[]
  sets: string[]
  formats: string[]
  /** Identify's children, by element name. */
  identify: Record<string, string[]>
  token: { value: string; completeListSize?: string; cursor?: string; expirationDate?: string } | null
}

const OAI = 'http://www.openarchives.org/OAI/2.0/'

/** Throws on anything that is not well-formed XML (saxes is strict: bad characters, references, nesting). */
export function readOai(xml: string): ReadOai {
  const out: ReadOai = {
    rootName: '', rootUri: '', responseDate: '', request: { url: '', attributes: {} }, errors: [], verb: null,
    headers: [], sets: [], formats: [], identify: {}, token: null,
  }
  const parser = new SaxesParser({ xmlns: true })
  const path: string[] = []
  let text = ''
  let header: ReadHeader | null = null
  let errorCode = ''
  let metadataDepth = 0
  parser.on('opentag', (tag) => {
    text = ''
    if (path.length === 0) {
      out.rootName = tag.name
      out.rootUri = tag.uri
    }
    const parent = path[path.length - 1]
    path.push(tag.local)
    if (metadataDepth > 0 || tag.uri !== OAI) {
      if (metadataDepth > 0) metadataDepth++
      return
    }
    const attrs = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.name, a.value]))
    if (path.length === 2 && !['responseDate', 'request', 'error'].includes(tag.local)) out.verb = tag.local
    if (tag.local === 'request') out.request.attributes = attrs
    if (tag.local === 'error') errorCode = attrs.code ?? ''
    if (tag.local === 'header') {
      header = { identifier: '', datestamp: '', setSpecs: [], deleted: attrs.status === 'deleted', hasMetadata: false }
      out.headers.push(header)
    }
    if (tag.local === 'metadata' && parent === 'record') {
      if (header) header.hasMetadata = true
      metadataDepth = tag.isSelfClosing ? 0 : 1
    }
    if (tag.local === 'resumptionToken') out.token = { value: '', ...attrs }
  })
  parser.on('text', (t) => {
    text += t
  })
  parser.on('closetag', (tag) => {
    path.pop()
    if (metadataDepth > 0) {
      metadataDepth--
      if (metadataDepth > 0 || tag.local !== 'metadata') return
    }
    if (tag.uri !== OAI) return
    const parent = path[path.length - 1]
    const value = text.trim()
    if (tag.local === 'responseDate') out.responseDate = value
    if (tag.local === 'request') out.request.url = value
    if (tag.local === 'error') out.errors.push({ code: errorCode, message: value })
    if (parent === 'header' && header) {
      if (tag.local === 'identifier') header.identifier = value
      if (tag.local === 'datestamp') header.datestamp = value
      if (tag.local === 'setSpec') header.setSpecs.push(value)
    }
    if (tag.local === 'setSpec' && parent === 'set') out.sets.push(value)
    if (tag.local === 'metadataPrefix' && parent === 'metadataFormat') out.formats.push(value)
    if (parent === 'Identify') (out.identify[tag.local] ??= []).push(value)
    if (tag.local === 'resumptionToken' && out.token) out.token.value = text
    text = ''
  })
  parser.write(xml).close()
  return out
}
