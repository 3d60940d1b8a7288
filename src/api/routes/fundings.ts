// /api/v1/fundings: fundings: grants, calls and programmes (PerúCRIS) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const fundingsRoutes = entityRoutes('fundings')
