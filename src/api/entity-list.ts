// Lists of entities over entity_index: filters, full text, keyset pagination on an indexed sort, and the change
// feed (since=) with tombstones. Builds the SQL (exported, so a test can read its query plan) and runs it.
import type { Db } from '../db/open.ts'
import type { Cursor, CursorKey } from './cursor.ts'
import { filterSql, type EntityFilters } from './filters.ts'
import { effectiveModified, effectiveModifiedSql, fromSourcesSql, hiddenSql, isHidden } from './visibility.ts'

/** `id` follows the (kind, facet, id) indexes; `modified` the (kind, modified_at, id) one; `year` the (kind, year, id) one. */
export const SORTS = ['id', 'modified', '-modified', 'year', '-year', 'relevance'] as const
export type Sort = (typeof SORTS)[number]

export const CURSOR_KEY: Record<Sort, 'string' | 'number' | 'nullable-number' | 'none'> = {
  id: 'none', modified: 'string', '-modified': 'string', year: 'nullable-number', '-year': 'nullable-number', relevance: 'number',
}

export interface ListSpec {
  kind: string
  filters: EntityFilters
  /** A sanitized FTS5 query (src/api/full-text.ts). */
  match?: string
  /** Change feed: entities modified after this time, tombstones included, in modification order. */
  since?: string
  sort: Sort
  cursor?: Cursor
  limit: number
  /** Disabled sources: entities only they hold are hidden (tombstones in the change feed). */
  disabled: string[]
  /** When each source was last switched on or off (src/api/visibility.ts): it moves its entities' modification time. */
  switched?: [string, string][]
}

export interface ListRow {
  id: string
  kind: string
  /** Deleted, or hidden because its sources are disabled. */
  deleted: boolean
  /** As the public sees it: the later of the entity's change and its sources' switches. */
  modified: string
  /** Stored JSON; null for tombstones. */
  json: string | null
  key: CursorKey
}

export function listQuery(spec: ListSpec): { sql: string; args: (string | number)[] } {
  const fts = spec.match !== undefined
  const score = 'bm25(entity_text)'
  const where: string[] = []
  const args: (string | number)[] = []
  const add = (sql: string, ...values: (string | number)[]) => { where.push(sql); args.push(...values) }

  if (fts) add('entity_text MATCH ?', spec.match!)
  add('i.kind = ?', spec.kind)
  const filter = filterSql(spec.filters)
  const hidden = hiddenSql(spec.disabled)
  const filtered = filter.conditions.join(' AND ')
  // In a change feed, the modification time is the public one when a source was switched after `since`.
  let modified: { sql: string; args: string[] } = { sql: 'i.modified_at', args: [] }
  if (spec.since === undefined) {
    add('i.deleted = 0')
    if (hidden) add(`NOT ${hidden.sql}`, ...hidden.args)
    if (filter.conditions.length > 0) add(filtered, ...filter.args)
  } else {
    // Tombstones carry no facets (the entity is gone): a filtered feed includes every deletion in the window.
    if (filter.conditions.length > 0) {
      add(`(i.deleted = 1${hidden ? ` OR ${hidden.sql}` : ''} OR (${filtered}))`, ...(hidden?.args ?? []), ...filter.args)
    }
    const recent = (spec.switched ?? []).filter(([, at]) => at > spec.since!)
    if (recent.length === 0) {
      // A cursor's key is a modification time after `since`, so its condition implies this one; two ranges on
      // one column would make SQLite give up the index order.
      if (!spec.cursor) add('i.modified_at > ?', spec.since)
    } else {
      // Sources switched since then: all their entities changed (vanished or came back). Rare, and then the
      // feed sorts by the computed time instead of reading the index in order.
      const touched = fromSourcesSql(recent.map(([id]) => id))
      add(`(i.modified_at > ? OR ${touched.sql})`, spec.since, ...touched.args)
      modified = effectiveModifiedSql(spec.switched ?? [])
    }
  }

  const c = spec.cursor
  const m = modified.sql
  let order: string
  switch (spec.sort) {
    case 'id':
      order = 'i.id'
      if (c) add('i.id > ?', c.id)
      break
    case 'modified':
      order = `${m}, i.id`
      if (c) add(`(${m}, i.id) > (?, ?)`, ...modified.args, c.key as string, c.id)
      break
    case '-modified':
      order = `${m} DESC, i.id DESC`
      if (c) add(`(${m}, i.id) < (?, ?)`, ...modified.args, c.key as string, c.id)
      break
    case 'year':
      // SQLite puts NULLs first in ascending order, last in descending order.
      order = 'i.year, i.id'
      if (c) c.key === null ? add('((i.year IS NULL AND i.id > ?) OR i.year IS NOT NULL)', c.id) : add('(i.year, i.id) > (?, ?)', c.key as number, c.id)
      break
    case '-year':
      order = 'i.year DESC, i.id DESC'
      if (c) c.key === null ? add('(i.year IS NULL AND i.id < ?)', c.id) : add('((i.year, i.id) < (?, ?) OR i.year IS NULL)', c.key as number, c.id)
      break
    case 'relevance':
      order = `${score}, i.id`
      if (c) add(`(${score} > ? OR (${score} = ? AND i.id > ?))`, c.key as number, c.key as number, c.id)
      break
  }
  const byModified = spec.sort === 'modified' || spec.sort === '-modified'
  const key = spec.sort === 'relevance' ? score : byModified ? m : spec.sort.endsWith('year') ? 'i.year' : 'NULL'
  const keyArgs = byModified ? modified.args : []
  const orderArgs = byModified ? modified.args : []
  const from = fts ? 'entity_text JOIN entity_index i ON i.rowid = entity_text.rowid' : 'entity_index i'
  // The page is chosen from the small index rows first, and only its rows' JSON is read: when the planner sorts
  // (a year range ordered by id), joining the JSON before the LIMIT read every matching record (560 ms at 100k).
  const sql = `SELECT i.id, i.kind, i.deleted, i.modified_at AS modified, i.sources, ${key} AS key
    FROM ${from} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ?`
  return { sql, args: [...keyArgs, ...args, ...orderArgs, spec.limit + 1] }
}

export function runList(db: Db, spec: ListSpec): { rows: ListRow[]; next: Cursor | null } {
  const { sql, args } = listQuery(spec)
  const raw = db.$client.prepare(sql).all(...args) as { id: string; kind: string; deleted: number; modified: string; sources: string; key: CursorKey }[]
  const more = raw.length > spec.limit
  const page = more ? raw.slice(0, spec.limit) : raw
  const json = jsonOf(db, page.map((r) => r.id))
  const rows = page.map((r) => ({ ...r, json: json.get(r.id) ?? null })).map((r) => {
    const deleted = r.deleted === 1 || r.json === null || isHidden(r.sources, spec.disabled)
    return { id: r.id, kind: r.kind, deleted, modified: effectiveModified(r.modified, r.sources, spec.switched ?? []), json: deleted ? null : r.json, key: r.key }
  })
  const last = rows[rows.length - 1]
  return { rows, next: more && last ? { sort: spec.sort, key: spec.sort === 'id' ? null : last.key, id: last.id } : null }
}

/** The JSON of one page's entities, by id (at most a page: a bounded IN list). */
function jsonOf(db: Db, ids: string[]): Map<string, string | null> {
  if (ids.length === 0) return new Map()
  const rows = db.$client.prepare(`SELECT id, json FROM entities WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as { id: string; json: string | null }[]
  return new Map(rows.map((r) => [r.id, r.json]))
}
