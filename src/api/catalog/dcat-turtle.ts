// Writes RDF nodes as Turtle (RDF 1.1 Turtle, W3C REC 2014): @prefix lines, then one block per subject.
import { PREFIXES, type RdfNode, type RdfObject } from './rdf.ts'

export function toTurtle(nodes: RdfNode[]): string {
  const lines = Object.entries(PREFIXES).map(([prefix, ns]) => `@prefix ${prefix}: <${ns}> .`)
  for (const node of nodes) {
    lines.push('')
    const statements = [`a ${node.types.join(', ')}`]
    for (const [predicate, objects] of node.properties) {
      if (objects.length === 0) continue
      statements.push(`${predicate} ${objects.map(turtleObject).join(',\n    ')}`)
    }
    lines.push(`${iriRef(node.iri)}\n  ${statements.join(' ;\n  ')} .`)
  }
  return `${lines.join('\n')}\n`
}

function turtleObject(o: RdfObject): string {
  if ('iri' in o) return iriRef(o.iri)
  if ('language' in o) return `${stringLiteral(o.value)}@${o.language}`
  return `${stringLiteral(o.value)}^^${o.datatype}`
}

/** Turtle §6.4 IRIREF: no spaces, angle brackets, quotes, braces, pipes, carets, backquotes, backslashes or controls. */
function iriRef(value: string): string {
  const escaped = value.replace(/[\u0000-\u0020<>"{}|^`\\]/g, (ch) => encodeURIComponent(ch))
  return `<${escaped}>`
}

/** Turtle STRING_LITERAL_QUOTE with ECHAR escapes. */
function stringLiteral(value: string): string {
  return `"${value.replace(/[\\"\n\r\t\b\f]/g, (ch) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[ch]!)}"`
}
