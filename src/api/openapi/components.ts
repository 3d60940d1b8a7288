// The reusable parts of the OpenAPI document: query parameters (one description per name), problem+json responses,
// and the response schemas; entity bodies refer to the JSON Schemas served at /schemas/<name>.schema.json.

type Json = Record<string, unknown>

const COLLECTIONS_TEXT = 'outputs, dmps, projects, fundings, persons, organisations'

/** A query parameter; `in: query` and `required: false` unless said. */
function query(name: string, description: string, schema: Json, example?: unknown): Json {
  return { name, in: 'query', required: false, description, schema, ...(example !== undefined ? { example } : {}) }
}

const csvList = (description: string, example: string) => ({ type: 'string', description, examples: [example] })

export const PARAMETERS = {
  institution: query('institution', 'Institution slugs, comma-separated (OR). Slugs are those GET /api/v1/indicators?by=institution lists (`pontificia-universidad-catolica-del-peru`); a name is slugged the same way.',
    csvList('institution slugs', 'pontificia-universidad-catolica-del-peru'), 'pontificia-universidad-catolica-del-peru'),
  source: query('source', 'Source ids, comma-separated (OR): records held by any of them. GET /api/v1/sources lists the ids; an unknown id is a 400.',
    csvList('source ids', 'alicia-oai-dc'), 'alicia-oai-dc'),
  type: query('type', 'COAR resource types, comma-separated (OR): a URI (http://purl.org/coar/resource_type/c_6501), a code (c_6501) or an English label (journal article).',
    csvList('COAR resource types', 'c_6501,c_7a1f'), 'c_6501'),
  access: query('access', 'COAR access rights, comma-separated (OR): open, embargoed, restricted, metadata-only, a code (c_abf2) or a URI.',
    csvList('access rights', 'open'), 'open'),
  year: query('year', 'Publication year (issued) of outputs, creation year of DMPs, start year of projects: a year (2020) or a range (2018-2020, 2018-, -2020).',
    { type: 'string', pattern: '^(\\d{1,4})?(-(\\d{1,4})?)?$' }, '2018-2020'),
  language: query('language', 'Languages, comma-separated (OR): ISO 639 codes (spa, es, eng, en).', csvList('language codes', 'spa'), 'spa'),
  ford_area: query('ford_area', 'OCDE FORD areas, comma-separated (OR): 1 to 6, a code (5.00.00) or a URI. Fields and disciplines are not indexed.',
    csvList('OCDE FORD areas', '3'), '3'),
  has_doi: query('has_doi', 'true: only records with a DOI; false: only those without.', { type: 'string', enum: ['true', 'false', '1', '0'] }, 'true'),
  q: query('q', 'Full-text search over titles, abstracts, keywords, creators and publisher (SQLite FTS5). Words are ANDed; a trailing * searches a prefix (biodiv*). At most 20 words.',
    { type: 'string', maxLength: 1000 }, 'cambio climático'),
  sort: query('sort', 'Order: id (default without q), modified, -modified, year, -year, relevance (default with q; only with q). With since= the order is modified.',
    { type: 'string', enum: ['id', 'modified', '-modified', 'year', '-year', 'relevance'] }, '-year'),
  since: query('since', 'Change feed: records modified after this time (ISO 8601 date or date-time), deletions included as tombstones {id, deleted: true, modified}, in modification order. JSON only; not with q.',
    { type: 'string', format: 'date-time' }, '2024-05-01T00:00:00Z'),
  cursor: query('cursor', 'Keyset cursor: * (or nothing) for the first page, then meta.next_cursor (also in the Link: rel="next" header). A cursor only continues the query it came from.',
    { type: 'string' }, '*'),
  per_page: query('per_page', 'Items per page, 1 to 200 (default 25).', { type: 'integer', minimum: 1, maximum: 200, default: 25 }, 100),
  format: query('format', 'Representation, instead of the Accept header: json (default), jsonld (schema.org JSON-LD) or csv.', { type: 'string', enum: ['json', 'jsonld', 'json-ld', 'csv'] }, 'csv'),
  formatJsonCsv: query('format', 'Representation, instead of the Accept header: json (default) or csv.', { type: 'string', enum: ['json', 'csv'] }, 'csv'),
  by: query('by', `Dimensions to count by, comma-separated: institution, year, ford_area, type, access, language (default: all).`,
    csvList('dimensions', 'institution,year'), 'year,type'),
  rule: query('rule', 'Compliance rule ids, comma-separated (OR), at most 100 (the ids GET /api/v1/reports shows).', csvList('rule ids', 'embargo-has-end-date'), 'embargo-has-end-date'),
  severity: query('severity', 'Severities, comma-separated (OR): error, warning, info.', csvList('severities', 'error'), 'error'),
  stale_days: query('stale_days', 'Days after which a source not harvested counts as stale in the health section (1 to 3650, default 90).',
    { type: 'integer', minimum: 1, maximum: 3650, default: 90 }, 30),
  full: query('full', 'true: a full harvest (lists everything and marks what vanished); default incremental.', { type: 'string', enum: ['true', 'false', '1', '0'] }, 'false'),
  harvestSource: query('source', 'Harvest only this source (default: every enabled source).', { type: 'string' }, 'alicia-oai-dc'),
  // OAI-PMH 2.0 arguments (Spec §3.1.1, §4).
  verb: query('verb', 'OAI-PMH verb: Identify, ListMetadataFormats, ListSets, GetRecord, ListIdentifiers, ListRecords.',
    { type: 'string', enum: ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] }, 'Identify'),
  identifier: query('identifier', 'OAI identifier of an item (GetRecord, ListMetadataFormats).', { type: 'string' }),
  metadataPrefix: query('metadataPrefix', 'oai_dc or oai_openaire for research outputs; cerif_perucris for projects, fundings, persons and organisations.', { type: 'string' }, 'oai_dc'),
  from: query('from', 'Lower bound of datestamps (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).', { type: 'string' }, '2024-01-01'),
  until: query('until', 'Upper bound of datestamps, same granularity as from.', { type: 'string' }, '2024-12-31'),
  set: query('set', 'setSpec: an institution or a type (ListSets lists them).', { type: 'string' }),
  resumptionToken: query('resumptionToken', 'Exclusive argument: the token of the previous page.', { type: 'string' }),
} satisfies Record<string, Json>

