// Checks a maDMP document against the official JSON Schema of its version (vendored in schemas/vendor/madmp)
// and reports each violation as a mapping issue: where and what, never the value (it may be an e-mail).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import schema11 from '../../../schemas/vendor/madmp/1.1/maDMP-schema-1.1.json' with { type: 'json' }
import schema12 from '../../../schemas/vendor/madmp/1.2/maDMP-schema-1.2.json' with { type: 'json' }
import type { MappingIssue } from '../../model/index.ts'
import type { MadmpVersion } from './detect-version.ts'
import { isObject, objects } from './json-value.ts'

/** A document broken everywhere would bury the useful first issues: the rest are counted, not listed. */
const MAX_ISSUES = 50

let validators: { v11: ValidateFunction; v12: ValidateFunction } | undefined

// Compiled on first use (tens of milliseconds), then shared: the schemas are module data, so no I/O here.
function compiled() {
  if (validators) return validators
  // strict: false: the upstream 1.1 schema carries keywords ajv does not know (`id` beside `$id`).
  const ajv11 = new Ajv({ allErrors: true, strict: false })
  const ajv12 = new Ajv2020({ allErrors: true, strict: false })
  // ajv-formats is CommonJS: under NodeNext the default import is the module object, the plugin is `.default`.
  addFormats.default(ajv11, ['date', 'date-time', 'email', 'uri'])
  addFormats.default(ajv12, ['date', 'date-time', 'email', 'uri'])
  // 1.2 writes `format: url`, which no JSON Schema draft defines: an annotation, as upstream's validator reads it.
  ajv12.addFormat('url', true)
  validators = { v11: ajv11.compile(schema11), v12: ajv12.compile(schema12) }
  return validators
}

export function validatesAs12(doc: unknown): boolean {
  return compiled().v12(doc) === true
}

/** 1.0 documents are checked with the 1.1 schema (1.1 only relaxed 1.0) plus the three requirements 1.0 adds. */
export function schemaIssues(doc: unknown, version: MadmpVersion): MappingIssue[] {
  const { v11, v12 } = compiled()
  const validate = version === '1.2' ? v12 : v11
  const label = `maDMP ${version === '1.0' ? '1.1' : version} schema`
  const errors = validate(doc) ? [] : (validate.errors ?? [])
  const issues = errors
    // The standard's own examples declare their version with a root "$schema" key, which 1.1's root forbids.
    .filter((e) => !(version !== '1.2' && e.instancePath === '' && e.keyword === 'additionalProperties' && (e.params as { additionalProperty?: string }).additionalProperty === '$schema'))
    .map((e) => ({ path: e.instancePath || '/', message: `${label}: ${describe(e)}` }))
  if (version === '1.0') issues.push(...requiredBy10(doc))
  if (issues.length <= MAX_ISSUES) return issues
  return [...issues.slice(0, MAX_ISSUES), { path: '/', message: `${label}: ${issues.length - MAX_ISSUES} more violations not listed` }]
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  const message = error.message ?? `fails ${error.keyword}`
  // Only schema-side details: property names and allowed values, never the document's value.
  if (error.keyword === 'additionalProperties') return `${message} (${String(params.additionalProperty)})`
  if (error.keyword === 'enum') return `${message}: ${(params.allowedValues as unknown[]).length > 12 ? 'a code from the list' : (params.allowedValues as unknown[]).map(String).join(', ')}`
  return message
}

/** 1.0 required project start and end and a grant_id in each funding (1.1 README upstream). */
function requiredBy10(doc: unknown): MappingIssue[] {
  const issues: MappingIssue[] = []
  const dmp = isObject(doc) && isObject(doc.dmp) ? doc.dmp : {}
  objects(dmp.project).forEach((project, p) => {
    for (const key of ['start', 'end']) {
      if (!(key in project)) issues.push({ path: `/dmp/project/${p}`, message: `maDMP 1.0: must have required property '${key}'` })
    }
    objects(project.funding).forEach((funding, f) => {
      if (!('grant_id' in funding)) issues.push({ path: `/dmp/project/${p}/funding/${f}`, message: "maDMP 1.0: must have required property 'grant_id'" })
    })
  })
  return issues
}
