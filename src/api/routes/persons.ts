// /api/v1/persons: persons, allow-listed fields only: name, ORCID, affiliations (issue #3) — list, change feed and item (src/api/entity-routes.ts).
import { entityRoutes } from '../entity-routes.ts'

export const personsRoutes = entityRoutes('persons')
