// Lists of entities over entity_index: filters, full text, keyset pagination on an indexed sort, and the change
// feed (since=) with tombstones. Builds the SQL (exported, so a test can read its query plan) and runs it.
import type { Db } from '../db/open.ts'
import { prepared } from '../db/statement-cache.ts'
import type { Cursor, CursorKey } from './cursor.ts'
import { filterSql, type EntityFilters } from './filters.ts'
import { effectiveModified, effectiveModifiedSql, fromSourcesSql, hiddenSql, isHidden, sourcesMatter } from './visibility.ts'

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
  /** The years the year range holds, when the caller knows them (readsYearRuns); looked up otherwise. */
  years?: number[]
}

export interface ListRow<J = string> {
  id: string
  kind: string
  /** Deleted, or hidden because its sources are disabled. */
  deleted: boolean
  /** As the public sees it: the later of the entity's change and its sources' switches. */
  modified: string
  /** Stored JSON; null for tombstones. */
  json: J | null
  key: CursorKey
}

/** More years than this in a range (junk years such as 0001 among real ones) and the range is read whole and sorted. */
export const MAX_YEAR_RUNS = 150

/**
 * `years`: the years the range holds for this kind (yearsInRange), when listing by id. A range of years read from the
 * (kind, year, id) index comes out in year order, and SQLite sorts all of it by id before it can take one page (a
 * temporary B-tree over 15 % of the kind, 23 ms at 100k records). Read instead as one run per year, each in id order
 * from an index that ends in (year, id), merged by SQLite (MERGE (UNION ALL)) and cut at the limit, a page costs
 * one index seek per year and the page's rows.
 */
export function listQuery(spec: ListSpec, years?: number[]): { sql: string; args: (string | number)[] } {
  if (years !== undefined && years.length > 0 && years.length <= MAX_YEAR_RUNS && readsYearRuns(spec)) {
    const run = selection({ ...spec, filters: { ...spec.filters, year: undefined } })
    return {
      sql: `${years.map(() => `${run.sql} AND i.year = ?`).join('\n    UNION ALL ')}\n    ORDER BY id LIMIT ?`,
      args: [...years.flatMap((y) => [...run.args, y]), spec.limit + 1],
    }
  }
  const { sql, args, order, orderArgs } = selection(spec)
  return { sql: `${sql} ORDER BY ${order} LIMIT ?`, args: [...args, ...orderArgs, spec.limit + 1] }
}

/** The SELECT … FROM … WHERE of a list, and the ORDER BY that pages it. */
function selection(spec: ListSpec): { sql: string; args: (string | number)[]; order: string; orderArgs: (string | number)[] } {
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
  // A lean page takes ids (and the sort key) alone, which the indexes hold: no table row per candidate.
  const columns = isLean(spec) ? 'i.id' : 'i.id, i.kind, i.deleted, i.modified_at AS modified, i.sources'
  const sql = `SELECT ${columns}, ${key} AS key
    FROM ${from} WHERE ${where.join(' AND ')}`
  return { sql, args: [...keyArgs, ...args], order, orderArgs }
}

/**
 * Whether a page needs nothing of its rows but ids: live records only (no change feed), and no source disabled or
 * switched, so neither an entity's sources nor a computed modification time matter. Its kind is the list's, and
 * its modification time is read with its JSON (entities.modified_at, which entity_index copies).
 */
function isLean(spec: ListSpec): boolean {
  return spec.since === undefined && !sourcesMatter(spec)
}

/** Whether a year range is best read one year at a time: listed by id, not searched, not a change feed. */
export function readsYearRuns(spec: ListSpec): boolean {
  const year = spec.filters.year
  return spec.sort === 'id' && spec.match === undefined && spec.since === undefined && year !== undefined && year.from !== year.to
}

/**
 * The years of a kind within a range, ascending, found by seeking the (kind, year, id) index from one year to the
 * next (one seek per year present); stops past MAX_YEAR_RUNS.
 */
