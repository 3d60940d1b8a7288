// /api/v1/projects: research projects (PerúCRIS) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const projectsRoutes = entityRoutes('projects')
