// A CERIF Equipment record into an Equipment: names, type and owner (mapped for completeness; compliance does not use it).
import type { Equipment } from '../../model/index.ts'
import { children, type XmlElement } from '../shared/xml-tree.ts'
import { entityId, itemsOf, langStrings, orgRef, provenance, schemeTerm, type CerifContext } from './read.ts'

export function mapEquipment(root: XmlElement, ctx: CerifContext): Equipment {
  const name = langStrings(root, 'Name')
  const [first, ...others] = children(root, 'Type')
  const type = first ? schemeTerm(first) : null
  for (const other of others) ctx.notes.skip(`Type[@scheme=${other.attrs.scheme ?? other.ns}]`)
  const ownerUnit = itemsOf(root, 'Owner', 'OrgUnit')[0]
  const owner = ownerUnit ? orgRef(ownerUnit) : null
  for (const c of root.children) if (!['Name', 'Type', 'Owner'].includes(c.name)) ctx.notes.skip(c.name)
  return {
    id: entityId('equipment', ctx.input), kind: 'equipment', name,
    ...(type ? { type } : {}), ...(owner ? { owner } : {}), provenance: provenance(ctx.input),
  }
}
