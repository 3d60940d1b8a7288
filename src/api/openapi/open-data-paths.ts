// OpenAPI paths of what harvesters and people read besides the JSON API: /oai, the catalogs (data.json, DCAT-AP),
// this description, the docs page and the JSON Schemas.
import { pathParameter } from './components.ts'
import { CACHE_HEADERS, ok, operation } from './operation.ts'

type Json = Record<string, unknown>

const OAI_ARGUMENTS = ['verb', 'identifier', 'metadataPrefix', 'from', 'until', 'set', 'resumptionToken'] as const

export function openDataPaths(): Record<string, Json> {
  const oaiResponse = {
    200: {
      description: 'An OAI-PMH response (OAI-PMH errors too, with HTTP 200, as the protocol says). Gzip when asked with Accept-Encoding.',
      content: { 'text/xml': { schema: { type: 'string' } } },
    },
    413: { description: 'A POST body over 1 MiB.', content: { 'text/plain': { schema: { type: 'string' } } } },
  }
  const oaiDescription = 'Our OAI-PMH 2.0 data provider over the merged aggregate: all six verbs, oai_dc and oai_openaire for research outputs (cerif_perucris for projects, fundings, persons and organisations), sets by institution and by type, deletions as tombstones, resumption tokens with completeListSize, cursor and expirationDate. `<about><provenance>` says where each record was harvested.'
  const catalogDoc = (format: string): string => `The catalog of what redcti publishes (the research-output aggregate, its parts by institution and by COAR type, the other collections, the indicators), with the NDJSON and CSV dumps and API lists of each, licence (CC BY 4.0 for the metadata aggregate), publisher (CONCYTEC), contact point and modification dates, as ${format}.`
  return {
    '/oai': {
      get: operation({
        id: 'oai-pmh-get', tag: 'OAI-PMH', summary: 'OAI-PMH 2.0 data provider', summaryEs: 'Proveedor de datos OAI-PMH 2.0',
        description: oaiDescription,
        parameters: [...OAI_ARGUMENTS],
        responses: oaiResponse,
        examples: ['/oai?verb=Identify', '/oai?verb=ListSets', '/oai?verb=ListRecords&metadataPrefix=oai_openaire&from=2024-01-01'],
      }),
      post: operation({
        id: 'oai-pmh-post', tag: 'OAI-PMH', summary: 'OAI-PMH 2.0 data provider (POST)', summaryEs: 'Proveedor de datos OAI-PMH 2.0 (POST)',
        description: `${oaiDescription} The arguments come as an application/x-www-form-urlencoded body (Spec §3.1.1.2).`,
        requestBody: {
          required: true,
          content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: Object.fromEntries(OAI_ARGUMENTS.map((a) => [a, { type: 'string' }])) } } },
        },
        responses: oaiResponse,
      }),
    },
    '/data.json': {
      get: operation({
        id: 'get-data-json', tag: 'Open data catalog', summary: 'Project Open Data v1.1 catalog (data.json)', summaryEs: 'Catálogo Project Open Data v1.1 (data.json)',
        description: `${catalogDoc('a Project Open Data v1.1 data.json, the format DKAN (and so the PNDA, datosabiertos.gob.pe) harvests')} Titles and descriptions are in Spanish.`,
        responses: { 200: ok('The data.json.', { 'application/json': { type: 'object', required: ['conformsTo', 'dataset'] } }), 304: 'NotModified', 400: 'BadRequest' },
        examples: ['/data.json'],
      }),
    },
    '/catalog.jsonld': {
      get: operation({
        id: 'get-dcat-jsonld', tag: 'Open data catalog', summary: 'DCAT-AP 3 catalog (JSON-LD)', summaryEs: 'Catálogo DCAT-AP 3 (JSON-LD)',
        description: catalogDoc('DCAT-AP 3 in JSON-LD (inline @context); titles and descriptions in Spanish and English'),
        responses: { 200: ok('The catalog.', { 'application/ld+json': { type: 'object', required: ['@context', '@graph'] } }), 304: 'NotModified', 400: 'BadRequest' },
        examples: ['/catalog.jsonld'],
      }),
    },
    '/catalog.ttl': {
      get: operation({
        id: 'get-dcat-turtle', tag: 'Open data catalog', summary: 'DCAT-AP 3 catalog (Turtle)', summaryEs: 'Catálogo DCAT-AP 3 (Turtle)',
        description: catalogDoc('DCAT-AP 3 in Turtle (the same graph as the JSON-LD)'),
        responses: { 200: ok('The catalog.', { 'text/turtle': { type: 'string' } }), 304: 'NotModified', 400: 'BadRequest' },
        examples: ['/catalog.ttl'],
      }),
    },
    '/catalog': {
      get: operation({
        id: 'get-dcat', tag: 'Open data catalog', summary: 'DCAT-AP 3 catalog by content negotiation', summaryEs: 'Catálogo DCAT-AP 3 por negociación de contenido',
        description: 'The IRIs of the catalog\'s resources are /catalog#…: this answers Turtle to Accept: text/turtle, JSON-LD otherwise.',
        responses: { 200: ok('The catalog.', { 'application/ld+json': { type: 'object' }, 'text/turtle': { type: 'string' } }, { ...CACHE_HEADERS, Vary: { schema: { type: 'string' } } }), 304: 'NotModified', 400: 'BadRequest' },
        examples: ['/catalog'],
      }),
    },
    '/openapi.json': {
      get: operation({
        id: 'get-openapi', tag: 'Documentation', summary: 'This OpenAPI 3.1 description', summaryEs: 'Esta descripción OpenAPI 3.1',
        description: 'Every path and query parameter of this server; a test fails when it and the server disagree.',
        responses: { 200: ok('The document.', { 'application/json': { type: 'object', required: ['openapi', 'info', 'paths'] } }, {}), 400: 'BadRequest' },
        examples: ['/openapi.json'],
      }),
    },
    '/docs': {
      get: operation({
        id: 'get-docs', tag: 'Documentation', summary: 'The API documentation page', summaryEs: 'La página de documentación de la API',
        description: 'This description as an HTML page, in Spanish and English, with examples.',
        responses: { 200: ok('The page.', { 'text/html': { type: 'string' } }, {}), 400: 'BadRequest' },
        examples: ['/docs'],
      }),
    },
    '/schemas': {
      get: operation({
        id: 'list-schemas', tag: 'Documentation', summary: 'The JSON Schemas of the records', summaryEs: 'Los JSON Schema de los registros',
        description: 'The names of the JSON Schemas (draft-07) that the records of each collection follow.',
        responses: { 200: ok('The schemas.', { 'application/json': { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string' } } } } } } }, {}), 400: 'BadRequest' },
        examples: ['/schemas'],
      }),
    },
    '/schemas/{name}': {
      get: operation({
        id: 'get-schema', tag: 'Documentation', summary: 'One JSON Schema', summaryEs: 'Un JSON Schema',
        description: 'A JSON Schema of the model (generated from the TypeScript types in src/model).',
        parameters: [pathParameter('name', 'File name, as GET /schemas lists them.', { type: 'string', pattern: '^[a-z-]+\\.schema\\.json$' }, 'research-output.schema.json')],
        responses: { 200: ok('The schema.', { 'application/schema+json': { type: 'object' } }, {}), 400: 'BadRequest', 404: 'NotFound' },
        examples: ['/schemas/research-output.schema.json'],
      }),
    },
  }
}
