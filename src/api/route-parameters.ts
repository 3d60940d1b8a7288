// Every /api/v1 route and the query parameters it accepts, as the handlers enforce them (an unknown one is a 400):
// the list the OpenAPI document and the hostile-parameter test are checked against.
import { COLLECTIONS, type Collection } from './collections.ts'
import { listParameters } from './entity-routes.ts'
import { FILTERS } from './filters.ts'
import { FINDINGS_PARAMETERS, FINDINGS_SUMMARY_PARAMETERS } from './routes/findings.ts'
import { REPORT_PARAMETERS } from './routes/reports.ts'
import { INDICATOR_PARAMETERS } from './routes/indicators.ts'
import { HARVEST_PARAMETERS } from './routes/admin.ts'

/** `METHOD /path/{param}` → accepted query parameters. HEAD is answered wherever GET is. */
export function routeParameters(): Record<string, readonly string[]> {
  const routes: Record<string, readonly string[]> = {}
  for (const collection of Object.keys(COLLECTIONS) as Collection[]) {
    routes[`GET /api/v1/${collection}`] = listParameters(collection)
    routes[`GET /api/v1/${collection}/{id}`] = ['format']
  }
  routes['GET /api/v1/sources'] = []
  routes['GET /api/v1/sources/{id}'] = []
  routes['GET /api/v1/findings'] = FINDINGS_PARAMETERS
  routes['GET /api/v1/findings/summary'] = FINDINGS_SUMMARY_PARAMETERS
  routes['GET /api/v1/findings/{id}'] = []
  routes['GET /api/v1/reports'] = REPORT_PARAMETERS
  routes['GET /api/v1/reports/{source}'] = REPORT_PARAMETERS
  routes['GET /api/v1/indicators'] = INDICATOR_PARAMETERS
  routes['GET /api/v1/dumps'] = []
  // {file} is {collection}.{ndjson|csv}.gz; the filters are those of the collection (research outputs: the most).
  const outputFilters = FILTERS['research-output']
  routes['GET /api/v1/dumps/{file}'] = outputFilters
  routes['GET /api/v1/dumps/sources/{source}/{file}'] = outputFilters.filter((f) => f !== 'source')
  routes['GET /api/v1/dumps/institutions/{institution}/{file}'] = outputFilters.filter((f) => f !== 'institution')
  routes['POST /api/v1/admin/sources/{id}/enable'] = []
  routes['POST /api/v1/admin/sources/{id}/disable'] = []
  routes['POST /api/v1/admin/harvest'] = HARVEST_PARAMETERS
  return routes
}
