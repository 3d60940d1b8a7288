// Opens the embedded SQLite database (WAL) and applies the committed migrations before anything reads it.
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema.ts'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export function openDb(file: string): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const client = new Database(file)
  client.pragma('journal_mode = WAL')
  // NORMAL is durable at every checkpoint in WAL mode; a power cut may lose the last page, never corrupt.
  client.pragma('synchronous = NORMAL')
  // Checkpoint every ~40 MB of WAL instead of every 4 MB: index pages that each page transaction touches again are
  // copied into the database once per checkpoint, not once per 4 MB (bench/normalize-stage.ts: 15–23 % fewer bytes written).
  client.pragma('wal_autocheckpoint = 10000')
  // 64 MiB of page cache instead of SQLite's 2 MiB: a page transaction dirties pages all over the key and entity
  // B-trees, and a small cache spills them to the WAL mid-transaction, more than once (bench/normalize-stage.ts at
  // 50k records: 25 % fewer bytes written, about 10 % less CPU). Memory stays flat: the cache is a fixed size.
  client.pragma('cache_size = -65536')
  // Two processes (cron and a manual run) may touch one file: wait for the writer instead of failing.
  client.pragma('busy_timeout = 10000')
  const db = drizzle(client, { schema }) as Db
  migrate(db, { migrationsFolder })
  return db
}
