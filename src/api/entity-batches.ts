// The live entities of a query, read in keyset batches for dumps. better-sqlite3 refuses writes on a connection
// while a statement iterates, and a dump streams for minutes while harvests and index refreshes write: so no
// statement stays open between batches (each batch is one short read), and memory holds one batch at most.
import type { Db } from '../db/open.ts'
import type { EntityFilters } from './filters.ts'
import { runList, type ListRow } from './entity-list.ts'
import type { Cursor } from './cursor.ts'

export const DUMP_BATCH = 1000

export function* entityBatches(db: Db, query: { kind: string; filters: EntityFilters; disabled: string[] }, batch = DUMP_BATCH): Generator<{ id: string; json: string }> {
  let after: string | null = null
  while (true) {
    const { rows, next }: { rows: ListRow[]; next: Cursor | null } = runList(db, { ...query, sort: 'id', limit: batch, ...(after !== null ? { cursor: { sort: 'id', key: null, id: after } } : {}) })
    for (const row of rows) if (row.json !== null) yield { id: row.id, json: row.json }
    if (!next) return
    after = next.id
  }
}
