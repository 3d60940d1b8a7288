// A CERIF Funding record (programme, call, grant) into a Funding: type, funder, award number, amount, OAMandate, PartOf.
import type { Funding } from '../../model/index.ts'
import { children, textOf, type XmlElement } from '../shared/xml-tree.ts'
import {
  entityId, identifiersOfType, itemsOf, langStrings, oaMandate, orgRef, provenance, schemeTerm, textIn, type CerifContext,
} from './read.ts'

const READ = new Set(['Type', 'Name', 'Identifier', 'Amount', 'Funder', 'OAMandate', 'PartOf'])

export function mapFunding(root: XmlElement, ctx: CerifContext): Funding {
  const title = langStrings(root, 'Name')
  const typeElement = children(root, 'Type')[0]
  const type = typeElement ? schemeTerm(typeElement) : null
  const funderUnit = itemsOf(root, 'Funder', 'OrgUnit')[0]
  const funder = funderUnit ? orgRef(funderUnit) : null
  // The award's identifier (IdentifierTypes#AwardNumber): the key that links outputs and projects to this funding.
  const [awardNumber, ...moreAwards] = identifiersOfType(root, 'AwardNumber')
  if (moreAwards.length > 0) ctx.notes.issue('Identifier', `several award numbers; kept "${awardNumber}"`, moreAwards.join(' | '))
  for (const id of children(root, 'Identifier')) if (!/#AwardNumber$/i.test(id.attrs.type ?? '')) ctx.notes.skip(`Identifier[@type=${id.attrs.type ?? ''}]`)
  const amount = mapAmount(children(root, 'Amount')[0], ctx)
  const mandate = oaMandate(root, ctx)
  const parent = itemsOf(root, 'PartOf', 'Funding')[0]
  const partOf = parent ? (parent.attrs.id ? ctx.ref(parent.attrs.id) : identifiersOfType(parent, 'AwardNumber')[0] ?? textIn(parent, 'Name')) : ''
  for (const c of root.children) if (!READ.has(c.name)) ctx.notes.skip(c.name)
  return {
    id: entityId('funding', ctx.input), kind: 'funding',
    ...(title.length > 0 ? { title } : {}), ...(type ? { type } : {}), ...(funder ? { funder } : {}),
    ...(awardNumber ? { awardNumber } : {}), ...(amount ? { amount } : {}), ...(mandate ? { oaMandate: mandate } : {}),
    ...(partOf ? { partOf } : {}), provenance: provenance(ctx.input),
  }
}

/** `<Amount currency="PEN">149601500</Amount>`: a plain number and an ISO 4217 code. */
function mapAmount(element: XmlElement | undefined, ctx: CerifContext): Funding['amount'] | undefined {
  if (!element) return undefined
  const text = textOf(element)
  const value = Number(text)
  const currency = element.attrs.currency?.trim().toUpperCase() ?? ''
  if (!text || !Number.isFinite(value) || !/^[A-Z]{3}$/.test(currency)) {
    ctx.notes.issue('Amount', 'an amount needs a number and an ISO 4217 currency', `${text} ${currency}`.trim())
    return undefined
  }
  return { value, currency }
}
