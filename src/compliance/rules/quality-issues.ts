// The mapper's issues a quality rule reads: picked by source field and wording, with values safe to show a manager.
import type { MappingIssue } from '../../model/index.ts'
import { looksLikeNationalId } from '../../normalize/shared/identifiers.ts'
import type { RuleHit } from '../types.ts'

/**
 * One kind of issue, as the mappers word it: `path` is the source field (DSpace formats: `dc.rights.uri`) or the
 * JSON pointer (oai_dc, oai_openaire: `/languages`), `message` the mapper's wording. Mappers translate and never
 * judge; they note what they could not translate, and these patterns are the contract between the two.
 */
export interface IssueKind {
  path: RegExp
  message: RegExp
}

export function issuesOf(issues: MappingIssue[], ...kinds: IssueKind[]): MappingIssue[] {
  return issues.filter((issue) => kinds.some((kind) => kind.path.test(issue.path) && kind.message.test(issue.message)))
}

/**
 * Distinct values to show. Issue #3: a value that looks like a national identity number, or an e-mail address, is
 * never repeated in a finding (the mappers already withhold the first; this is belt and braces).
 */
export function shownValues(values: Iterable<string | undefined>): string[] {
  const shown = new Set<string>()
  for (const value of values) {
    const v = value?.trim()
    if (v && !looksLikeNationalId(v) && !/[^\s@]+@[^\s@]+\.[^\s@]+/.test(v)) shown.add(v)
  }
  return [...shown]
}

/**
 * One hit at `path` for the issues found and the record's own offending values, or none. A value withheld (issue #3)
 * still leaves a hit: the problem is real even when its value cannot be shown.
 */
export function hitAt(path: string, found: MappingIssue[], values: (string | undefined)[] = []): RuleHit[] {
  if (found.length === 0 && values.length === 0) return []
  return [{ path, values: shownValues([...found.map((issue) => issue.value), ...values]) }]
}

// ─── dc:rights ──────────────────────────────────────────────────────────────

/**
 * Access levels and licences share dc:rights (ALICIA puts the licence in dc.rights.uri, but DSpace's oai_dc flattens
 * both into dc:rights, and LA Referencia's datacite.rights mixes them too), so a value the mapper could read as
 * neither is reported under the shared field: oai_dc `dc:rights` ("neither a COAR access right nor a licence we
 * recognise", "not an access right or a licence: …"), DSpace `dc.rights` and `datacite.rights` ("neither an access
 * right nor a licence").
 */
const UNREAD_RIGHTS: IssueKind = { path: /^(?:dc[:.]rights|datacite\.rights)$/i, message: /(?:neither|not) an? (?:COAR )?access right/i }

/** Text that is about a licence: a URL, "licencia", "Creative Commons", "CC BY" (and DSpace's "license - uri" error text). */
const LICENCE_LIKE = /^https?:\/\/|licen[cs]|creative\s*commons|(?<![a-z])cc[\s-]*(?:by|0)(?![a-z])/i

export interface UnreadRights {
  /** Values that try to state a licence (they belong in dc.rights.uri). */
  licences: MappingIssue[]
  /** Everything else: an access level off the vocabulary, or a statement of conditions ("uso restringido a…"). */
  statements: MappingIssue[]
}

export function unreadRights(issues: MappingIssue[]): UnreadRights {
  const unread = issuesOf(issues, UNREAD_RIGHTS)
  const isLicence = (issue: MappingIssue) => issue.value !== undefined && LICENCE_LIKE.test(issue.value)
  return { licences: unread.filter(isLicence), statements: unread.filter((issue) => !isLicence(issue)) }
}
