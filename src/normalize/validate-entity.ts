// Validates normalized entities against the JSON Schemas in schemas/ (generated from src/model), compiled once.
import { readFileSync } from 'node:fs'
import { Ajv, type ValidateFunction } from 'ajv'
import type { Entity } from '../model/index.ts'

const files: Record<Entity['kind'], string> = {
  'research-output': 'research-output.schema.json',
  dmp: 'dmp.schema.json',
  project: 'project.schema.json',
  funding: 'funding.schema.json',
  person: 'person.schema.json',
  organisation: 'organisation.schema.json',
  equipment: 'equipment.schema.json',
}

const validators = new Map<string, ValidateFunction>()
const ajv = new Ajv({ allErrors: true, strict: false })

function validatorFor(kind: Entity['kind']): ValidateFunction {
  let validate = validators.get(kind)
  if (!validate) {
    const schema = JSON.parse(readFileSync(new URL(`../../schemas/${files[kind]}`, import.meta.url), 'utf8'))
    validate = ajv.compile(schema)
    validators.set(kind, validate)
  }
  return validate
}

/** Problems as `path: message` lines; empty when the entity is valid. */
export function validateEntity(entity: Entity): string[] {
  const validate = validatorFor(entity.kind)
  if (validate(entity)) return []
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`)
}
