import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Ajv } from 'ajv'
import { modelSchemas } from '../../scripts/model-schemas.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('schemas/ follow src/model', () => {
  const generated = modelSchemas(root)

  it('every committed entity schema is exactly what `npm run schemas` generates from the types', () => {
    for (const [file, schema] of Object.entries(generated)) {
      const committed = JSON.parse(readFileSync(`${root}schemas/${file}`, 'utf8'))
      expect(committed, `${file} is stale: run npm run schemas`).toEqual(schema)
    }
  })

  it('every schema compiles, and a person carries only the allow-listed fields', () => {
    const ajv = new Ajv({ strict: false })
    for (const schema of Object.values(generated)) ajv.compile(schema)
    const person = generated['person.schema.json'] as { properties: Record<string, unknown>; additionalProperties: boolean }
    expect(Object.keys(person.properties).sort()).toEqual(['affiliations', 'id', 'kind', 'name', 'orcid', 'provenance'])
    expect(person.additionalProperties).toBe(false)
  })
})
