// Parses the DCAT catalog back with RDF libraries (n3 for Turtle, jsonld for JSON-LD) into one comparable form:
// a sorted list of N-Triples lines, and a small index for asking what a subject states.
import { Parser, type Quad, type Term } from 'n3'
import jsonld from 'jsonld'

export function termText(term: Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`
  if (term.termType === 'BlankNode') return `_:${term.value}`
  if (term.termType === 'Literal') {
    const value = JSON.stringify(term.value)
    if (term.language) return `${value}@${term.language.toLowerCase()}`
    return `${value}^^<${term.datatype.value}>`
  }
  return term.value
}

export function triplesOf(quads: Quad[]): string[] {
  return [...new Set(quads.map((q) => `${termText(q.subject)} ${termText(q.predicate)} ${termText(q.object)} .`))].sort()
}

export function parseTurtle(text: string): Quad[] {
  return new Parser({ format: 'text/turtle' }).parse(text)
}

export async function parseJsonLd(document: object): Promise<Quad[]> {
  const nquads = await jsonld.toRDF(document as jsonld.JsonLdDocument, { format: 'application/n-quads' }) as unknown as string
  return new Parser({ format: 'N-Quads' }).parse(nquads)
}

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
}

/** subject → predicate → objects (as N-Triples terms). */
export class Graph {
  private readonly index = new Map<string, Map<string, string[]>>()

  constructor(quads: Quad[]) {
    for (const q of quads) {
      const bySubject = this.index.get(q.subject.value) ?? new Map<string, string[]>()
      this.index.set(q.subject.value, bySubject)
      const objects = bySubject.get(q.predicate.value) ?? []
      bySubject.set(q.predicate.value, objects)
      objects.push(q.object.termType === 'NamedNode' ? q.object.value : termText(q.object))
    }
  }

  /** IRIs of the subjects typed `type`. */
  ofType(type: string): string[] {
    return [...this.index.entries()].filter(([, p]) => (p.get(`${NS.rdf}type`) ?? []).includes(type)).map(([s]) => s)
  }

  values(subject: string, predicate: string): string[] {
    return this.index.get(subject)?.get(predicate) ?? []
  }
}
