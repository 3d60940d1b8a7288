// Brings a maDMP 1.0/1.1 document (and DMP tools' variants of them) to the 1.2 shape the mapper reads.
// Pure: returns a new document. 1.2 only relaxed or added fields, so the upgrade renames and re-shapes.
import { toUtcSeconds } from '../shared/date-time.ts'
import { isObject, type JsonObject } from './json-value.ts'

export interface Upgrade {
  doc: JsonObject
  /** What changed, as `path: change` lines for the record's issues. */
  changes: string[]
}

export function upgradeTo12(doc: JsonObject): Upgrade {
  const copy = structuredClone(doc)
  const changes: string[] = []
  const dmp = isObject(copy.dmp) ? copy.dmp : null
  if (!dmp) return { doc: copy, changes }
  // 1.0/1.1 examples write date-times without a zone ("2019-03-13T13:13:00"); 1.2 requires one.
  for (const key of ['created', 'modified'] as const) {
    const value = dmp[key]
    const utc = toUtcSeconds(value)
    if (typeof value === 'string' && utc && !/(?:Z|[+-]\d\d:?\d\d)$/i.test(value.trim())) {
      dmp[key] = utc
      changes.push(`/dmp/${key}: no time zone, read as UTC (1.2 requires one)`)
    }
  }
  // DMPRoadmap writes one affiliation object; 1.2 has an array of them (on contact, contributor and creator).
  const people: [string, unknown][] = [['/dmp/contact', dmp.contact]]
  if (Array.isArray(dmp.contributor)) dmp.contributor.forEach((c, i) => people.push([`/dmp/contributor/${i}`, c]))
  for (const [path, person] of people) {
    if (isObject(person) && isObject(person.affiliation)) {
      person.affiliation = [person.affiliation]
      changes.push(`${path}/affiliation: one object made an array (1.2)`)
    }
  }
  // DMPRoadmap names the funder in `name`; the RDA examples use `funder_name` (neither is in the schema).
  for (const [p, project] of (Array.isArray(dmp.project) ? dmp.project : []).entries()) {
    if (!isObject(project) || !Array.isArray(project.funding)) continue
    for (const [f, funding] of project.funding.entries()) {
      if (isObject(funding) && typeof funding.name === 'string' && funding.funder_name === undefined) {
        funding.funder_name = funding.name
        delete funding.name
        changes.push(`/dmp/project/${p}/funding/${f}/name: read as funder_name`)
      }
    }
  }
  return { doc: copy, changes }
}
