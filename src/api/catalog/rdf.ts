// A small RDF graph model (IRIs and literals, no blank nodes) shared by the JSON-LD and Turtle writers, so both
// serializations of the DCAT catalog state the same triples.

export const PREFIXES = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  dcatap: 'http://data.europa.eu/r5r/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
} as const

export type Prefix = keyof typeof PREFIXES
/** A prefixed name over PREFIXES (`dct:title`). */
export type Curie = `${Prefix}:${string}`

export type RdfObject =
  | { iri: string }
  | { value: string; language: string }
  | { value: string; datatype: Curie }

export interface RdfNode {
  iri: string
  types: Curie[]
  /** Predicate → objects, in the order written. */
  properties: [Curie, RdfObject[]][]
}

export const iri = (value: string): RdfObject => ({ iri: value })
export const text = (value: string, language: string): RdfObject => ({ value, language })
export const typed = (value: string, datatype: Curie): RdfObject => ({ value, datatype })

export function expand(curie: Curie): string {
  const colon = curie.indexOf(':')
  return PREFIXES[curie.slice(0, colon) as Prefix] + curie.slice(colon + 1)
}
