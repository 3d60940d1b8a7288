// The plain XML most records are (elements, attributes, text, comments, CDATA, the five entities, character references)
// read into the element tree without saxes; null for anything else, so that saxes decides every other case and every error.
// Why: saxes reads character by character and costs more than the whole oai_dc mapping it feeds (bench/normalize-stage.ts).
import type { XmlElement } from './xml-tree.ts'

const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'

// Each pattern is anchored (sticky) where the previous one stopped, so a document leaves this path at its first
// unfamiliar character. ASCII names only, at most one colon; no tab or newline inside attribute values (XML turns
// them into spaces), no entity in attribute values.
const ATTRIBUTE = /[ \t\n]+([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)[ \t\n]*=[ \t\n]*(?:"([^"<&\t\n]*)"|'([^'<&\t\n]*)')/y
const TAG_END = /[ \t\n]*(\/?)>/y
const CLOSE_END = /[ \t\n]*>/y
const BLANK = /^[ \t\n]*$/
const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/y
/** Characters XML 1.0 forbids, CR, and surrogates (left to saxes rather than checked pair by pair). */
const UNUSUAL = /[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]/
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
const ROOT_SCOPE = new Map([['xml', XML_NS], ['xmlns', XMLNS_NS]])

/** The root element of `xml` (already without its XML declaration and trimmed), or null when saxes must read it. */
export function parseSimpleXml(source: string): XmlElement | null {
  let xml = source
  if (UNUSUAL.test(xml)) {
    // XML reads CR LF and a lone CR as LF before anything else (§2.11), as saxes does.
    if (!xml.includes('\r')) return null
    xml = xml.replace(/\r\n?/g, '\n')
    if (UNUSUAL.test(xml)) return null
  }
  if (xml.charCodeAt(0) !== 60 /* < */) return null
  const stack: XmlElement[] = []
  const scopes: Map<string, string>[] = []
  let scope = ROOT_SCOPE
  let root: XmlElement | null = null
  let at = 0
  while (at < xml.length) {
    const lt = xml.indexOf('<', at)
    if (lt === -1) return null
    const top = stack[stack.length - 1]
    if (lt > at) {
      if (top) {
        const text = characterData(xml.slice(at, lt))
        if (text === null) return null
        top.text += text
      } else if (!BLANK.test(xml.slice(at, lt))) return null
    }
    const next = xml.charCodeAt(lt + 1)
    if (next === 47 /* / */) {
      if (!top || !xml.startsWith(top.qname, lt + 2)) return null
      // The name must end there: only spaces may come before '>'.
      CLOSE_END.lastIndex = lt + 2 + top.qname.length
      if (!CLOSE_END.test(xml)) return null
      at = CLOSE_END.lastIndex
      stack.pop()
      scope = scopes.pop()!
      continue
    }
    if (next === 33 /* ! */) {
      if (xml.startsWith('<!--', lt)) {
        const close = xml.indexOf('-->', lt + 4)
        const comment = close === -1 ? '' : xml.slice(lt + 4, close)
        if (close === -1 || comment.includes('--') || comment.endsWith('-')) return null
        at = close + 3
      } else if (top && xml.startsWith('<![CDATA[', lt)) {
        const close = xml.indexOf(']]>', lt + 9)
        if (close === -1) return null
        top.text += xml.slice(lt + 9, close)
        at = close + 3
      } else return null // a doctype, or CDATA outside the root
      continue
    }
    // An element; processing instructions are saxes' to read, and so is a second root.
    const nameEnd = endOfName(xml, lt + 1)
    if (nameEnd === -1 || (!top && root)) return null
    const qname = xml.slice(lt + 1, nameEnd)
    at = nameEnd
    const written: [string, string][] = []
    let declares: Map<string, string> | null = null
    let selfClosing = false
    // Most elements carry no attribute: '>' right after the name.
    if (xml.charCodeAt(at) === 62 /* > */) at++
    else {
      for (let a = (ATTRIBUTE.lastIndex = at, ATTRIBUTE.exec(xml)); a; a = ATTRIBUTE.exec(xml)) {
        at = ATTRIBUTE.lastIndex
        const attribute = a[1]!
        const value = a[2] ?? a[3]!
        if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
          const prefix = attribute === 'xmlns' ? '' : attribute.slice(6)
          const uri = value.trim()
          // The namespace constraints (reserved prefixes and URIs, no undeclaring a prefix in XML 1.0) are saxes' to report.
          if (prefix === 'xml' || prefix === 'xmlns' || uri === XML_NS || uri === XMLNS_NS || (prefix && !uri)) return null
          ;(declares ??= new Map(scope)).set(prefix, uri)
        }
        written.push([attribute, value])
      }
      TAG_END.lastIndex = at
      const end = TAG_END.exec(xml)
      if (!end) return null
      at = TAG_END.lastIndex
      selfClosing = end[1] !== ''
    }
    const inner = declares ?? scope
    const colon = qname.indexOf(':')
    const prefix = colon === -1 ? '' : qname.slice(0, colon)
    const ns = inner.get(prefix)
    if (prefix === 'xmlns' || (prefix && ns === undefined)) return null
    const attrs = written.length === 0 ? {} : attributes(written, inner)
    if (!attrs) return null
    const element: XmlElement = { name: colon === -1 ? qname : qname.slice(colon + 1), ns: ns ?? '', qname, attrs, children: [], text: '' }
    if (top) top.children.push(element)
    else root = element
    if (selfClosing) continue
    stack.push(element)
    scopes.push(scope)
    scope = inner
  }
  return stack.length === 0 ? root : null
}

