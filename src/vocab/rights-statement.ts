// dc:rights values known to be neither an access level nor a licence: DSpace error texts, institutional terms.
import table from '../../data/vocab/rights-statements.json' with { type: 'json' }
import { isLookupValue, textKey } from './key.ts'
import { memoize } from './memoize.ts'

export type RightsStatementKind = 'placeholder' | 'institutional-terms'

export interface RightsStatement {
  /** `placeholder`: carries nothing (drop it); `institutional-terms`: keep as text, it is not a licence. */
  kind: RightsStatementKind
  note: string
}

const statements = new Map(
  Object.entries(table.statements).map(([text, s]) => [textKey(text), { kind: s.kind as RightsStatementKind, note: s.note }]),
)

const read = memoize((value: string): RightsStatement | null => isLookupValue(value) ? statements.get(textKey(value)) ?? null : null)

export function rightsStatement(value: string): RightsStatement | null {
  const hit = read(value)
  return hit && { kind: hit.kind, note: hit.note }
}
