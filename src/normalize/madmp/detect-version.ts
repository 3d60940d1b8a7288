// Which maDMP version a document is: the one it declares, else 1.2 when it uses 1.2's fields or validates as
// 1.2, else 1.1. No shape tells 1.0 from 1.1 (they differ only in what is required), so 1.0 must be declared.
import { isObject, type JsonObject } from './json-value.ts'

export type MadmpVersion = '1.0' | '1.1' | '1.2'

export interface Detection {
  version: MadmpVersion
  declared: boolean
}

// ".../JSON-schema/1.0" (DMPRoadmap's dmp.schema), "./JSON-schema/1.2/maDMP-schema-1.2.json" (the RDA examples'
// $schema), "application/vnd.org.rd-alliance.dmp-common.v1.2+json" (the DMP Tool API's media type).
const DECLARATION = /(?:JSON-schema\/|maDMP-schema-|dmp-common\.v)(1\.[0-2])(?![0-9])/i

export function detectVersion(doc: JsonObject, validatesAs12: (doc: unknown) => boolean): Detection {
  const dmp = isObject(doc.dmp) ? doc.dmp : {}
  for (const candidate of [doc.$schema, dmp.$schema, dmp.schema]) {
    const declared = typeof candidate === 'string' ? DECLARATION.exec(candidate)?.[1] : undefined
    if (declared) return { version: declared as MadmpVersion, declared: true }
  }
  if (uses12Fields(dmp) || validatesAs12(doc)) return { version: '1.2', declared: false }
  return { version: '1.1', declared: false }
}

/** Fields 1.2 added (JSON-schema/1.2/README.md upstream) or identifiers it lets be arrays. */
function uses12Fields(dmp: JsonObject): boolean {
  if ('alternate_identifier' in dmp || 'related_identifier' in dmp) return true
  const people = [dmp.contact, ...(Array.isArray(dmp.contributor) ? dmp.contributor : [])].filter(isObject)
  if (people.some((p) => Array.isArray(p.contact_id) || Array.isArray(p.contributor_id) || Array.isArray(p.affiliation))) return true
  for (const dataset of Array.isArray(dmp.dataset) ? dmp.dataset.filter(isObject) : []) {
    if (['alternate_identifier', 'related_identifier', 'creator', 'is_reused', 'rights'].some((k) => k in dataset)) return true
    for (const distribution of Array.isArray(dataset.distribution) ? dataset.distribution.filter(isObject) : []) {
      if ('issued' in distribution || (isObject(distribution.host) && 'host_id' in distribution.host)) return true
    }
  }
  return false
}
