// Generates the JSON Schema of each public entity from its TypeScript type in src/model (dev-time only: used by
// scripts/generate-schemas.ts and by the test that keeps schemas/ in step with src/model).
import { createGenerator } from 'ts-json-schema-generator'

export const schemaFiles = {
  'research-output.schema.json': 'ResearchOutput',
  'dmp.schema.json': 'DataManagementPlan',
  'project.schema.json': 'Project',
  'funding.schema.json': 'Funding',
  'person.schema.json': 'Person',
  'organisation.schema.json': 'Organisation',
  'equipment.schema.json': 'Equipment',
} as const

export function modelSchemas(root: string): Record<string, object> {
  const generator = createGenerator({
    path: `${root}src/model/index.ts`,
    tsconfig: `${root}tsconfig.json`,
    skipTypeCheck: true,
    // Extra properties are a mapping bug: the allow-list of personal fields depends on it.
    additionalProperties: false,
    jsDoc: 'extended',
    topRef: false,
  })
  const out: Record<string, object> = {}
  for (const [file, type] of Object.entries(schemaFiles)) {
    const schema = generator.createSchema(type) as Record<string, unknown>
    out[file] = { $id: `https://redcti.pe/schemas/${file}`, ...schema }
  }
  return out
}
