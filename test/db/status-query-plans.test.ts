import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/open.ts'

// `redcti status` must stay instant at a million records: every count reads an index, never the 3 KB rows.
describe('status counts use indexes', () => {
  const db = openDb(':memory:')
  const plan = (sql: string) => (db.$client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ')

  it('total per source from the unique (source, identifier) index', () => {
    expect(plan("SELECT count(*) FROM raw_records WHERE source_id = 'x'")).toMatch(/COVERING INDEX raw_records_source_identifier/)
  })
  it('deleted and vanished from the partial index over rows that are not live', () => {
    expect(plan("SELECT count(*) FROM raw_records WHERE source_id = 'x' AND status <> 'live' AND status = 'deleted'")).toMatch(/INDEX raw_records_not_live/)
  })
  it('unreadable records from the partial index over rows with a problem', () => {
    expect(plan("SELECT count(*) FROM raw_records WHERE source_id = 'x' AND problem IS NOT NULL")).toMatch(/INDEX raw_records_with_problem/)
  })
})
