// Reads a vocabulary file (SKOS RDF/XML or XSD) into a namespace-aware element tree; build time only.
import { SaxesParser, type SaxesTagNS } from 'saxes'

export interface Element {
  /** Namespace URI + local name, e.g. `http://www.w3.org/2004/02/skos/core#broader`. */
  iri: string
  local: string
  /** Attributes by namespace URI + local name (`xml:lang` is `http://www.w3.org/XML/1998/namespace` + `lang`). */
  attrs: Record<string, string>
  children: Element[]
  text: string
}

export const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
export const XML = 'http://www.w3.org/XML/1998/namespace'

/** Strict: a vocabulary that is not well-formed XML stops the build (saxes reads no DTD and expands no entities). */
export function readXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true })
  const root: Element = { iri: '#document', local: '#document', attrs: {}, children: [], text: '' }
  const stack: Element[] = [root]
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attrs: Record<string, string> = {}
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue
      attrs[a.uri + a.local] = a.value
    }
    const element: Element = { iri: tag.uri + tag.local, local: tag.local, attrs, children: [], text: '' }
    stack[stack.length - 1]!.children.push(element)
    stack.push(element)
  })
  parser.on('closetag', () => { stack.pop() })
  parser.on('text', (t) => { stack[stack.length - 1]!.text += t })
  parser.on('cdata', (t) => { stack[stack.length - 1]!.text += t })
  parser.write(xml).close()
  const first = root.children[0]
  if (!first) throw new Error('no root element')
  return first
}

/** Every descendant (document order) whose namespace URI + local name is `iri`. */
export function descendants(element: Element, iri: string): Element[] {
  const out: Element[] = []
  const walk = (e: Element): void => {
    for (const c of e.children) {
      if (c.iri === iri) out.push(c)
      walk(c)
    }
  }
  walk(element)
  return out
}
