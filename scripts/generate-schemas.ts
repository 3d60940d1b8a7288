// Writes schemas/<entity>.schema.json from the model types in src/model (the types are the source of truth;
// test/model/schemas.test.ts fails when a committed schema differs from what this script produces).
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { modelSchemas } from './model-schemas.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
for (const [file, schema] of Object.entries(modelSchemas(root))) {
  writeFileSync(`${root}schemas/${file}`, `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`schemas/${file}`)
}
