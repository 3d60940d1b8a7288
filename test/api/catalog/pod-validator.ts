// ajv (draft-04) over the vendored Project Open Data v1.1 schemas (schemas/vendor/pod-1.1/, see its PROVENANCE.md).
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import AjvDraft04 from 'ajv-draft-04'
import addFormats from 'ajv-formats'

const folder = fileURLToPath(new URL('../../../schemas/vendor/pod-1.1/', import.meta.url))
const POD = 'https://project-open-data.cio.gov/v1.1/schema/'

// Both packages are CommonJS: under NodeNext the default import is the module object, the export is `.default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false })
addFormats.default(ajv)
for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) ajv.addSchema(JSON.parse(readFileSync(folder + file, 'utf8')) as object)

export type PodProfile = 'catalog' | 'catalog-non-federal' | 'dataset' | 'dataset-non-federal' | 'distribution'

/** Validates against one vendored schema; returns ajv's errors as `path: message` lines (empty when valid). */
export function podErrors(profile: PodProfile, value: unknown): string[] {
  const validate = ajv.getSchema(`${POD}${profile}.json`) ?? ajv.getSchema(`${POD}${profile}.json#`)
  if (!validate) throw new Error(`no schema ${profile}`)
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? ''} ${JSON.stringify(e.params)}`)
}
