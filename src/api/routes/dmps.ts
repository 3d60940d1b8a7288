// /api/v1/dmps: data management plans (RDA maDMP 1.2) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const dmpsRoutes = entityRoutes('dmps')
