// A CERIF OrgUnit record into an Organisation: names, acronym, public identifiers (RUC, ROR…), type, parent, country.
import type { Organisation } from '../../model/index.ts'
import { children, type XmlElement } from '../shared/xml-tree.ts'
import { entityId, itemsOf, orgName, orgRef, provenance, schemeTerm, textIn, type CerifContext } from './read.ts'

const READ = new Set(['Name', 'Acronym', 'Identifier', 'FundRefID', 'RORID', 'ISNI', 'GRID', 'PartOf'])

export function mapOrganisation(root: XmlElement, ctx: CerifContext): Organisation | null {
  const ref = orgRef(root)
  if (!ref) { ctx.notes.issue('/name', 'an organisation unit without a name or acronym'); return null }
  // Several Types in several schemes (OCDE sector, SUNEDU institution type, CIIU…): the first is the unit's type.
  const [first, ...others] = children(root, 'Type')
  const type = first ? schemeTerm(first) : null
  for (const other of others) ctx.notes.skip(`Type[@scheme=${other.attrs.scheme ?? other.ns}]`)
  // PartOf names the parent unit: by reference when it carries an id, else by name.
  const parent = itemsOf(root, 'PartOf', 'OrgUnit')[0]
  const parentRef = parent ? (parent.attrs.id ? ctx.ref(parent.attrs.id) : orgName(parent)) : ''
  const addresses = children(root, 'PostAddress')
  const country = addresses.map((a) => textIn(a, 'AddressCountry')).find((c) => /^[A-Z]{2}$/i.test(c))
  // Only the country of the postal address is kept; the street address, and ElectronicAddress (often a person's
  // e-mail), are listed as unmapped.
  if (addresses.some((a) => a.children.some((c) => c.name !== 'AddressCountry'))) ctx.notes.skip('PostAddress')
  for (const c of root.children) if (!READ.has(c.name) && c.name !== 'Type' && c.name !== 'PostAddress') ctx.notes.skip(c.name)
  return {
    id: entityId('organisation', ctx.input), kind: 'organisation', ...ref,
    ...(type ? { type } : {}), ...(parentRef ? { parent: parentRef } : {}), ...(country ? { country: country.toUpperCase() } : {}),
    provenance: provenance(ctx.input),
  }
}
