// Reads a COAR vocabulary as PerúCRIS ships it: an XSD enumeration of concept URIs annotated with labels.
import { XML, descendants, readXml } from './xml-tree.ts'

const XS = 'http://www.w3.org/2001/XMLSchema'
const CERIF = 'urn:xmlns:org.eurocris.cerif'
const SKOS = 'http://www.w3.org/2004/02/skos/core#'
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
// COAR records its exact match to the DRIVER/OpenAIRE v3 term under this (odd, but verbatim) namespace.
const INFO_EU_REPO = 'http://purl.org/info:eu-repo/#semantics/'

export interface CoarConcept {
  uri: string
  /** Labels by language tag (xs:documentation), trimmed. */
  labels: Record<string, string>
  broader: string | null
  /** The info:eu-repo/semantics term COAR declares as skos:exactMatch, when it declares one. */
  infoEuRepo: string | null
}

export function readCoarXsd(xsd: string): CoarConcept[] {
  const root = readXml(xsd)
  return descendants(root, `${XS}enumeration`).map((en) => {
    const uri = en.attrs.value
    if (!uri) throw new Error('xs:enumeration without a value')
    const labels: Record<string, string> = {}
    for (const doc of descendants(en, `${XS}documentation`)) {
      const lang = doc.attrs[`${XML}lang`]
      const text = doc.text.replace(/\s+/g, ' ').trim()
      if (lang && text && labels[lang] === undefined) labels[lang] = text
    }
    const broaderClass = descendants(en, `${CERIF}Broader`).flatMap((b) => descendants(b, `${CERIF}Class`))[0]
    const match = descendants(en, `${SKOS}exactMatch`)
      .map((m) => m.attrs[`${RDF}resource`] ?? '')
      .find((r) => r.startsWith(INFO_EU_REPO))
    return {
      uri,
      labels,
      broader: broaderClass?.attrs.id ?? null,
      infoEuRepo: match ? match.slice(INFO_EU_REPO.length) : null,
    }
  })
}
