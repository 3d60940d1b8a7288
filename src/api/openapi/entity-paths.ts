// OpenAPI paths of the six entity collections: the list (filters, full text, sort, cursor, change feed) and the item.
// Each collection's query parameters are written out here, not derived from the code: the OpenAPI test compares
// them with what the routes accept.
import type { ParameterName } from './components.ts'
import { pathParameter } from './components.ts'
import { CACHE_HEADERS, ok, operation } from './operation.ts'

type Json = Record<string, unknown>

const PAGING: ParameterName[] = ['q', 'sort', 'since', 'cursor', 'per_page', 'format']

interface CollectionDoc {
  collection: string
  schema: string
  singular: string
  plural: string
  pluralEs: string
  singularEs: string
  about: string
  filters: ParameterName[]
  examples: string[]
  itemExample: string
}

const COLLECTIONS: CollectionDoc[] = [
  {
    collection: 'outputs', schema: 'ResearchOutput', singular: 'research output', plural: 'research outputs', singularEs: 'resultado de investigación', pluralEs: 'resultados de investigación',
    about: 'Articles, theses, books, datasets and other research outputs, merged across repositories (one record per work).',
    filters: ['institution', 'source', 'type', 'access', 'year', 'language', 'ford_area', 'has_doi'],
    examples: ['/api/v1/outputs?type=c_7a1f&year=2020-&access=open', '/api/v1/outputs?q=cambio%20clim%C3%A1tico&per_page=10', '/api/v1/outputs?since=2024-05-01T00:00:00Z', '/api/v1/outputs?ford_area=3&format=csv'],
    itemExample: 'ro-03459c4365709163',
  },
  {
    collection: 'dmps', schema: 'Dmp', singular: 'data management plan', plural: 'data management plans', singularEs: 'plan de gestión de datos', pluralEs: 'planes de gestión de datos',
    about: 'Data management plans (RDA maDMP 1.2), as DMP tools export them.',
    filters: ['institution', 'source', 'year', 'language'],
    examples: ['/api/v1/dmps?year=2024', '/api/v1/dmps?format=jsonld'],
    itemExample: 'dmp-5b1c9e0d2a7f4e38',
  },
  {
    collection: 'projects', schema: 'Project', singular: 'project', plural: 'projects', singularEs: 'proyecto', pluralEs: 'proyectos',
    about: 'Research projects (PerúCRIS).',
    filters: ['institution', 'source', 'year'],
    examples: ['/api/v1/projects?year=2022-'],
    itemExample: 'project-8e2d4c6a1b3f5a79',
  },
  {
    collection: 'fundings', schema: 'Funding', singular: 'funding', plural: 'fundings', singularEs: 'financiamiento', pluralEs: 'financiamientos',
    about: 'Fundings: grants, calls and programmes (PerúCRIS).',
    filters: ['institution', 'source'],
    examples: ['/api/v1/fundings?per_page=50'],
    itemExample: 'funding-2c4e6a8b0d1f3e57',
  },
  {
    collection: 'persons', schema: 'Person', singular: 'person', plural: 'persons', singularEs: 'persona', pluralEs: 'personas',
    about: 'Persons, allow-listed fields only: name, ORCID, affiliations and provenance. No national identity numbers, ever.',
    filters: ['institution', 'source'],
    examples: ['/api/v1/persons?q=garcia'],
    itemExample: 'person-9a7c5e3b1d2f4a68',
  },
  {
    collection: 'organisations', schema: 'Organisation', singular: 'organisation', plural: 'organisations', singularEs: 'organización', pluralEs: 'organizaciones',
    about: 'Organisations: PerúCRIS OrgUnits and funders.',
    filters: ['institution', 'source'],
    examples: ['/api/v1/organisations?q=universidad'],
    itemExample: 'org-4d6f8a0c2e1b3d57',
  },
]

export function entityPaths(): Record<string, Json> {
  const paths: Record<string, Json> = {}
  for (const c of COLLECTIONS) {
    const item = { allOf: [{ $ref: `#/components/schemas/${c.schema}` }, { $ref: '#/components/schemas/Modified' }] }
    paths[`/api/v1/${c.collection}`] = {
      get: operation({
        id: `list-${c.collection}`,
        tag: 'Entities',
        summary: `List ${c.plural}`,
        summaryEs: `Listar ${c.pluralEs}`,
        description: `${c.about} Filters combine with AND; values within one filter with OR. Paged with keyset cursors (no offsets); with since= the list is a change feed. To take everything, use the dumps (/api/v1/dumps/${c.collection}.ndjson.gz).`,
        parameters: [...c.filters, ...PAGING],
        responses: {
          200: ok(`A page of ${c.plural}.`, {
            'application/json': {
              type: 'object', required: ['meta', 'links', 'items'],
              properties: {
                meta: { $ref: '#/components/schemas/ListMeta' },
                links: { $ref: '#/components/schemas/Links' },
                items: { type: 'array', items: { anyOf: [item, { $ref: '#/components/schemas/Tombstone' }] } },
              },
            },
            'application/ld+json': { type: 'object', description: 'schema.org JSON-LD (@graph).' },
            'text/csv': { type: 'string', description: 'One row per record, with a header.' },
          }, { ...CACHE_HEADERS, Link: { description: '<next page URL>; rel="next"', schema: { type: 'string' } } }),
          304: 'NotModified', 400: 'BadRequest', 406: 'NotAcceptable', 429: 'TooManyRequests',
        },
        examples: c.examples,
      }),
    }
    paths[`/api/v1/${c.collection}/{id}`] = {
      get: operation({
        id: `get-${c.singular.replace(/ /g, '-')}`,
        tag: 'Entities',
        summary: `One ${c.singular}`,
        summaryEs: `Un ${c.singularEs}`,
        description: `The ${c.singular} with this id, with the time it last changed (modified). A deleted one answers 410; an id of another kind answers 404 saying where it lives.`,
        parameters: [pathParameter('id', `Id of the ${c.singular}.`, { type: 'string' }, c.itemExample), 'format'],
        responses: {
          200: ok(`The ${c.singular}.`, {
            'application/json': item,
            'application/ld+json': { type: 'object' },
            'text/csv': { type: 'string' },
          }),
          304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 406: 'NotAcceptable', 410: 'Gone', 429: 'TooManyRequests',
        },
        examples: [`/api/v1/${c.collection}/${c.itemExample}`, `/api/v1/${c.collection}/${c.itemExample}?format=jsonld`],
      }),
    }
  }
  return paths
}
