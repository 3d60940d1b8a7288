// What a dc:rights value the vocabularies could not read says: a licence in the wrong field, or a statement of the
// conditions of access ("Contiene datos personales de pacientes"). The statement is the record's reason for
// restricting access (`accessReason`), which the project view (art. 39.5's exceptions) and the dataset rule read.
import type { MappingIssue, ResearchOutput } from '../../model/index.ts'
import { looksLikeNationalId } from './identifiers.ts'

/**
 * How the mappers word an unread rights value (the contract between mappers and rules): oai_dc `dc:rights`
 * ("neither a COAR access right nor a licence we recognise", "not an access right or a licence: …"), DSpace
 * `dc.rights` and `datacite.rights` ("neither an access right nor a licence").
 */
export const UNREAD_RIGHTS = { path: /^(?:dc[:.]rights|datacite\.rights)$/i, message: /(?:neither|not) an? (?:COAR )?access right/i }

/** Text that is about a licence: a URL, "licencia", "Creative Commons", "CC BY" (and DSpace's "license - uri" error text). */
const LICENCE_LIKE = /^https?:\/\/|licen[cs]|creative\s*commons|(?<![a-z])cc[\s-]*(?:by|0)(?![a-z])/i

export interface UnreadRights {
  /** Values that try to state a licence (they belong in dc.rights.uri). */
  licences: MappingIssue[]
  /** Everything else: an access level off the vocabulary, or a statement of conditions ("uso restringido a…"). */
  statements: MappingIssue[]
}

export function unreadRights(issues: MappingIssue[]): UnreadRights {
  const unread = issues.filter((issue) => UNREAD_RIGHTS.path.test(issue.path) && UNREAD_RIGHTS.message.test(issue.message))
  const isLicence = (issue: MappingIssue) => issue.value !== undefined && LICENCE_LIKE.test(issue.value)
  return { licences: unread.filter(isLicence), statements: unread.filter((issue) => !isLicence(issue)) }
}

const RESTRICTING = new Set(['http://purl.org/coar/access_right/c_16ec', 'http://purl.org/coar/access_right/c_14cb'])
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g

/**
 * The output with `accessReason` taken from its rights statements when its access is restricted or metadata only
 * and the mapper found no reason of its own. Published, so no e-mail address and no national ID goes in it.
 */
export function withAccessReason(output: ResearchOutput, issues: MappingIssue[]): ResearchOutput {
  if (output.accessReason || !output.accessRight || !RESTRICTING.has(output.accessRight.uri)) return output
  const reasons = unreadRights(issues).statements
    .map((issue) => issue.value?.replace(EMAIL, '[e-mail]').trim())
    .filter((text): text is string => Boolean(text) && !text!.split(/\s+/).some(looksLikeNationalId))
  return reasons.length > 0 ? { ...output, accessReason: [...new Set(reasons)].join(' ') } : output
}
