// A small element tree for mappers: local names, namespace URIs, attributes and text.
// Metadata records are a few KB, so a tree is cheap; saxes keeps it strict (no DTDs, no entities) for whatever the
// fast path for plain XML leaves to it.
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { parseSimpleXml } from './xml-fast-path.ts'
import { collapseWhitespace } from './whitespace.ts'

export interface XmlElement {
  /** Local name, without prefix. */
  name: string
  /** Namespace URI ('' when none). */
  ns: string
  /** Qualified name as written (prefix:local). */
  qname: string
  /** Attributes by local name (xml:lang is `lang`, and also under `xml:lang`). */
  attrs: Record<string, string>
  children: XmlElement[]
  /** Text directly inside this element (children's text excluded), whitespace kept. */
  text: string
}

export class XmlError extends Error {}

export function parseXml(xml: string): XmlElement {
  // A nested XML declaration inside <metadata> (case 32) is legal only at the very start: drop it there.
  const text = xml.replace(/^\s*<\?xml[^?]*\?>/, '').trim()
  return parseSimpleXml(text) ?? parseWithSaxes(text)
}

/** Saxes alone: what parseXml does for whatever the fast path declines (and what the fast path is tested against). */
export function parseWithSaxes(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const root: XmlElement = { name: '#document', ns: '', qname: '#document', attrs: {}, children: [], text: '' }
  const stack: XmlElement[] = [root]
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {}
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue
      attrs[attr.local] = attr.value
      if (attr.prefix) attrs[`${attr.prefix}:${attr.local}`] = attr.value
    }
    const element: XmlElement = { name: tag.local, ns: tag.uri, qname: tag.name, attrs, children: [], text: '' }
    stack[stack.length - 1]!.children.push(element)
    stack.push(element)
  })
  parser.on('closetag', () => { stack.pop() })
  parser.on('text', (t) => { stack[stack.length - 1]!.text += t })
  parser.on('cdata', (t) => { stack[stack.length - 1]!.text += t })
  try {
    parser.write(text).close()
  } catch (error) {
    throw new XmlError((error as Error).message)
  }
  const first = root.children[0]
  if (!first) throw new XmlError('no root element')
  return first
}

/** Direct children with this local name (and namespace, when given). */
export function children(element: XmlElement, name: string, ns?: string): XmlElement[] {
  return element.children.filter((c) => c.name === name && (ns === undefined || c.ns === ns))
}

export function child(element: XmlElement, name: string, ns?: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name && (ns === undefined || c.ns === ns))
}

/** Every descendant with this local name, in document order. */
export function descendants(element: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = []
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name === name) out.push(c)
      walk(c)
    }
  }
  walk(element)
  return out
}

/** All text inside an element, children included, whitespace collapsed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return ''
  const parts: string[] = [element.text]
  for (const c of element.children) parts.push(textOf(c))
  return collapseWhitespace(parts.join(' '))
}
