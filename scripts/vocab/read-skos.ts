// Turns a CONCYTEC SKOS file (RDF/XML, SKOS-XL labels, one statement per rdf:Description) into concepts.
import { RDF, XML, readXml, type Element } from './xml-tree.ts'

const SKOS = 'http://www.w3.org/2004/02/skos/core#'
const SKOSXL = 'http://www.w3.org/2008/05/skos-xl#'

export interface SkosConcept {
  uri: string
  /** prefLabel by language tag. */
  labels: Record<string, string>
  /** definition by language tag. */
  definitions: Record<string, string>
  broader: string[]
}

export interface SkosScheme {
  uri: string
  concepts: SkosConcept[]
}

type Triple = { s: string; p: string; o: string; literal: boolean; lang: string }

// CONCYTEC writes each statement in its own rdf:Description (and labels/definitions as separate nodes),
// so the file is read as triples first and the concepts are assembled afterwards.
function triples(root: Element): Triple[] {
  const out: Triple[] = []
  for (const node of root.children) {
    const s = node.attrs[`${RDF}about`]
    if (!s) continue
    if (node.iri !== `${RDF}Description`) out.push({ s, p: `${RDF}type`, o: node.iri, literal: false, lang: '' })
    for (const prop of node.children) {
      const resource = prop.attrs[`${RDF}resource`]
      if (resource !== undefined) out.push({ s, p: prop.iri, o: resource, literal: false, lang: '' })
      else out.push({ s, p: prop.iri, o: prop.text, literal: true, lang: prop.attrs[`${XML}lang`] ?? '' })
    }
  }
  return out
}

/** Literals of `p` on `s`, by language; resolves SKOS-XL labels and definition nodes (`rdf:value`). */
function literalsByLang(about: (s: string) => Triple[], s: string, direct: string, indirect: string, valueProp: string): Record<string, string> {
  const out: Record<string, string> = {}
  const put = (lang: string, text: string): void => {
    const clean = text.replace(/\s+/g, ' ').trim()
    if (clean && out[lang] === undefined) out[lang] = clean
  }
  for (const t of about(s)) {
    if (t.p === direct && t.literal) put(t.lang, t.o)
    if ((t.p === indirect || t.p === direct) && !t.literal) {
      for (const v of about(t.o)) if (v.p === valueProp && v.literal) put(v.lang, v.o)
    }
  }
  return out
}

export function readSkos(xml: string): SkosScheme {
  const all = triples(readXml(xml))
  const bySubject = new Map<string, Triple[]>()
  for (const t of all) bySubject.set(t.s, [...(bySubject.get(t.s) ?? []), t])
  const about = (s: string): Triple[] => bySubject.get(s) ?? []
  const typeOf = (iri: string) => all.filter((t) => t.p === `${RDF}type` && t.o === iri).map((t) => t.s)
  const schemes = [...new Set(typeOf(`${SKOS}ConceptScheme`))]
  if (schemes.length !== 1) throw new Error(`expected one skos:ConceptScheme, found ${schemes.length}`)
  const concepts = [...new Set(typeOf(`${SKOS}Concept`))].map((uri): SkosConcept => ({
    uri,
    labels: literalsByLang(about, uri, `${SKOS}prefLabel`, `${SKOSXL}prefLabel`, `${SKOSXL}literalForm`),
    definitions: literalsByLang(about, uri, `${SKOS}definition`, `${SKOS}definition`, `${RDF}value`),
    broader: [...new Set(about(uri).filter((t) => t.p === `${SKOS}broader` && !t.literal).map((t) => t.o))],
  }))
  return { uri: schemes[0]!, concepts }
}
