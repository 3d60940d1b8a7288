// OpenAPI paths of sources, findings, reports, indicators, dumps and admin.
import { pathParameter, type ParameterName } from './components.ts'
import { CACHE_HEADERS, ok, operation } from './operation.ts'

type Json = Record<string, unknown>

const json = (schema: Json) => ({ 'application/json': schema })
const sourceId = (description: string) => pathParameter('source', description, { type: 'string' }, 'alicia-oai-dc')

const DUMP_COLLECTIONS: { collection: string; what: string; whatEs: string; filters: ParameterName[] }[] = [
  { collection: 'outputs', what: 'research outputs', whatEs: 'resultados de investigación', filters: ['institution', 'source', 'type', 'access', 'year', 'language', 'ford_area', 'has_doi'] },
  { collection: 'dmps', what: 'data management plans', whatEs: 'planes de gestión de datos', filters: ['institution', 'source', 'year', 'language'] },
  { collection: 'projects', what: 'projects', whatEs: 'proyectos', filters: ['institution', 'source', 'year'] },
  { collection: 'fundings', what: 'fundings', whatEs: 'financiamientos', filters: ['institution', 'source'] },
  { collection: 'persons', what: 'persons (public fields)', whatEs: 'personas (campos públicos)', filters: ['institution', 'source'] },
  { collection: 'organisations', what: 'organisations', whatEs: 'organizaciones', filters: ['institution', 'source'] },
]

const dumpFormat = pathParameter('format', 'ndjson: one JSON record per line, as the item route shows it (without modified); csv: one row per record with a header.', { type: 'string', enum: ['ndjson', 'csv'] }, 'ndjson')
const gzipBody = (what: string): Json => ({
  description: `The ${what}, gzip-compressed, streamed (generated on request from the current data).`,
  headers: { ...CACHE_HEADERS, 'Content-Disposition': { description: 'attachment; filename="…"', schema: { type: 'string' } } },
  content: { 'application/gzip': { schema: { type: 'string', contentMediaType: 'application/gzip', contentEncoding: 'binary' } } },
})

