// Prepared statements kept per connection and SQL text: compiling a statement costs more than an indexed read runs.
import type Database from 'better-sqlite3'
import type { Db } from './open.ts'

/** Lists build their SQL from the filters given, so the texts vary: keep the most recently added ones, bounded. */
const MAX_STATEMENTS = 500

/** Per connection, one map per mode: keying pluck statements by a concatenated text built a new string to hash on every call. */
const caches = new WeakMap<Database.Database, { rows: Map<string, Database.Statement>; plucked: Map<string, Database.Statement> }>()

/**
 * The statement for `sql` on this connection, compiled once. `pluck` is part of the key (better-sqlite3 keeps it on
 * the statement). Only for statements run to completion (`get`, `all`, `run`): an iterating statement is busy, and a
 * second caller of the same text would fail.
 */
export function prepared(db: Db, sql: string, options: { pluck?: boolean } = {}): Database.Statement {
  let both = caches.get(db.$client)
  if (!both) caches.set(db.$client, both = { rows: new Map(), plucked: new Map() })
  const cache = options.pluck ? both.plucked : both.rows
  let statement = cache.get(sql)
  if (!statement) {
    statement = db.$client.prepare(sql)
    if (options.pluck) statement.pluck()
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
    cache.set(sql, statement)
  }
  return statement
}
