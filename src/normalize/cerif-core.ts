// The shared core of the CERIF XML formats (PerúCRIS, OpenAIRE CRIS): one record's root entity into its model entity.
// The two profiles use the same element names in most places; a profile is its namespace and its prefix.
import type { Entity, MappingResult } from '../model/index.ts'
import type { InputFormat, RawInput } from './types.ts'
import { mapEquipment } from './cerif/equipment.ts'
import { mapFunding } from './cerif/funding.ts'
import { mapOrganisation } from './cerif/organisation.ts'
import { mapOutput } from './cerif/output.ts'
import { mapPerson } from './cerif/person.ts'
import { mapProject } from './cerif/project.ts'
import { referenceBase, type CerifContext } from './cerif/read.ts'
import { Notes } from './shared/notes.ts'
import { parseXml, type XmlElement } from './shared/xml-tree.ts'

export interface CerifProfile {
  /** The metadataPrefix the profile is registered under. */
  id: string
  description: string
  /** Namespace URIs of the profile's root elements (a profile may have several versions). */
  namespaces: string[]
}

// The top-level entities both profiles define and the model has a home for (OpenAIRE's Event has none).
const ROOTS = ['Publication', 'Product', 'Patent', 'Person', 'OrgUnit', 'Project', 'Funding', 'Equipment'] as const
type Root = (typeof ROOTS)[number]

export function cerifFormat(profile: CerifProfile): InputFormat {
  return { id: profile.id, description: profile.description, map: (input) => mapCerif(input, profile) }
}

export function mapCerif(input: RawInput, profile: CerifProfile): MappingResult {
  let root: XmlElement
  try {
    root = parseXml(input.metadata)
  } catch (error) {
    return { ok: false, error: `the metadata is not well-formed XML: ${(error as Error).message}` }
  }
  if (!profile.namespaces.includes(root.ns)) {
    return { ok: false, error: `not a ${profile.id} record: <${root.qname}> is in ${root.ns ? `namespace ${root.ns}` : 'no namespace'}, expected ${profile.namespaces.join(' or ')}` }
  }
  if (!(ROOTS as readonly string[]).includes(root.name)) {
    return { ok: false, error: `${profile.id}: <${root.name}> is not an entity we map (expected one of ${ROOTS.join(', ')})` }
  }
  try {
    const notes = new Notes()
    const ctx: CerifContext = { input, notes, ref: referenceBase(input.oaiIdentifier, root.attrs.id?.trim()) }
    const entity = mapRoot(root, root.name as Root, ctx)
    if (!entity) return { ok: false, error: `the ${root.name} record names nothing the model can keep (no name)` }
    // The record's own entity only: the persons and units it embeds are referenced inside it by name and identifier.
    return { ok: true, entities: [entity], unmapped: notes.sortedUnmapped(), issues: notes.issues }
  } catch (error) {
    // A bug, not bad data; the run still goes on (issue #3: a record that cannot be mapped keeps its raw form).
    return { ok: false, error: `${profile.id} mapper failed: ${(error as Error).message}` }
  }
}

function mapRoot(root: XmlElement, name: Root, ctx: CerifContext): Entity | null {
  switch (name) {
    case 'Publication': case 'Product': case 'Patent': return mapOutput(root, name, ctx)
    case 'Person': return mapPerson(root, ctx)
    case 'OrgUnit': return mapOrganisation(root, ctx)
    case 'Project': return mapProject(root, ctx)
    case 'Funding': return mapFunding(root, ctx)
    case 'Equipment': return mapEquipment(root, ctx)
  }
}
