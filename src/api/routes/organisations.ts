// /api/v1/organisations: organisations (PerúCRIS OrgUnits and funders) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const organisationsRoutes = entityRoutes('organisations')
