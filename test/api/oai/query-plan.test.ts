// /oai pages on (datestamp, id) keysets: a deep page is an index seek, never OFFSET nor a sort of the whole list.
import { describe, expect, it } from 'vitest'
import { openDb } from '../../../src/db/open.ts'
import { listStatement } from '../../../src/api/oai/records.ts'

describe('the /oai list query plan', () => {
  const db = openDb(':memory:')
  const plan = (set?: string) => {
    const { sql, args } = listStatement({ kinds: ['research-output'], until: '2026-01-01T00:00:00Z', set, after: ['2025-01-01T00:00:00Z', 'ro-1'], limit: 101, withEntity: true }, { disabled: new Set(), changedAt: new Map() }, 'page')
    expect(sql).not.toMatch(/OFFSET/i)
    return (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('\n')
  }

  it('seeks the (kind, modified_at, id) index from the token position, for the whole list and within a set', () => {
    for (const set of [undefined, 'institution:pucp', 'type:c_6501']) {
      const detail = plan(set)
      expect(detail).toContain('USING INDEX entity_index_kind_modified (kind=? AND (modified_at,id)>(?,?)')
      expect(detail).not.toContain('TEMP B-TREE')
    }
  })
})
