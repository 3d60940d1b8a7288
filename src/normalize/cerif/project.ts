// A CERIF Project record into a Project: titles, award numbers, dates, status, type, consortium, team, funders, OAMandate.
import type { OrganisationRef, PersonRef, Project } from '../../model/index.ts'
import { isoDate } from '../shared/dates.ts'
import { children, textOf, type XmlElement } from '../shared/xml-tree.ts'
import { isNationalIdScheme } from '../../vocab/index.ts'
import {
  entityId, identifierTypeName, identifiersOfType, itemsOf, langStrings, oaMandate, orgName, orgRef, personRef,
  provenance, schemeTerm, textIn, type CerifContext,
} from './read.ts'

const READ = new Set(['Title', 'Acronym', 'Identifier', 'URL', 'StartDate', 'EndDate', 'Status', 'Type', 'Consortium',
  'Team', 'Funded', 'OAMandate', 'Abstract'])

export function mapProject(root: XmlElement, ctx: CerifContext): Project {
  const acronym = textIn(root, 'Acronym')
  const identifiers = mapIdentifiers(root, ctx)
  const funded = children(root, 'Funded')
  // ProjectReference (the funder's or CRIS's project number) and the award numbers of the fundings it is funded as:
  // the keys outputs and DMPs cite (OpenAIRE v4 awardNumber, info:eu-repo/grantAgreement, "contrato N°…").
  const awardNumbers = [...new Set([
    ...identifiersOfType(root, 'ProjectReference'),
    ...funded.flatMap((f) => itemsOf(f, 'As', 'Funding')).flatMap((f) => identifiersOfType(f, 'AwardNumber')),
  ])]
  const funders = unique(funded.flatMap((f) => itemsOf(f, 'By', 'OrgUnit')).flatMap((o) => orgRef(o) ?? []))
  const fundings = [...new Set(funded.flatMap((f) => itemsOf(f, 'As', 'Funding')).flatMap((f) => (f.attrs.id ? [ctx.ref(f.attrs.id)] : [])))]
  const { team, organisations } = mapParticipants(root, ctx)
  const dates = { start: dateIn(root, 'StartDate', ctx), end: dateIn(root, 'EndDate', ctx) }
  const status = children(root, 'Status')[0]
  const [type, ...otherTypes] = children(root, 'Type')
  for (const other of otherTypes) ctx.notes.skip(`Type[@scheme=${other.attrs.scheme ?? other.ns}]`)
  const statusTerm = status ? schemeTerm(status) : null
  const typeTerm = type ? schemeTerm(type) : null
  const mandate = oaMandate(root, ctx)
  const abstract = langStrings(root, 'Abstract')
  for (const c of root.children) if (!READ.has(c.name)) ctx.notes.skip(c.name)
  return {
    id: entityId('project', ctx.input), kind: 'project',
    titles: langStrings(root, 'Title'),
    ...(acronym ? { acronym } : {}),
    awardNumbers,
    identifiers,
    ...(dates.start ? { start: dates.start } : {}), ...(dates.end ? { end: dates.end } : {}),
    ...(statusTerm ? { status: statusTerm } : {}), ...(typeTerm ? { type: typeTerm } : {}),
    funders, fundings,
    ...(mandate ? { oaMandate: mandate } : {}),
    team, organisations,
    ...(abstract.length > 0 ? { abstract } : {}),
    provenance: provenance(ctx.input),
  }
}

/** Typed Identifiers (ProjectReference, Handle…) and the project's URL; an untyped value that is no URL is reported. */
function mapIdentifiers(root: XmlElement, ctx: CerifContext): Project['identifiers'] {
  const out: Project['identifiers'] = []
  for (const element of children(root, 'Identifier')) {
    const scheme = element.attrs.type?.trim() ?? ''
    if (isNationalIdScheme(scheme)) continue
    const value = textOf(element)
    const type = identifierTypeName(scheme, value)
    if (!type || !value) { ctx.notes.issue('Identifier', 'an identifier without a type', value); continue }
    out.push({ type, value })
  }
  for (const url of children(root, 'URL').map((e) => textOf(e)).filter(Boolean)) out.push({ type: 'url', value: url })
  return out.filter((id, i) => out.findIndex((o) => o.type === id.type && o.value === id.value) === i)
}

/**
 * Consortium (Coordinator, Partner, Contractor, InkindContributor, Member) holds organisations, and sometimes a
 * person (the PerúCRIS example's Coordinator); Team (PrincipalInvestigator, Contact, Member) holds people. The role
 * is the element's name.
 */
function mapParticipants(root: XmlElement, ctx: CerifContext): { team: Project['team']; organisations: Project['organisations'] } {
  const team: (PersonRef & { role: string })[] = []
  const organisations: (OrganisationRef & { role: string })[] = []
  const roleOf = (element: XmlElement) => element.name.charAt(0).toLowerCase() + element.name.slice(1)
  for (const holder of [...itemsOf(root, 'Consortium'), ...itemsOf(root, 'Team')]) {
    const role = roleOf(holder)
    const org = children(holder, 'OrgUnit')[0]
    if (org) {
      const ref = orgRef(org)
      if (ref) organisations.push({ ...ref, role })
      else ctx.notes.issue(`/organisations`, `a ${holder.name} unit without a name (${orgName(org) || org.attrs.id || ''})`.replace(/ \(\)$/, ''))
      continue
    }
    const person = personRef(holder, `/team/${team.length}`, ctx)
    if (person) team.push({ ...person, role })
  }
  return { team, organisations }
}

function dateIn(root: XmlElement, name: string, ctx: CerifContext): string | undefined {
  const text = textIn(root, name)
  if (!text) return undefined
  const date = isoDate(text)
  if (!date) ctx.notes.issue(name, 'not an ISO 8601 date', text)
  return date ?? undefined
}

function unique(refs: OrganisationRef[]): OrganisationRef[] {
  return refs.filter((r, i) => refs.findIndex((o) => o.name === r.name) === i)
}
