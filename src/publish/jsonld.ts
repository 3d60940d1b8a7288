// JSON-LD in schema.org terms (what Google Dataset Search, FAIR checkers and F-UJI read): a ScholarlyArticle, Thesis,
// Dataset… per research output, ResearchProject, MonetaryGrant, Person, Organization for the CRIS entities.
import languageTable from '../../data/vocab/language-translations.json' with { type: 'json' }
import type { DataManagementPlan, Entity, Funding, Identifier, Organisation, OrganisationRef, Person, PersonRef, Project, ResearchOutput } from '../model/index.ts'
import type { Exporter } from './types.ts'

export const SCHEMA_CONTEXT = 'https://schema.org'

type Node = Record<string, unknown>

export interface JsonLdOptions {
  /** Where each entity is served (`https://host/api/v1/outputs/ID`), used as its `@id`; none gives blank nodes. */
  idOf?: (entity: Entity) => string
}

/** COAR resource type code → schema.org type. Codes not listed are a CreativeWork with the COAR URI as additionalType. */
const TYPES: Record<string, string> = {
  ...Object.fromEntries(['c_6501', 'c_2df8fbb1', 'c_dcae04bc', 'c_beb9', 'c_545b', 'c_b239', 'c_3e5a', 'c_5794', 'c_18cp', 'c_c94f', 'c_816b', 'c_8042'].map((c) => [c, 'ScholarlyArticle'])),
  ...Object.fromEntries(['c_46ec', 'c_7a1f', 'c_bdcc', 'c_db06'].map((c) => [c, 'Thesis'])),
  ...Object.fromEntries(['c_93fc', 'c_18gh', 'c_18hj', 'c_18wq', 'c_18ws', 'c_18ww', 'c_186u', 'c_ba1f', 'c_18op'].map((c) => [c, 'Report'])),
  ...Object.fromEntries(['c_c513', 'c_ecc8'].map((c) => [c, 'ImageObject'])),
  ...Object.fromEntries(['c_12ce', 'c_8a7e'].map((c) => [c, 'VideoObject'])),
  ...Object.fromEntries(['c_12cc', 'c_12cd'].map((c) => [c, 'Map'])),
  ...Object.fromEntries(['c_efa0', 'c_ba08'].map((c) => [c, 'Review'])),
  ...Object.fromEntries(['c_0640', 'c_2659'].map((c) => [c, 'Periodical'])),
  c_ddb1: 'Dataset', c_2f33: 'Book', c_3248: 'Chapter', c_5ce6: 'SoftwareSourceCode', c_18cc: 'AudioObject',
  c_7ad9: 'WebSite', c_18cd: 'MusicComposition',
}

export function schemaType(coarUri: string | null): string {
  const code = coarUri?.split('/').pop()
  return (code && TYPES[code]) || 'CreativeWork'
}

/** ISO 639-3 → the BCP 47 tag schema.org's inLanguage expects (the two-letter code when one exists). */
const bcp47 = new Map(Object.entries(languageTable.alpha2 as Record<string, string>).map(([two, three]) => [three, two]))
const languageTag = (code: string) => bcp47.get(code) ?? code

export function entityToJsonLd(entity: Entity, options: JsonLdOptions = {}): Node {
  const node = nodeOf(entity)
  const id = options.idOf?.(entity)
  return compact({ '@id': id, ...node, identifier: [{ '@type': 'PropertyValue', propertyID: 'redcti', value: entity.id }, ...asArray(node.identifier)] })
}

function nodeOf(entity: Entity): Node {
  switch (entity.kind) {
    case 'research-output': return researchOutput(entity)
    case 'dmp': return dmp(entity)
    case 'project': return project(entity)
    case 'funding': return funding(entity)
    case 'person': return person(entity)
    case 'organisation': return organisation(entity)
    case 'equipment': return { '@type': 'Product', name: entity.name[0]?.value, alternateName: entity.name.slice(1).map((n) => n.value), category: entity.type?.label, owner: entity.owner ? organisationRef(entity.owner) : undefined }
  }
}

