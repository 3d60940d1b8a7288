// Prepared statements kept per connection and SQL text: compiling a statement costs more than an indexed read runs.
import type Database from 'better-sqlite3'
import type { Db } from './open.ts'

/** Lists build their SQL from the filters given, so the texts vary: keep the most recently added ones, bounded. */
const MAX_STATEMENTS = 500

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>()

/**
 * The statement for `sql` on this connection, compiled once. `pluck` is part of the key (better-sqlite3 keeps it on
 * the statement). Only for statements run to completion (`get`, `all`, `run`): an iterating statement is busy, and a
 * second caller of the same text would fail.
 */
export function prepared(db: Db, sql: string, options: { pluck?: boolean } = {}): Database.Statement {
  let cache = caches.get(db.$client)
  if (!cache) caches.set(db.$client, cache = new Map())
  const key = options.pluck ? `pluck:${sql}` : sql
  let statement = cache.get(key)
  if (!statement) {
    statement = db.$client.prepare(sql)
    if (options.pluck) statement.pluck()
    if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!)
    cache.set(key, statement)
  }
  return statement
}
