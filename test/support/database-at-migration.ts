// A database as an older release left it: the committed migrations applied only up to (not including) one tag, so
// a test can write what the code of that time wrote and check that opening it with today's code upgrades it.
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'

/** Creates `dir/old.db` migrated up to the migration whose tag starts with `beforeTag` (say '0007_'); returns its path. */
export function databaseBefore(dir: string, beforeTag: string): { file: string; client: Database.Database } {
  const folder = join(dir, 'migrations')
  cpSync(fileURLToPath(new URL('../../src/db/migrations/', import.meta.url)), folder, { recursive: true })
  const journalFile = join(folder, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] }
  const upTo = journal.entries.findIndex((e) => e.tag.startsWith(beforeTag))
  if (upTo <= 0) throw new Error(`no migration ${beforeTag} after the first`)
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }))
  const file = join(dir, 'old.db')
  const client = new Database(file)
  migrate(drizzle(client), { migrationsFolder: folder })
  return { file, client }
}