function researchOutput(r: ResearchOutput): Node {
  const type = schemaType(r.type.uri)
  const open = r.accessRight?.uri.endsWith('/c_abf2')
  const closed = r.accessRight && !open
  const media = r.files.map((f) => compact({
    '@type': type === 'Dataset' ? 'DataDownload' : 'MediaObject', contentUrl: f.url, name: f.name, encodingFormat: f.mimeType,
    contentSize: f.size !== undefined ? String(f.size) : undefined, conditionsOfAccess: f.access?.label,
  }))
  const issn = r.relations.filter((x) => x.type === 'isPartOf' && x.targetType === 'issn').map((x) => x.target)
  return {
    '@type': type,
    additionalType: r.type.uri ?? undefined,
    name: r.titles[0]?.value,
    alternateName: r.titles.slice(1).map((t) => t.value),
    author: r.creators.map(personRef),
    contributor: r.contributors.map((c) => ({ '@type': 'Role', roleName: c.role, contributor: personRef(c) })),
    datePublished: r.issued ?? undefined,
    inLanguage: r.languages.map(languageTag),
    keywords: r.keywords.map((k) => k.value).filter((k) => !/^https?:\/\//.test(k)),
    about: r.ford.map((f) => ({ '@type': 'DefinedTerm', '@id': f.uri, termCode: f.code, name: f.label, inDefinedTermSet: 'https://purl.org/pe-repo/ocde/ford' })),
    abstract: r.abstracts[0]?.value,
    description: r.abstracts[0]?.value,
    publisher: r.publisher ? { '@type': 'Organization', name: r.publisher, address: r.publisherCountry ? { '@type': 'PostalAddress', addressCountry: r.publisherCountry } : undefined } : undefined,
    license: r.license?.uri,
    isAccessibleForFree: r.accessRight ? Boolean(open) : undefined,
    conditionsOfAccess: closed ? [r.accessRight!.label, r.accessReason].filter(Boolean).join(': ') : r.accessRight?.label,
    url: r.landingPage ?? undefined,
    sameAs: r.identifiers.map(identifierUrl).filter((u): u is string => Boolean(u) && u !== r.landingPage),
    identifier: r.identifiers.map(identifierValue),
    version: r.version?.label,
    [type === 'Dataset' ? 'distribution' : 'associatedMedia']: media,
    funding: r.funding.map((f) => compact({
      '@type': 'Grant', identifier: f.awardNumber, name: f.awardTitle, url: f.awardUri,
      funder: f.funder || f.funderId ? compact({ '@type': 'Organization', name: f.funder, identifier: f.funderId }) : undefined,
    })),
    isPartOf: issn.length > 0 ? issn.map((value) => ({ '@type': 'Periodical', issn: value })) : undefined,
    ...(r.thesis && type === 'Thesis' ? {
      inSupportOf: r.thesis.degreeName ?? r.thesis.level?.label,
      educationalLevel: r.thesis.level?.label,
      sourceOrganization: r.thesis.grantor ? { '@type': 'Organization', name: r.thesis.grantor } : undefined,
    } : {}),
  }
}

function dmp(d: DataManagementPlan): Node {
  return {
    '@type': 'CreativeWork',
    genre: 'data management plan',
    additionalType: 'https://github.com/RDA-DMP-Common/RDA-DMP-Common-Standard',
    name: d.title,
    description: d.description,
    inLanguage: languageTag(d.language),
    dateCreated: d.created,
    dateModified: d.modified,
    identifier: [{ '@type': 'PropertyValue', propertyID: d.dmp_id.type, value: d.dmp_id.identifier }],
    author: dmpPerson(d.contact),
    contributor: (d.contributor ?? []).map((c) => ({ '@type': 'Role', roleName: c.role, contributor: dmpPerson(c) })),
    about: d.project.map((p) => compact({
      '@type': 'ResearchProject', name: p.title, description: p.description, foundingDate: p.start, dissolutionDate: p.end,
      funding: (p.funding ?? []).map((f) => compact({
        '@type': 'Grant', identifier: f.grant_id?.identifier,
        funder: f.funder_name || f.funder_id ? compact({ '@type': 'Organization', name: f.funder_name, identifier: f.funder_id?.identifier }) : undefined,
      })),
    })),
    hasPart: d.dataset.map((ds) => compact({
      '@type': 'Dataset', name: ds.title, description: ds.description, identifier: ds.dataset_id.identifier, datePublished: ds.issued,
      keywords: ds.keyword, inLanguage: ds.language ? languageTag(ds.language) : undefined,
      distribution: (ds.distribution ?? []).map((x) => compact({
        '@type': 'DataDownload', name: x.title, contentUrl: x.download_url, url: x.access_url, encodingFormat: x.format,
        contentSize: x.byte_size !== undefined ? String(x.byte_size) : undefined, license: x.license?.map((l) => l.license_ref),
        isAccessibleForFree: x.data_access === 'open', conditionsOfAccess: x.data_access,
      })),
    })),
  }
}

function project(p: Project): Node {
  return {
    '@type': 'ResearchProject',
    name: p.titles[0]?.value,
    alternateName: [p.acronym, ...p.titles.slice(1).map((t) => t.value)].filter(Boolean),
    description: p.abstract?.[0]?.value,
    identifier: p.identifiers.map((i) => ({ '@type': 'PropertyValue', propertyID: i.type, value: i.value })),
    foundingDate: p.start,
    dissolutionDate: p.end,
    funder: p.funders.map(organisationRef),
    funding: p.awardNumbers.map((n) => ({ '@type': 'Grant', identifier: n })),
    member: [
      ...p.team.map((t) => ({ '@type': 'Role', roleName: t.role, member: personRef(t) })),
      ...p.organisations.map((o) => ({ '@type': 'Role', roleName: o.role, member: organisationRef(o) })),
    ],
  }
}

function funding(f: Funding): Node {
  return {
    '@type': 'MonetaryGrant',
    name: f.title?.[0]?.value,
    additionalType: f.type?.uri,
    identifier: f.awardNumber ? [{ '@type': 'PropertyValue', propertyID: 'award-number', value: f.awardNumber }] : [],
    funder: f.funder ? organisationRef(f.funder) : undefined,
    amount: f.amount ? { '@type': 'MonetaryAmount', value: f.amount.value, currency: f.amount.currency } : undefined,
  }
}

function person(p: Person): Node {
  return personRef(p)
}

function organisation(o: Organisation): Node {
  return {
    ...organisationRef(o),
    additionalType: o.type?.uri,
    address: o.country ? { '@type': 'PostalAddress', addressCountry: o.country } : undefined,
  }
}

function personRef(p: PersonRef): Node {
  return compact({
    '@type': 'Person',
    '@id': p.orcid ? `https://orcid.org/${p.orcid}` : undefined,
    name: p.name,
    identifier: p.orcid ? [{ '@type': 'PropertyValue', propertyID: 'orcid', value: p.orcid }] : undefined,
    affiliation: (p.affiliations ?? []).map((name) => ({ '@type': 'Organization', name })),
  })
}

function dmpPerson(p: { name: string; id?: { identifier: string; type: string }; affiliation?: { name: string }[] }): Node {
  const orcid = p.id?.type === 'orcid' ? p.id.identifier.replace(/^https?:\/\/orcid\.org\//, '') : undefined
  return compact({
    '@type': 'Person', '@id': orcid ? `https://orcid.org/${orcid}` : undefined, name: p.name,
    identifier: p.id ? [{ '@type': 'PropertyValue', propertyID: p.id.type, value: p.id.identifier }] : undefined,
    affiliation: (p.affiliation ?? []).map((a) => ({ '@type': 'Organization', name: a.name })),
  })
}

function organisationRef(o: OrganisationRef): Node {
  const ror = o.identifiers.find((i) => i.type === 'ror')?.value
  return compact({
    '@type': 'Organization',
    '@id': ror ? `https://ror.org/${ror.replace(/^https?:\/\/ror\.org\//, '')}` : undefined,
    name: o.name,
    alternateName: o.acronym,
    identifier: o.identifiers.map((i) => ({ '@type': 'PropertyValue', propertyID: i.type, value: i.value })),
  })
}

function identifierValue(i: Identifier): Node {
  return compact({ '@type': 'PropertyValue', propertyID: i.type, value: i.value, url: identifierUrl(i) })
}

function identifierUrl(i: Identifier): string | undefined {
  switch (i.type) {
    case 'doi': return `https://doi.org/${i.value}`
    case 'handle': return `https://hdl.handle.net/${i.value}`
    case 'url': return /^https?:\/\//.test(i.value) ? i.value : undefined
    case 'pmid': return `https://pubmed.ncbi.nlm.nih.gov/${i.value}/`
    default: return undefined
  }
}

function asArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

/** Drops undefined, null, empty strings and empty arrays, so a node says only what is known. */
function compact(node: Node): Node {
  const out: Node = {}
  for (const [key, value] of Object.entries(node)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value) && value.length === 0) continue
    out[key] = value
  }
  return out
}

/** One document for many entities: `@graph` under a single `@context`, streamed one node at a time. */
export function createJsonLdExporter(options: JsonLdOptions = {}): Exporter {
  return {
    id: 'jsonld',
    mediaType: 'application/ld+json',
    *serialize(entities) {
      yield `{"@context":${JSON.stringify(SCHEMA_CONTEXT)},"@graph":[`
      let first = true
      for (const entity of entities) {
        yield `${first ? '' : ','}${JSON.stringify(entityToJsonLd(entity, options))}`
        first = false
      }
      yield ']}\n'
    },
  }
}

export const jsonld: Exporter = createJsonLdExporter()

/** A single entity as a standalone JSON-LD document. */
export function jsonLdDocument(entity: Entity, options: JsonLdOptions = {}): Node {
  return { '@context': SCHEMA_CONTEXT, ...entityToJsonLd(entity, options) }
}
