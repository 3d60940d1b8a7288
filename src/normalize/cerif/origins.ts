// What a CERIF output originates from: OriginatesFrom/Project (or Funding) and Funded, as funding references and isOutputOf.
import type { FundingReference, Relation } from '../../model/index.ts'
import { normalizeDoi } from '../shared/identifiers.ts'
import { children, textOf, type XmlElement } from '../shared/xml-tree.ts'
import { identifiersOfType, itemsOf, orgName, textIn, type CerifContext } from './read.ts'

/**
 * OriginatesFrom/Project (and Funded, where a profile puts it on the output itself): the project's funder and
 * award become a structured funding reference, and the output `isOutputOf` the award (or the project reference).
 */
export function mapOrigins(root: XmlElement, taken: Set<string>, ctx: CerifContext): { funding: FundingReference[]; relations: Relation[] } {
  const funding: FundingReference[] = []
  const relations: Relation[] = []
  taken.add('OriginatesFrom')
  taken.add('Funded')
  const origins = itemsOf(root, 'OriginatesFrom')
  for (const project of origins.filter((o) => o.name === 'Project')) {
    const references = identifiersOfType(project, 'ProjectReference')
    const title = textIn(project, 'Title') || textIn(project, 'Acronym')
    const refs = children(project, 'Funded').flatMap((f) => fundedBy(f, references[0], title))
    funding.push(...refs)
    const awards = [...new Set([...refs.map((r) => r.awardNumber).filter((a): a is string => Boolean(a)), ...references])]
    if (awards.length > 0) for (const award of awards) relations.push({ type: 'isOutputOf', target: award, targetType: 'award' })
    else if (project.attrs.id) {
      const target = ctx.ref(project.attrs.id)
      relations.push({ type: 'isOutputOf', target, targetType: target.startsWith('oai:') ? 'other' : 'text' })
    }
    else if (title) relations.push({ type: 'isOutputOf', target: title, targetType: 'text' })
  }
  for (const fundingElement of origins.filter((o) => o.name === 'Funding')) {
    const ref = asFunding(fundingElement, undefined)
    funding.push(ref)
    if (ref.awardNumber) relations.push({ type: 'isOutputOf', target: ref.awardNumber, targetType: 'award' })
  }
  funding.push(...children(root, 'Funded').flatMap((f) => fundedBy(f, undefined, undefined)))
  return { funding, relations }
}

/** Funded/By (the funder) and Funded/As (the funding: its award number, and the programme it is part of). */
function fundedBy(funded: XmlElement, projectReference: string | undefined, projectTitle: string | undefined): FundingReference[] {
  const by = itemsOf(funded, 'By', 'OrgUnit')[0]
  const funder = by ? { name: orgName(by), id: funderId(by) } : undefined
  const fundings = itemsOf(funded, 'As', 'Funding')
  const refs = (fundings.length > 0 ? fundings : [undefined]).map((f) => {
    const ref: FundingReference = f ? asFunding(f, funder)
      : { ...(funder?.name ? { funder: funder.name } : {}), ...(funder?.id ? { funderId: funder.id } : {}), origin: 'structured' }
    if (!ref.awardNumber && projectReference) ref.awardNumber = projectReference
    if (!ref.awardTitle && projectTitle) ref.awardTitle = projectTitle
    return ref
  })
  return refs.filter((r) => r.funder || r.awardNumber)
}

function asFunding(funding: XmlElement, funder: { name: string; id?: string } | undefined): FundingReference {
  const awardNumber = identifiersOfType(funding, 'AwardNumber')[0]
  const programme = programmeOf(funding)
  const fromFunder = funder ?? (() => {
    const org = itemsOf(funding, 'Funder', 'OrgUnit')[0]
    return org ? { name: orgName(org), id: funderId(org) } : undefined
  })()
  return {
    ...(fromFunder?.name ? { funder: fromFunder.name } : {}), ...(fromFunder?.id ? { funderId: fromFunder.id } : {}),
    ...(programme ? { programme } : {}), ...(awardNumber ? { awardNumber } : {}), origin: 'structured',
  }
}

/** The funding programme: the nearest Funding, this one or one it is PartOf, typed FundingProgramme (or else a Call). */
function programmeOf(funding: XmlElement): string | undefined {
  const chain: XmlElement[] = []
  for (let f: XmlElement | undefined = funding; f && chain.length < 10; f = itemsOf(f, 'PartOf', 'Funding')[0]) chain.push(f)
  const typed = (kind: string) => chain.find((f) => children(f, 'Type').some((t) => textOf(t).endsWith(`#${kind}`)))
  const hit = typed('FundingProgramme') ?? typed('Call')
  return hit ? (textIn(hit, 'Name') || textIn(hit, 'Acronym') || undefined) : undefined
}

/** A funder's Crossref Funder ID (FundRefID element in OpenAIRE CRIS, Identifier type #FundRefID in PerúCRIS), as a bare DOI. */
function funderId(org: XmlElement): string | undefined {
  const raw = textIn(org, 'FundRefID') || identifiersOfType(org, 'FundRefID')[0]
  return raw ? (normalizeDoi(raw) ?? raw) : undefined
}