export type ParameterName = keyof typeof PARAMETERS

/** Path parameters are written where they are used (their meaning depends on the path). */
export function pathParameter(name: string, description: string, schema: Json, example: string): Json {
  return { name, in: 'path', required: true, description, schema, example }
}

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } }
const problemResponse = (description: string, headers?: Json): Json => ({ description, content: problemContent, ...(headers ? { headers } : {}) })

export const RESPONSES = {
  BadRequest: problemResponse('A parameter was wrong: unknown, repeated, malformed or out of range. `errors` names each one and says what was expected.'),
  NotFound: problemResponse('Nothing at this path, or no such item.'),
  Gone: problemResponse('The item was deleted, or every source holding it is disabled.'),
  NotAcceptable: problemResponse('Nothing this resource offers matches the Accept header (try ?format=).'),
  Unauthorized: problemResponse('No valid `Authorization: Bearer <REDCTI_ADMIN_TOKEN>`; when the server has no admin token, every admin call gets this.', {
    'WWW-Authenticate': { description: 'Bearer realm="redcti admin"', schema: { type: 'string' } },
  }),
  Conflict: problemResponse('The request conflicts with the state of the source (disabled, not configured, already being harvested).'),
  TooManyRequests: problemResponse('More requests per minute than allowed for this client; bulk downloads belong to /api/v1/dumps.', {
    'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
  }),
  NotModified: { description: 'The client\'s copy is current (If-None-Match / If-Modified-Since).' },
} satisfies Record<string, Json>

