// Writes RDF nodes as one JSON-LD 1.1 document: an inline @context (the prefixes, nothing fetched from the network)
// and a flat @graph of node objects with prefixed property names.
import { PREFIXES, type RdfNode, type RdfObject } from './rdf.ts'

export function toJsonLd(nodes: RdfNode[]): Record<string, unknown> {
  return {
    '@context': { ...PREFIXES },
    '@graph': nodes.map((node) => {
      const object: Record<string, unknown> = { '@id': node.iri, '@type': node.types.length === 1 ? node.types[0] : node.types }
      for (const [predicate, objects] of node.properties) {
        if (objects.length === 0) continue
        const values = objects.map(jsonLdValue)
        object[predicate] = values.length === 1 ? values[0] : values
      }
      return object
    }),
  }
}

function jsonLdValue(o: RdfObject): Record<string, string> {
  if ('iri' in o) return { '@id': o.iri }
  if ('language' in o) return { '@value': o.value, '@language': o.language }
  return { '@value': o.value, '@type': o.datatype }
}
