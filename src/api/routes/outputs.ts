// /api/v1/outputs: research outputs (articles, theses, datasets…) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const outputsRoutes = entityRoutes('outputs')
