// The catalog as DCAT-AP 3 resources: dcat:Catalog, dcat:Dataset, dcat:Distribution, dcat:DataService, foaf:Agent,
// vcard:Kind and the licence. Mandatory and recommended properties as the DCAT-AP 3.0.x SHACL shapes list them.
import type { Bilingual, Catalog, DataService, Dataset, Distribution } from './catalog.ts'
import { iri, text, typed, type Curie, type RdfNode, type RdfObject } from './rdf.ts'

// EU Publications Office authority tables, as DCAT-AP asks for themes, languages, places, file types and access.
const EU = 'http://publications.europa.eu/resource/authority/'
const THEME_SCIENCE = `${EU}data-theme/TECH`
const THEME_EDUCATION = `${EU}data-theme/EDUC`
const THEME_TAXONOMY = `${EU}data-theme`
const SPANISH = `${EU}language/SPA`
const PERU = `${EU}country/PER`
const PUBLIC = `${EU}access-right/PUBLIC`
const STABLE = `${EU}planned-availability/STABLE`
const IANA = 'http://www.iana.org/assignments/media-types/'

export function dcatGraph(catalog: Catalog): RdfNode[] {
  const common = {
    publisher: iri(catalog.publisher.iri),
    contact: iri(catalog.contact.iri),
    licence: iri(catalog.licence.iri),
  }
  const nodes: RdfNode[] = [
    {
      iri: catalog.iri,
      types: ['dcat:Catalog'],
      properties: [
        ['dct:title', bilingual(catalog.title)],
        ['dct:description', bilingual(catalog.description)],
        ['dct:publisher', [common.publisher]],
        ['dcat:contactPoint', [common.contact]],
        ['foaf:homepage', [iri(catalog.homepage)]],
        ['dct:license', [common.licence]],
        ['dct:rights', bilingual(catalog.licence.rights)],
        ['dct:language', [iri(SPANISH)]],
        ['dct:spatial', [iri(PERU)]],
        ['dcat:themeTaxonomy', [iri(THEME_TAXONOMY)]],
        ...dateTime('dct:modified', catalog.modified),
        ['dcat:dataset', catalog.datasets.map((d) => iri(d.iri))],
        ['dcat:service', catalog.services.map((s) => iri(s.iri))],
      ],
    },
    {
      iri: catalog.publisher.iri,
      types: ['foaf:Agent', 'foaf:Organization'],
      properties: [
        ['foaf:name', [text(catalog.publisher.name, 'es')]],
        ['foaf:homepage', [iri(catalog.publisher.homepage)]],
        ['dct:type', [iri(catalog.publisher.type)]],
      ],
    },
    {
      iri: catalog.contact.iri,
      types: ['vcard:Organization'],
      properties: [
        ['vcard:fn', [text(catalog.contact.name, 'es')]],
        ['vcard:hasEmail', [iri(`mailto:${catalog.contact.email}`)]],
        ['vcard:hasURL', [iri(catalog.contact.url)]],
      ],
    },
    {
      iri: catalog.licence.iri,
      types: ['dct:LicenseDocument'],
      properties: [['rdfs:label', [text(catalog.licence.label, 'en')]]],
    },
  ]
  for (const d of catalog.datasets) nodes.push(dataset(d, common), ...d.distributions.map((x) => distribution(x, d, common.licence)))
  for (const s of catalog.services) nodes.push(service(s, common))
  return nodes
}

function dataset(d: Dataset, common: { publisher: RdfObject; contact: RdfObject }): RdfNode {
  return {
    iri: d.iri,
    types: ['dcat:Dataset'],
    properties: [
      ['dct:title', bilingual(d.title)],
      ['dct:description', bilingual(d.description)],
      ['dct:identifier', [typed(d.iri, 'xsd:string')]],
      ['dcat:keyword', d.keywords.map((k) => text(k, 'es'))],
      ['dcat:theme', [iri(THEME_SCIENCE), iri(THEME_EDUCATION)]],
      ['dct:publisher', [common.publisher]],
      ['dcat:contactPoint', [common.contact]],
      ['dct:spatial', [iri(PERU)]],
      ['dct:language', [iri(SPANISH)]],
      ['dct:accessRights', [iri(PUBLIC)]],
      ['dcat:landingPage', [iri(d.landingPage)]],
      ...dateTime('dct:modified', d.modified),
      ['dcat:distribution', d.distributions.map((x) => iri(x.iri))],
    ],
  }
}

function distribution(x: Distribution, d: Dataset, licence: RdfObject): RdfNode {
  return {
    iri: x.iri,
    types: ['dcat:Distribution'],
    properties: [
      ['dct:title', bilingual(x.title)],
      ['dct:description', bilingual(x.description)],
      ['dcat:accessURL', [iri(x.accessUrl)]],
      ...(x.downloadUrl ? [['dcat:downloadURL', [iri(x.downloadUrl)]] as [Curie, RdfObject[]]] : []),
      ['dct:format', [iri(`${EU}file-type/${x.fileType}`)]],
      ...(x.mediaType ? [['dcat:mediaType', [iri(IANA + x.mediaType)]] as [Curie, RdfObject[]]] : []),
      ...(x.compressed ? [['dcat:compressFormat', [iri(`${IANA}application/gzip`)]] as [Curie, RdfObject[]]] : []),
      ['dct:license', [licence]],
      ['dcatap:availability', [iri(STABLE)]],
      ...(x.conformsTo ? [['dct:conformsTo', [iri(x.conformsTo)]] as [Curie, RdfObject[]]] : []),
      ...(x.accessService ? [['dcat:accessService', [iri(x.accessService)]] as [Curie, RdfObject[]]] : []),
      ...dateTime('dct:modified', d.modified),
    ],
  }
}

function service(s: DataService, common: { publisher: RdfObject; contact: RdfObject; licence: RdfObject }): RdfNode {
  return {
    iri: s.iri,
    types: ['dcat:DataService'],
    properties: [
      ['dct:title', bilingual(s.title)],
      ['dct:description', bilingual(s.description)],
      ['dcat:endpointURL', [iri(s.endpointUrl)]],
      ['dcat:endpointDescription', [iri(s.endpointDescription)]],
      ['dct:conformsTo', [iri(s.conformsTo)]],
      ['dct:publisher', [common.publisher]],
      ['dcat:contactPoint', [common.contact]],
      ['dct:license', [common.licence]],
      ['dcat:theme', [iri(THEME_SCIENCE)]],
      ['dcat:servesDataset', s.servesDatasets.map(iri)],
    ],
  }
}

function bilingual(b: Bilingual): RdfObject[] {
  return [text(b.es, 'es'), text(b.en, 'en')]
}

function dateTime(predicate: Curie, value: string | null): [Curie, RdfObject[]][] {
  return value ? [[predicate, [typed(value, 'xsd:dateTime')]]] : []
}
