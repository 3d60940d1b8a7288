// Migration 0010: entities written before entities.seq was kept were never numbered, so the entity index never took
// them in and an upgraded database served an empty API. After the upgrade they are numbered, indexed and served.
// The entities are real: merged records of the harvested demo corpus, written into databases as older releases left them.
import type Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../src/db/open.ts'
import { refreshEntityIndex } from '../../src/db/entity-index.ts'
import { createApp } from '../../src/api/app.ts'
import { harvestedDb, type HarvestedDb } from '../api/support/harvested-db.ts'
import { databaseBefore } from '../support/database-at-migration.ts'
import { scratchDir } from '../support/scratch-dir.ts'

type EntityRow = { id: string; kind: string; json: string; hash: string; members: number; created_at: string; modified_at: string }

let h: HarvestedDb
let outputs: EntityRow[]

beforeAll(async () => {
  h = await harvestedDb()
  outputs = h.db.$client.prepare(`SELECT id, kind, json, hash, members, created_at, modified_at FROM entities
    WHERE kind = 'research-output' AND deleted = 0 ORDER BY id LIMIT 3`).all() as EntityRow[]
})
afterAll(() => h.close())

function insertEntities(client: Database.Database, rows: EntityRow[]): void {
  const insert = client.prepare(`INSERT INTO entities (id, kind, json, hash, members, created_at, modified_at)
    VALUES (@id, @kind, @json, @hash, @members, @created_at, @modified_at)`)
  for (const row of rows) insert.run(row)
}

/** The outputs `redcti serve` lists from this file, opened (and so migrated) with today's code. */
async function servedIds(file: string): Promise<string[]> {
  const db = openDb(file)
  try {
    const response = await createApp({ db, sources: h.sources, rateLimitPerMinute: 0 }).request('/api/v1/outputs?per_page=200')
    expect(response.status).toBe(200)
    return ((await response.json()) as { items: { id: string }[] }).items.map((o) => o.id)
  } finally {
    db.$client.close()
  }
}

describe('migration 0010: entities without a seq number', () => {
  it('a database from before entities.seq (migrations up to 0004) serves its entities after the upgrade', async () => {
    expect(outputs).toHaveLength(3)
    const { file, client } = databaseBefore(scratchDir('redcti-migration-'), '0005_')
    insertEntities(client, outputs)
    client.close()

    expect(await servedIds(file)).toEqual(outputs.map((o) => o.id))
    const db = openDb(file)
    const seqs = db.$client.prepare('SELECT seq FROM entities ORDER BY rowid').pluck().all() as number[]
    db.$client.close()
    expect(new Set(seqs).size).toBe(3)
    expect(Math.min(...seqs)).toBeGreaterThan(0)
  })

  it('a row left at 0 beside numbered, indexed ones is numbered after them and served with them', async () => {
    const { file, client } = databaseBefore(scratchDir('redcti-migration-'), '0010_')
    insertEntities(client, outputs)
    // The middle one as the code before the triggers left it; the index takes in the others (its watermark passes them).
    client.prepare('UPDATE entities SET seq = 0 WHERE id = ?').run(outputs[1]!.id)
    const institutions = new Map(h.sources.map((s) => [s.id, s.institution ?? s.name ?? s.id]))
    expect(refreshEntityIndex(drizzle(client) as unknown as Db, { institutionOfSource: (id) => institutions.get(id) ?? null })).toBe(2)
    client.close()

    expect(await servedIds(file)).toEqual(outputs.map((o) => o.id))
  })
})
