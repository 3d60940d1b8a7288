// The OpenAPI 3.1 description of everything this server answers, built for the base URL it is served at.
import { PARAMETERS, RESPONSES, schemas } from './components.ts'
import { entityPaths } from './entity-paths.ts'
import { servicePaths } from './service-paths.ts'
import { openDataPaths } from './open-data-paths.ts'
import { CC_BY_4 } from '../catalog/describe-catalog.ts'

type Json = Record<string, unknown>

/** Tags in the order the docs page shows them, with Spanish names. */
export const TAGS = [
  { name: 'Entities', 'x-name-es': 'Entidades', description: 'Research outputs, data management plans and the CRIS entities: lists, change feeds and items, in JSON, JSON-LD and CSV.' },
  { name: 'Dumps', 'x-name-es': 'Volcados', description: 'Everything at once: gzip-compressed NDJSON and CSV, for the whole aggregate, per source and per institution. Take these rather than paging the API.' },
  { name: 'Indicators', 'x-name-es': 'Indicadores', description: 'Counts of research outputs by institution, year, OCDE area, type, access right and language.' },
  { name: 'Sources', 'x-name-es': 'Fuentes', description: 'The harvested repositories and their harvest status.' },
  { name: 'Compliance', 'x-name-es': 'Cumplimiento', description: 'Findings of the compliance rules and the compliance report (D.S. 062-2024-PCM, ALICIA, RENATI, OpenAIRE).' },
  { name: 'OAI-PMH', 'x-name-es': 'OAI-PMH', description: 'Our OAI-PMH 2.0 data provider, for other aggregators.' },
  { name: 'Open data catalog', 'x-name-es': 'Catálogo de datos abiertos', description: 'What we publish, described for the PNDA (Project Open Data data.json) and DCAT-AP harvesters.' },
  { name: 'Documentation', 'x-name-es': 'Documentación', description: 'This description, the docs page and the JSON Schemas of the records.' },
  { name: 'Admin', 'x-name-es': 'Administración', description: 'Enable or disable a source, start a harvest. Needs the bearer token in REDCTI_ADMIN_TOKEN; without it, admin is off (401).' },
] as const

export function openApiDocument(base: string, contact: { name: string; email: string }): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'redcti API',
      version: '1',
      summary: 'Open data of Peru\'s National Network of Information in Science, Technology and Innovation.',
      description: [
        'The aggregate of Peruvian research outputs that redcti harvests from institutional repositories (and ALICIA) over OAI-PMH, normalizes, deduplicates and checks, republished as open data.',
        '',
        'Conventions: every error (4xx) is `application/problem+json` (RFC 9457) and names what was wrong; an unknown or repeated query parameter is a 400. Lists are paged with keyset cursors; `since=` turns a list into a change feed. Every GET sets `ETag` and, when known, `Last-Modified`, and answers 304 to a current `If-None-Match` or `If-Modified-Since`. CORS is open. Under /api, each client has a per-minute request budget (429 with `Retry-After`): for everything at once, take /api/v1/dumps.',
        '',
        'The metadata aggregate is published under CC BY 4.0; each work described keeps its own licence, stated in its record.',
      ].join('\n'),
      contact: { name: contact.name, email: contact.email, url: `${base}/docs` },
      license: { name: 'CC BY 4.0 (the metadata aggregate)', url: CC_BY_4 },
    },
    servers: [{ url: base }],
    tags: TAGS,
    paths: { ...entityPaths(), ...servicePaths(), ...openDataPaths() },
    components: {
      parameters: PARAMETERS,
      responses: RESPONSES,
      schemas: schemas(base),
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'The token in REDCTI_ADMIN_TOKEN.' } },
    },
  }
}
