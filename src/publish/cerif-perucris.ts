// cerif_perucris: projects, fundings, persons, organisations and equipment in the PerúCRIS CERIF-XML 1.0 profile, for /oai.
import type { Entity, Equipment, Funding, LangString, Organisation, OrganisationRef, PersonRef, Project } from '../model/index.ts'
import { isNationalIdScheme } from '../vocab/index.ts'
import { attributesXml, element, xmlText } from './xml-text.ts'

const PERUCRIS = 'https://purl.org/pe-repo/cerif-profile/1.0/'
const FUNDING_TYPES = 'https://www.openaire.eu/cerif-profile/vocab/OpenAIRE_Funding_Types'
const CERIF_IDS = 'https://w3id.org/cerif/vocab/IdentifierTypes#'
const CONCYTEC_TERMS = 'https://purl.org/pe-repo/concytec/terminos#'

export const cerifPerucris = {
  metadataPrefix: 'cerif_perucris',
  schema: 'https://purl.org/pe-repo/cerif-profile/1.0/perucris-cerif-profile.xsd',
  metadataNamespace: PERUCRIS,
  kinds: ['project', 'funding', 'person', 'organisation', 'equipment'] as const,
  serialize(entity: Entity): string | null {
    switch (entity.kind) {
      case 'project': return root('Project', entity.id, project(entity))
      case 'funding': return root('Funding', entity.id, funding(entity))
      case 'person': return root('Person', entity.id, personBody(entity))
      case 'organisation': return root('OrgUnit', entity.id, orgUnitBody(entity))
      case 'equipment': return root('Equipment', entity.id, equipment(entity))
      default: return null
    }
  },
}

function root(name: string, id: string, body: string): string {
  return `<${name} xmlns="${PERUCRIS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
    + ` xsi:schemaLocation="${PERUCRIS} ${cerifPerucris.schema}" id="${xmlText(id)}">${body}</${name}>`
}

/** The CERIF identifier type URI of one of our short scheme names; national identity documents never (issue #3). */
function identifierXml(identifier: { type: string; value: string }): string {
  const type = identifier.type
  if (isNationalIdScheme(type) || isNationalIdScheme(CONCYTEC_TERMS + type)) return ''
  const known: Record<string, string> = { ruc: `${CONCYTEC_TERMS}ruc`, ror: `${CERIF_IDS}RORID`, 'crossref-funder-id': `${CERIF_IDS}FundRefID`, 'cris-id': `${CERIF_IDS}CRISID` }
  const uri = known[type] ?? `${CERIF_IDS}${type.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`
  return element('Identifier', identifier.value, { type: uri })
}

function langs(name: string, values: LangString[] | undefined): string {
  return (values ?? []).map((v) => element(name, v.value, { 'xml:lang': v.lang })).join('')
}

function orgUnitRef(org: OrganisationRef): string {
  return `<OrgUnit>${element('Acronym', org.acronym)}${element('Name', org.name)}${org.identifiers.map(identifierXml).join('')}</OrgUnit>`
}

/** "Family, Given" as PerúCRIS PersonName; a name without a comma is kept whole as the family name. */
function personName(name: string): string {
  const comma = name.indexOf(',')
  const family = comma >= 0 ? name.slice(0, comma) : name
  const first = comma >= 0 ? name.slice(comma + 1) : ''
  return `<PersonName>${element('FamilyNames', family)}${element('FirstNames', first)}</PersonName>`
}

/** PersonRef is an allow-list: name, ORCID and affiliation names; never a national ID, e-mail, gender or birth date. */
function personBody(p: PersonRef): string {
  let xml = personName(p.name)
  if (p.orcid) xml += `<ORCID>https://orcid.org/${xmlText(p.orcid)}</ORCID>`
  for (const a of p.affiliations ?? []) xml += `<Affiliation><OrgUnit>${element('Name', a)}</OrgUnit></Affiliation>`
  return xml
}

function orgUnitBody(org: Organisation): string {
  let xml = org.type ? element('Type', org.type.uri) : ''
  xml += element('Acronym', org.acronym) + element('Name', org.name)
  xml += org.identifiers.filter((i) => i.type !== 'url').map(identifierXml).join('')
  for (const url of org.identifiers.filter((i) => i.type === 'url')) xml += element('ElectronicAddress', url.value)
  if (org.parent) xml += `<PartOf><OrgUnit id="${xmlText(org.parent)}"/></PartOf>`
  return xml
}

const consortiumRoles = new Set(['coordinator', 'partner', 'contractor', 'inkindContributor', 'member'])
const teamRoles = new Set(['principalInvestigator', 'contact', 'member'])
const capital = (role: string) => role.charAt(0).toUpperCase() + role.slice(1)

function project(p: Project): string {
  let xml = p.type ? element('Type', p.type.uri) : ''
  xml += element('Acronym', p.acronym) + langs('Title', p.titles)
  xml += p.identifiers.filter((i) => i.type !== 'url').map(identifierXml).join('')
  for (const award of p.awardNumbers) if (!p.identifiers.some((i) => i.value === award)) xml += element('Identifier', award, { type: `${CERIF_IDS}AwardNumber` })
  xml += element('StartDate', p.start) + element('EndDate', p.end)
  for (const url of p.identifiers.filter((i) => i.type === 'url')) xml += element('URL', url.value)
  const consortium = p.organisations.map((o) => { const role = consortiumRoles.has(o.role) ? capital(o.role) : 'Member'; return `<${role}>${orgUnitRef(o)}</${role}>` })
  if (consortium.length > 0) xml += `<Consortium>${consortium.join('')}</Consortium>`
  const team = p.team.map((m) => { const role = teamRoles.has(m.role) ? capital(m.role) : 'Member'; return `<${role}><Person>${personBody(m)}</Person></${role}>` })
  if (team.length > 0) xml += `<Team>${team.join('')}</Team>`
  for (const funder of p.funders) xml += `<Funded><By>${orgUnitRef(funder)}</By></Funded>`
  xml += langs('Abstract', p.abstract)
  if (p.status) xml += element('Status', p.status.uri)
  if (p.oaMandate) xml += `<OAMandate${attributesXml({ mandated: String(p.oaMandate.mandated), uri: p.oaMandate.uri })}/>`
  return xml
}

function funding(f: Funding): string {
  let xml = f.type ? element('Type', f.type.uri, { xmlns: FUNDING_TYPES }) : ''
  xml += langs('Name', f.title)
  if (f.amount) xml += element('Amount', String(f.amount.value), { currency: f.amount.currency })
  xml += element('Identifier', f.awardNumber, { type: `${CERIF_IDS}AwardNumber` })
  if (f.funder) xml += `<Funder>${orgUnitRef(f.funder)}</Funder>`
  if (f.partOf) xml += `<PartOf><Funding id="${xmlText(f.partOf)}"/></PartOf>`
  if (f.oaMandate) xml += `<OAMandate${attributesXml({ mandated: String(f.oaMandate.mandated), uri: f.oaMandate.uri })}/>`
  return xml
}

function equipment(e: Equipment): string {
  let xml = e.type ? element('Type', e.type.uri) : ''
  xml += langs('Name', e.name)
  if (e.owner) xml += `<Owner>${orgUnitRef(e.owner)}</Owner>`
  return xml
}