function dumpPaths(): Record<string, Json> {
  const paths: Record<string, Json> = {}
  for (const d of DUMP_COLLECTIONS) {
    paths[`/api/v1/dumps/${d.collection}.{format}.gz`] = {
      get: operation({
        id: `dump-${d.collection}`, tag: 'Dumps', summary: `Dump of all ${d.what}`, summaryEs: `Volcado de todos los ${d.whatEs}`,
        description: `Every live ${d.what.replace(/s( \(.*\))?$/, '')} record of the aggregate in one gzip file. The list filters narrow it (for instance by type or year).`,
        parameters: [dumpFormat, ...d.filters],
        responses: { 200: gzipBody(d.what), 304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
        examples: [`/api/v1/dumps/${d.collection}.ndjson.gz`, ...(d.collection === 'outputs' ? ['/api/v1/dumps/outputs.csv.gz?type=c_7a1f&year=2020-'] : [])],
      }),
    }
    paths[`/api/v1/dumps/sources/{source}/${d.collection}.{format}.gz`] = {
      get: operation({
        id: `dump-source-${d.collection}`, tag: 'Dumps', summary: `Dump of one source's ${d.what}`, summaryEs: `Volcado de ${d.whatEs} de una fuente`,
        description: `The ${d.what} a source holds (a record merged from several sources is in each of their dumps). A disabled source's records are not in it.`,
        parameters: [sourceId('Source id (GET /api/v1/sources).'), dumpFormat, ...d.filters.filter((f) => f !== 'source')],
        responses: { 200: gzipBody(d.what), 304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
        examples: [`/api/v1/dumps/sources/alicia-oai-dc/${d.collection}.ndjson.gz`],
      }),
    }
    paths[`/api/v1/dumps/institutions/{institution}/${d.collection}.{format}.gz`] = {
      get: operation({
        id: `dump-institution-${d.collection}`, tag: 'Dumps', summary: `Dump of one institution's ${d.what}`, summaryEs: `Volcado de ${d.whatEs} de una institución`,
        description: `The ${d.what} of an institution, those that came through ALICIA included.`,
        parameters: [
          pathParameter('institution', 'Institution slug (GET /api/v1/dumps lists them).', { type: 'string' }, 'pontificia-universidad-catolica-del-peru'),
          dumpFormat, ...d.filters.filter((f) => f !== 'institution'),
        ],
        responses: { 200: gzipBody(d.what), 304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
        examples: [`/api/v1/dumps/institutions/pontificia-universidad-catolica-del-peru/${d.collection}.csv.gz`],
      }),
    }
  }
  return paths
}

export function servicePaths(): Record<string, Json> {
  return {
    '/api/v1/sources': {
      get: operation({
        id: 'list-sources', tag: 'Sources', summary: 'Sources and their harvest status', summaryEs: 'Fuentes y estado de su cosecha',
        description: 'Every configured source (and those only the database still knows), with record counts, the last harvest run and links to its report, findings, outputs and dump.',
        responses: { 200: ok('The sources.', json({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/SourceView' } } } })), 304: 'NotModified', 400: 'BadRequest', 429: 'TooManyRequests' },
        examples: ['/api/v1/sources'],
      }),
    },
    '/api/v1/sources/{id}': {
      get: operation({
        id: 'get-source', tag: 'Sources', summary: 'One source', summaryEs: 'Una fuente',
        description: 'The status and configuration of one source.',
        parameters: [pathParameter('id', 'Source id.', { type: 'string' }, 'alicia-oai-dc')],
        responses: { 200: ok('The source.', json({ $ref: '#/components/schemas/SourceView' })), 304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
        examples: ['/api/v1/sources/alicia-oai-dc'],
      }),
    },
    '/api/v1/findings': {
      get: operation({
        id: 'list-findings', tag: 'Compliance', summary: 'Compliance findings', summaryEs: 'Observaciones de cumplimiento',
        description: 'What the compliance rules found in each source\'s own copy of a record (never the merged one), with the rule\'s message and fix. Keyset-paged.',
        parameters: ['source', 'rule', 'severity', 'cursor', 'per_page', 'formatJsonCsv'],
        responses: {
          200: ok('A page of findings.', {
            'application/json': { type: 'object', properties: { meta: { $ref: '#/components/schemas/ListMeta' }, links: { $ref: '#/components/schemas/Links' }, items: { type: 'array', items: { $ref: '#/components/schemas/Finding' } } } },
            'text/csv': { type: 'string' },
          }),
          304: 'NotModified', 400: 'BadRequest', 406: 'NotAcceptable', 429: 'TooManyRequests',
        },
        examples: ['/api/v1/findings?severity=error&per_page=50', '/api/v1/findings?source=alicia-oai-dc&format=csv'],
      }),
    },
    '/api/v1/findings/summary': {
      get: operation({
        id: 'summarize-findings', tag: 'Compliance', summary: 'Findings counted by source, rule and severity', summaryEs: 'Observaciones por fuente, regla y severidad',
        description: 'How many findings (and distinct records) each source has per rule and severity.',
        parameters: ['source', 'rule', 'severity'],
        responses: {
          200: ok('The counts.', json({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { source: { type: 'string' }, rule: { type: 'string' }, severity: { type: 'string' }, findings: { type: 'integer' }, records: { type: 'integer' } } } } } })),
          304: 'NotModified', 400: 'BadRequest', 429: 'TooManyRequests',
        },
        examples: ['/api/v1/findings/summary?severity=error'],
      }),
    },
    '/api/v1/findings/{id}': {
      get: operation({
        id: 'get-finding', tag: 'Compliance', summary: 'One finding', summaryEs: 'Una observación',
        description: 'One finding, by its numeric id.',
        parameters: [pathParameter('id', 'Finding id (a number).', { type: 'string', pattern: '^\\d{1,15}$' }, '42')],
        responses: { 200: ok('The finding.', json({ $ref: '#/components/schemas/Finding' })), 304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 429: 'TooManyRequests' },
        examples: ['/api/v1/findings/42'],
      }),
    },
    '/api/v1/reports': {
      get: operation({
        id: 'get-report', tag: 'Compliance', summary: 'The compliance report', summaryEs: 'El reporte de cumplimiento',
        description: 'The report of `redcti report`: per source and per institution (records, valid records, records per rule), publicly funded projects and their gaps (D.S. 062-2024-PCM), and repository health. As CSV: one row per finding, streamed.',
        parameters: ['stale_days', 'formatJsonCsv'],
        responses: {
          200: ok('The report.', { 'application/json': { type: 'object', properties: { sources: { type: 'array' }, institutions: { type: 'array' }, projects: { type: ['array', 'object'] }, health: { type: ['array', 'object'] } } }, 'text/csv': { type: 'string' } }),
          304: 'NotModified', 400: 'BadRequest', 406: 'NotAcceptable', 429: 'TooManyRequests',
        },
        examples: ['/api/v1/reports', '/api/v1/reports?format=csv'],
      }),
    },
    '/api/v1/reports/{source}': {
      get: operation({
        id: 'get-source-report', tag: 'Compliance', summary: 'The compliance report of one source', summaryEs: 'El reporte de cumplimiento de una fuente',
        description: 'The same report for one source.',
        parameters: [sourceId('Source id.'), 'stale_days', 'formatJsonCsv'],
        responses: {
          200: ok('The report.', { 'application/json': { type: 'object' }, 'text/csv': { type: 'string' } }),
          304: 'NotModified', 400: 'BadRequest', 404: 'NotFound', 406: 'NotAcceptable', 429: 'TooManyRequests',
        },
        examples: ['/api/v1/reports/alicia-oai-dc'],
      }),
    },
    '/api/v1/indicators': {
      get: operation({
        id: 'get-indicators', tag: 'Indicators', summary: 'Research outputs counted by institution, year, area, type, access, language', summaryEs: 'Indicadores: producción por institución, año, área OCDE, tipo, acceso e idioma',
        description: 'Counts of live research outputs under the same filters as /api/v1/outputs (so: open-access theses of one institution, by year).',
        parameters: ['institution', 'source', 'type', 'access', 'year', 'language', 'ford_area', 'has_doi', 'q', 'by', 'formatJsonCsv'],
        responses: {
          200: ok('The counts.', {
            'application/json': { type: 'object', required: ['total', 'by'], properties: { total: { type: 'integer' }, by: { type: 'object', additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/IndicatorCount' } } } } },
            'text/csv': { type: 'string', description: 'dimension,value,label,count' },
          }),
          304: 'NotModified', 400: 'BadRequest', 406: 'NotAcceptable', 429: 'TooManyRequests',
        },
        examples: ['/api/v1/indicators', '/api/v1/indicators?by=year,type&institution=pontificia-universidad-catolica-del-peru', '/api/v1/indicators?by=access&format=csv'],
      }),
    },
    '/api/v1/dumps': {
      get: operation({
        id: 'list-dumps', tag: 'Dumps', summary: 'The bulk dumps', summaryEs: 'Los volcados masivos',
        description: 'Every dump URL: the whole aggregate per collection, each source\'s outputs and each institution\'s outputs, in NDJSON and CSV, gzip-compressed, with record counts (null when a disabled source makes them uncertain).',
        responses: { 200: ok('The dumps.', json({ type: 'object', properties: { modified: { type: ['string', 'null'] }, note: { type: 'string' }, dumps: { type: 'array', items: { $ref: '#/components/schemas/Dump' } } } })), 304: 'NotModified', 400: 'BadRequest', 429: 'TooManyRequests' },
        examples: ['/api/v1/dumps'],
      }),
    },
    ...dumpPaths(),
    ...adminPaths(),
  }
}

function adminPaths(): Record<string, Json> {
  const security = [{ adminToken: [] }]
  const paths: Record<string, Json> = {}
  for (const [verb, es] of [['enable', 'Habilitar'], ['disable', 'Deshabilitar']] as const) {
    paths[`/api/v1/admin/sources/{id}/${verb}`] = {
      post: operation({
        id: `${verb}-source`, tag: 'Admin', summary: `${verb === 'enable' ? 'Enable' : 'Disable'} a source`, summaryEs: `${es} una fuente`,
        description: verb === 'disable'
          ? 'Switches a source off (stored in the database, shown by `redcti status`): its records leave the lists, the dumps and /oai as deletions, and harvests skip it.'
          : 'Switches a source back on. A source disabled in the sources file ("enabled": false) answers 409.',
        parameters: [pathParameter('id', 'Source id.', { type: 'string' }, 'alicia-oai-dc')],
        security,
        responses: { 200: ok('The source as it is now.', json({ $ref: '#/components/schemas/SourceView' }), {}), 400: 'BadRequest', 401: 'Unauthorized', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests' },
      }),
    }
  }
  paths['/api/v1/admin/harvest'] = {
    post: operation({
      id: 'start-harvest', tag: 'Admin', summary: 'Start a harvest', summaryEs: 'Iniciar una cosecha',
      description: 'Starts harvesting one source or every enabled one, in the background; GET /api/v1/sources/{id} follows it. The same fields may come as a JSON body.',
      parameters: ['harvestSource', 'full'],
      requestBody: {
        required: false,
        content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { source: { type: 'string' }, full: { type: 'boolean' } } } } },
      },
      security,
      responses: {
        202: {
          description: 'Accepted: the harvest runs.',
          headers: { Location: { description: 'Where to follow it.', schema: { type: 'string' } } },
          content: json({ schema: { type: 'object', properties: { status: { const: 'accepted' }, sources: { type: 'array', items: { type: 'string' } }, full: { type: 'boolean' }, links: { type: 'object' } } } }),
        },
        400: 'BadRequest', 401: 'Unauthorized', 404: 'NotFound', 409: 'Conflict', 429: 'TooManyRequests',
      },
    }),
  }
  return paths
}
