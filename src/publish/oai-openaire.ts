// oai_openaire: a research output in the OpenAIRE Guidelines for Literature Repositories v4 profile, for /oai.
import type { Contributor, Entity, Identifier, ResearchOutput } from '../model/index.ts'
import { identifierUrl, publishableIdentifiers } from './oai-dc.ts'
import { attributesXml, element } from './xml-text.ts'

const OAIRE = 'http://namespace.openaire.eu/schema/oaire/'
const DATACITE = 'http://datacite.org/schema/kernel-4'
const DC = 'http://purl.org/dc/elements/1.1/'
const COAR_TYPE = 'http://purl.org/coar/resource_type/'

export const oaiOpenaire = {
  metadataPrefix: 'oai_openaire',
  schema: 'https://www.openaire.eu/schema/repo-lit/4.0/openaire.xsd',
  metadataNamespace: OAIRE,
  kinds: ['research-output'] as const,
  serialize(entity: Entity): string | null {
    return entity.kind === 'research-output' ? openaireResource(entity) : null
  },
}

// DataCite identifier type names (OpenAIRE v4 §alternateIdentifier and §relatedIdentifier).
const identifierTypes: Partial<Record<Identifier['type'], string>> = {
  doi: 'DOI', handle: 'Handle', url: 'URL', isbn: 'ISBN', issn: 'ISSN', urn: 'URN', ark: 'ARK', pmid: 'PMID',
}

const contributorTypes: Record<Contributor['role'], string> = { advisor: 'Supervisor', juror: 'Other', editor: 'Editor', contributor: 'Other' }

/** OpenAIRE's resourceTypeGeneral from the COAR type: datasets and software are told apart, the rest is literature. */
function resourceTypeGeneral(uri: string): string {
  if (uri === `${COAR_TYPE}c_ddb1`) return 'dataset'
  if (uri === `${COAR_TYPE}c_5ce6`) return 'software'
  return 'literature'
}

function wrap(name: string, items: string[]): string {
  return items.length > 0 ? `<${name}>${items.join('')}</${name}>` : ''
}

function person(tag: 'creator' | 'contributor', p: { name: string; orcid?: string; affiliations?: string[] }, type?: string): string {
  // PersonRef is the allow-list (issue #3): name, ORCID and affiliation names, nothing else about a person.
  let xml = `<datacite:${tag}${attributesXml({ contributorType: type })}>${element(`datacite:${tag}Name`, p.name)}`
  if (p.orcid) xml += `<datacite:nameIdentifier nameIdentifierScheme="ORCID" schemeURI="https://orcid.org">https://orcid.org/${p.orcid}</datacite:nameIdentifier>`
  for (const a of p.affiliations ?? []) xml += element('datacite:affiliation', a)
  return `${xml}</datacite:${tag}>`
}

