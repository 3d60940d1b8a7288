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
  // Two processes (cron and a manual run) may touch one file: wait for the writer instead of failing.
  client.pragma('busy_timeout = 10000')
  const db = drizzle(client, { schema }) as Db
  migrate(db, { migrationsFolder })
  return db
}
