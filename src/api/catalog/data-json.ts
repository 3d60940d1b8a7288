// The catalog as a Project Open Data v1.1 data.json: what DKAN, and so the PNDA (datosabiertos.gob.pe), harvests.
// Validated in tests against the vendored schemas (schemas/vendor/pod-1.1/), non-federal profile as DKAN applies it.
import type { Catalog, Dataset, Distribution } from './catalog.ts'

export const POD_CONFORMS_TO = 'https://project-open-data.cio.gov/v1.1/schema'

export function dataJson(catalog: Catalog): Record<string, unknown> {
  return {
    '@context': 'https://project-open-data.cio.gov/v1.1/schema/catalog.jsonld',
    '@id': catalog.documents.dataJson,
    '@type': 'dcat:Catalog',
    conformsTo: POD_CONFORMS_TO,
    describedBy: 'https://project-open-data.cio.gov/v1.1/schema/catalog.json',
    dataset: catalog.datasets.map((d) => dataset(catalog, d)),
  }
}

// The PNDA is read in Spanish: titles and descriptions are the Spanish ones (the DCAT catalog carries both).
function dataset(catalog: Catalog, d: Dataset): Record<string, unknown> {
  const schema = d.distributions.find((x) => x.conformsTo?.endsWith('.schema.json'))?.conformsTo
  return {
    '@type': 'dcat:Dataset',
    identifier: d.iri,
    title: d.title.es,
    description: d.description.es,
    keyword: d.keywords,
    ...(d.modified ? { modified: d.modified } : {}),
    publisher: { '@type': 'org:Organization', name: catalog.publisher.name },
    contactPoint: { '@type': 'vcard:Contact', fn: catalog.contact.name, hasEmail: `mailto:${catalog.contact.email}` },
    accessLevel: 'public',
    license: catalog.licence.iri,
    rights: catalog.licence.rights.es,
    spatial: 'Perú',
    language: ['es'],
    theme: ['Ciencia y tecnología'],
    landingPage: d.landingPage,
    ...(schema ? { describedBy: schema, describedByType: 'application/schema+json' } : {}),
    references: [catalog.services[0]!.endpointDescription, catalog.homepage],
    distribution: d.distributions.map(distribution),
  }
}

function distribution(x: Distribution): Record<string, unknown> {
  return {
    '@type': 'dcat:Distribution',
    title: x.title.es,
    description: x.description.es,
    ...(x.downloadUrl ? { downloadURL: x.downloadUrl } : { accessURL: x.accessUrl }),
    mediaType: x.servedMediaType,
    format: x.format,
    ...(x.conformsTo ? { conformsTo: x.conformsTo } : {}),
    ...(x.conformsTo?.endsWith('.schema.json') ? { describedBy: x.conformsTo, describedByType: 'application/schema+json' } : {}),
  }
}
