// The items /oai lists, read from entity_index on (datestamp, id) keysets: never OFFSET, so a deep page costs a first page.
import type { Db } from '../../db/open.ts'
import type { Entity } from '../../model/index.ts'
import type { Visibility } from './visibility.ts'
import { setCondition } from './sets.ts'

export interface OaiItem {
  id: string
  kind: string
  /** As stored (seconds in practice); shown truncated to seconds. */
  datestamp: string
  deleted: boolean
  institution: string | null
  typeUri: string | null
  /** Null for deletions and for ListIdentifiers. */
  entity: Entity | null
}

export interface ListQuery {
  kinds: readonly string[]
  /** Inclusive bounds: `from` without its `Z` (so any stored form of that second matches), `until` with it. */
  from?: string
  until?: string
  set?: string
  after?: readonly string[]
  limit: number
  withEntity: boolean
}

/** SQL for the datestamp and deleted status as /oai shows them, after the disabled-source rule (visibility.ts). */
function presentation(visibility: Visibility) {
  const padded = `(' ' || ei.sources || ' ')`
  const changed = [...visibility.changedAt]
  const datestampArgs: string[] = []
  let datestamp = 'ei.modified_at'
  if (changed.length > 0) {
    datestamp = `max(ei.modified_at, ${changed.map(() => `CASE WHEN instr(${padded}, ?) > 0 THEN ? ELSE '' END`).join(', ')})`
    for (const [id, at] of changed) datestampArgs.push(` ${id} `, at)
  }
  const deletedArgs: string[] = []
  let deleted = 'ei.deleted = 1'
  if (visibility.disabled.size > 0) {
    // Every source of the entity is disabled: removing each disabled id from the list leaves nothing.
    let rest = padded
    for (const id of visibility.disabled) { rest = `replace(${rest}, ?, ' ')`; deletedArgs.push(` ${id} `) }
    deleted = `(ei.deleted = 1 OR (ei.sources <> '' AND trim(${rest}) = ''))`
  }
  return { datestamp, datestampArgs, deleted, deletedArgs }
}

function itemOf(row: Record<string, unknown>): OaiItem {
  return {
    id: row.id as string, kind: row.kind as string, datestamp: row.datestamp as string, deleted: row.deleted === 1,
    institution: (row.institution as string | null) ?? null, typeUri: (row.type_uri as string | null) ?? null,
    entity: row.deleted === 1 || typeof row.json !== 'string' ? null : (JSON.parse(row.json) as Entity),
  }
}

/** The statement behind a list page or its count (exported for the query-plan test: pages must be index seeks). */
export function listStatement(query: ListQuery, visibility: Visibility, select: 'page' | 'count') {
  const p = presentation(visibility)
  // The presentation expressions come first in the statement, so their arguments do too.
  const args: (string | number)[] = select === 'count' ? [...p.datestampArgs] : [...p.datestampArgs, ...p.deletedArgs]
  const where = [`ei.kind IN (${query.kinds.map(() => '?').join(', ')})`]
  args.push(...query.kinds)
  if (query.from !== undefined) { where.push(`datestamp >= ?`); args.push(query.from) }
  if (query.until !== undefined) { where.push(`datestamp <= ?`); args.push(query.until) }
  if (query.set !== undefined) {
    const set = setCondition(query.set)
    where.push(set.sql)
    args.push(...set.args)
  }
  if (select === 'count') {
    return { sql: `SELECT count(*) FROM (SELECT ${p.datestamp} AS datestamp, ei.* FROM entity_index ei) ei WHERE ${where.join(' AND ')}`, args }
  }
  if (query.after) { where.push('(datestamp, ei.id) > (?, ?)'); args.push(query.after[0] ?? '', query.after[1] ?? '') }
  const json = query.withEntity ? ', e.json' : ''
  const join = query.withEntity ? 'LEFT JOIN entities e ON e.id = ei.id' : ''
  return {
    sql: `SELECT ei.id, ei.kind, ${p.datestamp} AS datestamp, ${p.deleted} AS deleted, ei.institution, ei.type_uri${json}
      FROM entity_index ei ${join} WHERE ${where.join(' AND ')} ORDER BY datestamp, ei.id LIMIT ${Math.max(1, Math.floor(query.limit))}`,
    args,
  }
}

export function listItems(db: Db, query: ListQuery, visibility: Visibility): OaiItem[] {
  const { sql, args } = listStatement(query, visibility, 'page')
  return (db.$client.prepare(sql).all(...args) as Record<string, unknown>[]).map(itemOf)
}

export function countItems(db: Db, query: Omit<ListQuery, 'limit' | 'withEntity' | 'after'>, visibility: Visibility): number {
  const { sql, args } = listStatement({ ...query, limit: 1, withEntity: false }, visibility, 'count')
  return db.$client.prepare(sql).pluck().get(...args) as number
}

export function getItem(db: Db, id: string, visibility: Visibility): OaiItem | undefined {
  const p = presentation(visibility)
  const row = db.$client.prepare(`SELECT ei.id, ei.kind, ${p.datestamp} AS datestamp, ${p.deleted} AS deleted, ei.institution, ei.type_uri, e.json
    FROM entity_index ei LEFT JOIN entities e ON e.id = ei.id WHERE ei.id = ?`).get(...p.datestampArgs, ...p.deletedArgs, id) as Record<string, unknown> | undefined
  return row ? itemOf(row) : undefined
}

/** The lowest datestamp any item carries now (Spec §4.2: a guaranteed lower limit); null when there is none. */
export function earliestDatestamp(db: Db, kinds: readonly string[]): string | null {
  const min = db.$client.prepare('SELECT min(modified_at) FROM entity_index WHERE kind = ?').pluck()
  const values = kinds.map((k) => min.get(k) as string | null).filter((v): v is string => v !== null)
  return values.length > 0 ? values.sort()[0]! : null
}

/** The highest datestamp any item carries now: a frozen `until` never cuts off what was already written. */
export function latestDatestamp(db: Db, kinds: readonly string[], visibility: Visibility): string | null {
  const max = db.$client.prepare('SELECT max(modified_at) FROM entity_index WHERE kind = ?').pluck()
  const values = [...kinds.map((k) => max.get(k) as string | null), ...visibility.changedAt.values()].filter((v): v is string => v !== null)
  return values.length > 0 ? values.sort().at(-1)! : null
}
