// Validates /oai responses offline with xmllint-wasm: OAI-PMH.xsd plus the schemas of everything the envelope carries.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { validateXML } from 'xmllint-wasm'

const vendored = fileURLToPath(new URL('../../../schemas/vendor/oai-pmh/', import.meta.url))
const read = (name: string) => ({ fileName: name, contents: readFileSync(vendored + name, 'utf8') })

// Permissive stand-ins for the payload schemas we could not vendor (see schemas/vendor/oai-pmh/PROVENANCE.md):
// the root element is declared, its content is checked laxly (DC elements inside it still are, strictly typed).
const laxRoots = (namespace: string, roots: string[]) => `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${namespace}" elementFormDefault="qualified">
${roots.map((r) => `  <xs:element name="${r}"><xs:complexType><xs:sequence><xs:any namespace="##any" processContents="lax" minOccurs="0" maxOccurs="unbounded"/></xs:sequence><xs:anyAttribute namespace="##any" processContents="lax"/></xs:complexType></xs:element>`).join('\n')}
</xs:schema>`

const bundle = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:redcti:test:oai-bundle">
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/" schemaLocation="OAI-PMH.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" schemaLocation="oai_dc.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/provenance" schemaLocation="provenance.xsd"/>
  <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier" schemaLocation="oai-identifier.xsd"/>
  <xs:import namespace="http://namespace.openaire.eu/schema/oaire/" schemaLocation="lax-oaire.xsd"/>
  <xs:import namespace="https://purl.org/pe-repo/cerif-profile/1.0/" schemaLocation="lax-perucris.xsd"/>
</xs:schema>`

const preload = [
  read('OAI-PMH.xsd'), read('oai_dc.xsd'), read('simpledc20021212.xsd'), read('xml.xsd'), read('provenance.xsd'), read('oai-identifier.xsd'),
  { fileName: 'lax-oaire.xsd', contents: laxRoots('http://namespace.openaire.eu/schema/oaire/', ['resource']) },
  { fileName: 'lax-perucris.xsd', contents: laxRoots('https://purl.org/pe-repo/cerif-profile/1.0/', ['Project', 'Funding', 'Person', 'OrgUnit', 'Equipment']) },
]

export interface XsdResult {
  valid: boolean
  errors: string[]
}

/** Validates many documents in one xmllint run (a run costs a worker start); the result per document, in order. */
export async function validateOai(documents: string[]): Promise<XsdResult[]> {
  if (documents.length === 0) return []
  const files = documents.map((contents, i) => ({ fileName: `doc-${i}.xml`, contents }))
  const result = await validateXML({ xml: files, schema: [{ fileName: 'bundle.xsd', contents: bundle }], preload, maxMemoryPages: 16384 })
  return files.map((f) => {
    const errors = result.errors.filter((e) => e.loc?.fileName === f.fileName || e.rawMessage.startsWith(`${f.fileName}:`) || e.rawMessage.startsWith(`${f.fileName} `)).map((e) => e.rawMessage)
    return { valid: errors.length === 0 && !result.rawOutput.includes(`${f.fileName} fails to validate`), errors }
  })
}
