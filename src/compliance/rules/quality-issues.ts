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