export type ResponseName = keyof typeof RESPONSES

/** JSON Schemas of the entities, served by this API at /schemas/<file>. */
export const ENTITY_SCHEMA_FILES = {
  ResearchOutput: 'research-output.schema.json',
  Dmp: 'dmp.schema.json',
  Project: 'project.schema.json',
  Funding: 'funding.schema.json',
  Person: 'person.schema.json',
  Organisation: 'organisation.schema.json',
} as const

export function schemas(base: string): Record<string, Json> {
  const entitySchemas = Object.fromEntries(Object.entries(ENTITY_SCHEMA_FILES).map(([name, file]) => [name, { $ref: `${base}/schemas/${file}` }]))
  const string = { type: 'string' }
  const nullableString = { type: ['string', 'null'] }
  return {
    ...entitySchemas,
    Problem: {
      type: 'object',
      description: 'RFC 9457 problem details.',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string', description: 'about:blank' },
        title: string,
        status: { type: 'integer' },
        detail: string,
        errors: { type: 'array', items: { type: 'object', required: ['parameter', 'message'], properties: { parameter: string, message: string } } },
      },
    },
    Modified: { type: 'object', properties: { modified: { type: 'string', format: 'date-time', description: 'When the record last changed in the aggregate.' } } },
    Tombstone: {
      type: 'object', required: ['id', 'deleted', 'modified'],
      description: 'A deleted (or withdrawn) record in the change feed.',
      properties: { id: string, deleted: { const: true }, modified: { type: 'string', format: 'date-time' } },
    },
    ListMeta: {
      type: 'object', required: ['count', 'per_page', 'next_cursor'],
      properties: {
        count: { type: 'integer' }, per_page: { type: 'integer' }, sort: string, since: { type: 'string', format: 'date-time' },
        next_cursor: { ...nullableString, description: 'null on the last page.' },
      },
    },
    Links: { type: 'object', properties: { self: string, next: nullableString } },
    SourceView: {
      type: 'object',
      required: ['id', 'enabled', 'records', 'links'],
      properties: {
        id: string, name: nullableString, enabled: { type: 'boolean' },
        records: { type: 'integer', description: 'Live raw records.' }, deleted: { type: 'integer' }, vanished: { type: 'integer' },
        failed: { type: 'integer', description: 'Records that could not be read.' }, notMapped: { type: 'integer', description: 'Records read but not mapped to the model.' },
        highWater: nullableString, deferredUntil: nullableString,
        lastRun: {
          type: ['object', 'null'],
          properties: { id: { type: 'integer' }, mode: string, status: string, startedAt: string, finishedAt: nullableString, pages: { type: 'integer' }, records: { type: 'integer' }, message: nullableString },
        },
        institution: nullableString, baseUrl: nullableString, metadataPrefix: nullableString, role: nullableString,
        links: { type: 'object', additionalProperties: string },
      },
    },
    Finding: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, source: string, record: { ...string, description: 'OAI identifier at the source.' }, copy: string, entity: nullableString,
        entity_url: nullableString, landing_page: nullableString, rule: string, severity: { enum: ['error', 'warning', 'info'] }, path: string,
        values: { type: 'array' }, message: nullableString, fix: nullableString, checked: string,
      },
    },
    IndicatorCount: {
      type: 'object', required: ['value', 'count'],
      properties: { value: { type: ['string', 'integer', 'null'] }, label: nullableString, label_es: nullableString, count: { type: 'integer' } },
    },
    Dump: {
      type: 'object',
      properties: {
        collection: { enum: COLLECTIONS_TEXT.split(', ') }, format: { enum: ['ndjson', 'csv'] }, compression: { const: 'gzip' }, media_type: string,
        scope: { enum: ['all', 'source', 'institution'] }, source: string, institution: string, url: string, records: { type: ['integer', 'null'] },
      },
    },
  }
}