export function yearsInRange(db: Db, kind: string, range: { from: number | null; to: number | null }): number[] {
  const next = prepared(db, 'SELECT min(year) FROM entity_index WHERE kind = ? AND year >= ? AND year <= ?', { pluck: true })
  const years: number[] = []
  const to = range.to ?? Number.MAX_SAFE_INTEGER
  let from = range.from ?? Number.MIN_SAFE_INTEGER
  while (years.length <= MAX_YEAR_RUNS) {
    const year = next.get(kind, from, to) as number | null
    if (year === null) break
    years.push(year)
    from = year + 1
  }
  return years
}

/** The query runList runs for a page: listQuery, with the years of a range looked up when it is read one year at a time. */
export function pageQuery(db: Db, spec: ListSpec): { sql: string; args: (string | number)[] } {
  return listQuery(spec, readsYearRuns(spec) ? spec.years ?? yearsInRange(db, spec.kind, spec.filters.year!) : undefined)
}

/** How a page carries each record's stored JSON: as text, or as its UTF-8 bytes (what a JSON response sends). */
export type JsonForm = 'text' | 'bytes'
type Json<F extends JsonForm> = F extends 'bytes' ? Buffer : string

export function runList(db: Db, spec: ListSpec): { rows: ListRow[]; next: Cursor | null }
export function runList<F extends JsonForm>(db: Db, spec: ListSpec, form: F): { rows: ListRow<Json<F>>[]; next: Cursor | null }
export function runList(db: Db, spec: ListSpec, form: JsonForm = 'text'): { rows: ListRow<string | Buffer>[]; next: Cursor | null } {
  const { sql, args } = pageQuery(db, spec)
  const raw = prepared(db, sql).all(...args) as { id: string; kind?: string; deleted?: number; modified?: string; sources?: string; key: CursorKey }[]
  const more = raw.length > spec.limit
  const page = more ? raw.slice(0, spec.limit) : raw
  const stored = storedOf(db, page.map((r) => r.id), form)
  const lean = isLean(spec)
  const rows: ListRow<string | Buffer>[] = []
  for (const r of page) {
    const entity = stored.get(r.id)
    if (lean) {
      // Deleted since the page was chosen (another process committed in between): a tombstone, as below; a row
      // gone altogether has no time to show and is left out (the cursor still moves past it).
      if (entity !== undefined) rows.push({ id: r.id, kind: spec.kind, deleted: entity.json === null, modified: entity.modified, json: entity.json, key: r.key })
      continue
    }
    const json = entity?.json ?? null
    const deleted = r.deleted === 1 || json === null || isHidden(r.sources!, spec.disabled)
    rows.push({ id: r.id, kind: r.kind!, deleted, modified: effectiveModified(r.modified!, r.sources!, spec.switched ?? []), json: deleted ? null : json, key: r.key })
  }
  const last = page[page.length - 1]
  return { rows, next: more && last ? { sort: spec.sort, key: spec.sort === 'id' ? null : last.key, id: last.id } : null }
}

/**
 * The stored JSON and modification time of one page's entities, by id (at most a page: a bounded IN list). As
 * bytes, SQLite's UTF-8 is copied as it is: no decoding into a JavaScript string here and no encoding back on the
 * socket (a 25-record page: 158 -> 92 µs to read, half the time to assemble).
 */
function storedOf(db: Db, ids: string[], form: JsonForm): Map<string, { json: string | Buffer | null; modified: string }> {
  if (ids.length === 0) return new Map()
  const column = form === 'bytes' ? 'CAST(json AS BLOB)' : 'json'
  const rows = prepared(db, `SELECT id, ${column} AS json, modified_at AS modified FROM entities WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as { id: string; json: string | Buffer | null; modified: string }[]
  return new Map(rows.map((r) => [r.id, r]))
}