function openaireResource(output: ResearchOutput): string {
  const parts: string[] = []
  const identifiers = publishableIdentifiers(output)
  parts.push(wrap('datacite:titles', output.titles.map((t) => element('datacite:title', t.value, { 'xml:lang': t.lang })).filter(Boolean)))
  parts.push(wrap('datacite:creators', output.creators.filter((p) => p.name.trim()).map((p) => person('creator', p))))
  parts.push(wrap('datacite:contributors', output.contributors.filter((p) => p.name.trim()).map((p) => person('contributor', p, contributorTypes[p.role]))))
  parts.push(wrap('oaire:fundingReferences', output.funding.filter((f) => f.funder).map((f) =>
    '<oaire:fundingReference>' + element('oaire:funderName', f.funder)
    + element('oaire:funderIdentifier', f.funderId, { funderIdentifierType: f.funderId?.includes('10.13039/') ? 'Crossref Funder ID' : f.funderId?.includes('ror.org') ? 'ROR' : 'Other' })
    + element('oaire:fundingStream', f.programme) + element('oaire:awardNumber', f.awardNumber, { awardURI: f.awardUri })
    + element('oaire:awardTitle', f.awardTitle) + '</oaire:fundingReference>')))
  // The primary identifier goes to datacite:identifier (exactly one); the others are alternates.
  const primary = identifiers.find((i) => i.type === 'doi') ?? identifiers.find((i) => i.type === 'handle')
  const primaryXml = primary ? element('datacite:identifier', primary.type === 'doi' ? identifierUrl(primary) : primary.value, { identifierType: identifierTypes[primary.type] })
    : output.landingPage ? element('datacite:identifier', output.landingPage, { identifierType: 'URL' }) : ''
  parts.push(wrap('datacite:alternateIdentifiers', identifiers.filter((i) => i !== primary && identifierTypes[i.type]).map((i) =>
    element('datacite:alternateIdentifier', i.value, { alternateIdentifierType: identifierTypes[i.type] }))))
  const related = [
    ...output.identifiers.filter((i) => i.type === 'issn' && i.valid !== false).map((i) => element('datacite:relatedIdentifier', i.value, { relatedIdentifierType: 'ISSN', relationType: 'IsPartOf' })),
    ...output.relations.filter((r) => r.targetType && identifierTypes[r.targetType as Identifier['type']] && r.type !== 'other').map((r) =>
      element('datacite:relatedIdentifier', r.target, { relatedIdentifierType: identifierTypes[r.targetType as Identifier['type']], relationType: relationType(r.type) })),
  ].filter(Boolean)
  parts.push(wrap('datacite:relatedIdentifiers', related))
  parts.push(wrap('datacite:dates', [
    element('datacite:date', output.issued, { dateType: 'Issued' }),
    element('datacite:date', output.embargoEnd, { dateType: 'Available' }),
  ].filter(Boolean)))
  for (const code of output.languages) parts.push(element('dc:language', code))
  parts.push(element('dc:publisher', output.publisher))
  if (output.type.uri) parts.push(element('oaire:resourceType', output.type.label ?? output.type.uri, { resourceTypeGeneral: resourceTypeGeneral(output.type.uri), uri: output.type.uri }))
  for (const a of output.abstracts) parts.push(element('dc:description', a.value, { 'xml:lang': a.lang }))
  for (const mime of new Set(output.files.map((f) => f.mimeType).filter((m): m is string => Boolean(m)))) parts.push(element('dc:format', mime))
  parts.push(primaryXml)
  if (output.accessRight) parts.push(element('datacite:rights', output.accessRight.label, { rightsURI: output.accessRight.uri }))
  parts.push(wrap('datacite:subjects', [
    ...output.keywords.map((k) => element('datacite:subject', k.value, { 'xml:lang': k.lang })),
    ...output.ford.map((f) => element('datacite:subject', f.label, { subjectScheme: 'OCDE FORD', schemeURI: 'https://purl.org/pe-repo/ocde/ford', valueURI: f.uri })),
  ].filter(Boolean)))
  if (output.version) parts.push(element('oaire:version', output.version.label, { uri: output.version.uri }))
  for (const f of output.files) parts.push(element('oaire:file', f.url, { accessRightsURI: f.access?.uri, mimeType: f.mimeType, objectType: 'fulltext' }))
  if (output.license) parts.push(element('oaire:licenseCondition', output.license.spdx ?? output.license.uri, { uri: output.license.uri }))
  return `<oaire:resource xmlns:oaire="${OAIRE}" xmlns:datacite="${DATACITE}" xmlns:dc="${DC}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
    + ` xsi:schemaLocation="${OAIRE} ${oaiOpenaire.schema}">${parts.join('')}</oaire:resource>`
}

function relationType(type: ResearchOutput['relations'][number]['type']): string {
  const names: Record<string, string> = {
    isPartOf: 'IsPartOf', hasPart: 'HasPart', isSupplementTo: 'IsSupplementTo', isVersionOf: 'IsVersionOf', references: 'References',
    isDatasetOf: 'IsSupplementTo', hasDataset: 'IsSupplementedBy', isDmpOf: 'Documents', hasDmp: 'IsDocumentedBy', isOutputOf: 'IsReferencedBy',
  }
  return names[type] ?? 'References'
}
