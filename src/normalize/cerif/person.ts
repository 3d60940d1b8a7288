// A CERIF Person record into the public Person: name, ORCID and affiliation names, nothing else (issue #3).
import type { Person } from '../../model/index.ts'
import { entityId, personRef, provenance, type CerifContext } from './read.ts'
import type { XmlElement } from '../shared/xml-tree.ts'

// Read through personRef's allow-list; everything else a CRIS says about a person (Identifier, which holds the DNI
// in PerúCRIS, Gender, ElectronicAddress, ResearcherID, ScopusAuthorID…) is listed by name only, never read.
const READ = new Set(['PersonName', 'ORCID', 'Affiliation'])

export function mapPerson(root: XmlElement, ctx: CerifContext): Person | null {
  const ref = personRef(root, '/', ctx)
  for (const c of root.children) if (!READ.has(c.name)) ctx.notes.skip(c.name)
  if (!ref) return null
  return { id: entityId('person', ctx.input), kind: 'person', ...ref, provenance: provenance(ctx.input) }
}
