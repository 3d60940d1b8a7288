// The madmp input format: one maDMP JSON document (RDA DMP Common Standard 1.2, or 1.0/1.1 upgraded) into one
// DataManagementPlan, with the official schema's violations reported as issues while the rest is still mapped.
import type { MappingResult } from '../model/index.ts'
import { describeJsonError } from '../../harvesters/madmp/json-error.ts'
import type { InputFormat, RawInput } from './types.ts'
import { detectVersion } from './madmp/detect-version.ts'
import { schemaIssues, validatesAs12 } from './madmp/input-schema.ts'
import { isObject } from './madmp/json-value.ts'
import { DROPPED_PATHS, MAPPED_PATHS, mapPlan } from './madmp/map-plan.ts'
import { upgradeTo12 } from './madmp/upgrade.ts'

export const madmp: InputFormat = {
  id: 'madmp',
  description: 'RDA DMP Common Standard (maDMP) JSON 1.2, with 1.0 and 1.1 documents upgraded, into a DataManagementPlan',
  map: mapMadmp,
}

export function mapMadmp(input: RawInput): MappingResult {
  let doc: unknown
  try {
    doc = JSON.parse(input.metadata.replace(/^\uFEFF/, ''))
  } catch (error) {
    return { ok: false, error: `the metadata is ${describeJsonError(input.metadata, error)}` }
  }
  if (!isObject(doc) || !isObject(doc.dmp)) return { ok: false, error: 'not a maDMP document: no top-level "dmp" object' }
  try {
    const { version, declared } = detectVersion(doc, validatesAs12)
    const issues = schemaIssues(doc, version)
    const upgrade = version === '1.2' ? { doc, changes: [] } : upgradeTo12(doc)
    if (!declared) issues.push({ path: '/', message: `no version declared: read as maDMP ${version}` })
    for (const change of upgrade.changes) {
      const [path = '/', ...rest] = change.split(': ')
      issues.push({ path, message: `upgraded from ${version}: ${rest.join(': ')}` })
    }
    const dmp = upgrade.doc.dmp as Record<string, unknown>
    const mapped = mapPlan(dmp, version, input)
    return { ok: true, entities: [mapped.plan], unmapped: unmappedPaths(upgrade.doc), issues: [...issues, ...mapped.issues] }
  } catch (error) {
    // A bug, not bad data; the run still goes on (issue #3: a record that cannot be mapped keeps its raw form).
    return { ok: false, error: `madmp mapper failed: ${(error as Error).message}` }
  }
}

// Paths compare without their `[]`: maDMP lets several fields be one object or an array of them.
const plain = (path: string) => path.replace(/\[\]/g, '')
const mapped = new Set(MAPPED_PATHS.map(plain))
const dropped = new Set(DROPPED_PATHS.map(plain))
/** Every proper prefix of a mapped path: objects the walk must enter to find what was left out. */
const containers = new Set([...mapped].flatMap((p) => p.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))))

/** Input fields the mapper did not read, as generic paths (`dmp.dataset[].distribution[].host.description`). */
function unmappedPaths(doc: Record<string, unknown>): string[] {
  const out = new Set<string>()
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, path)
      return
    }
    if (!isObject(value)) return
    for (const [key, child] of Object.entries(value)) {
      const here = `${path ? `${path}.` : ''}${key}${Array.isArray(child) ? '[]' : ''}`
      const generic = plain(here)
      if (mapped.has(generic) || dropped.has(generic)) continue
      if (containers.has(generic)) walk(child, here)
      else out.add(here)
    }
  }
  walk(doc, '')
  return [...out].sort()
}