/** Where the element name starting at `from` ends (ASCII, at most one colon, as the attribute pattern reads names); -1 if none does. */
function endOfName(xml: string, from: number): number {
  let colon = false
  let start = true
  let i = from
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i)
    const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95
    if (start) {
      if (!letter) return -1
      start = false
    } else if (c === 58 /* : */) {
      if (colon) return -1
      colon = start = true
    } else if (!letter && !(c >= 48 && c <= 57) && c !== 45 && c !== 46) break
  }
  return start ? -1 : i
}

/** Attributes by local name and by prefixed name, as xml-tree records them; null where saxes would object. */
function attributes(written: [string, string][], scope: Map<string, string>): Record<string, string> | null {
  const attrs: Record<string, string> = {}
  const seen = new Set<string>()
  for (const [qname, value] of written) {
    const colon = qname.indexOf(':')
    const prefix = colon === -1 ? '' : qname.slice(0, colon)
    const local = colon === -1 ? qname : qname.slice(colon + 1)
    const uri = prefix ? scope.get(prefix) : ''
    if (uri === undefined) return null
    // Duplicates count by expanded name, as the Namespaces in XML recommendation says.
    const key = prefix ? `{${uri}}${local}` : qname
    if (seen.has(key)) return null
    seen.add(key)
    if (prefix === 'xmlns' || qname === 'xmlns') continue
    attrs[local] = value
    if (prefix) attrs[qname] = value
  }
  return attrs
}

/** Text between two tags with its entity and character references resolved; null where saxes must judge it. */
function characterData(raw: string): string | null {
  if (raw.includes(']]>')) return null
  let amp = raw.indexOf('&')
  if (amp === -1) return raw
  let text = ''
  let from = 0
  while (amp !== -1) {
    ENTITY.lastIndex = amp
    const m = ENTITY.exec(raw)
    if (!m) return null
    let decoded: string
    if (m[1]) decoded = NAMED[m[1]]!
    else {
      const code = m[2] ? parseInt(m[2], 10) : parseInt(m[3]!, 16)
      // XML 1.0 Char production.
      if (!(code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff))) return null
      decoded = String.fromCodePoint(code)
    }
    text += raw.slice(from, amp) + decoded
    from = ENTITY.lastIndex
    amp = raw.indexOf('&', from)
  }
  return text + raw.slice(from)
}
