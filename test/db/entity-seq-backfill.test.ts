// Migration 0010: entities written before entities.seq was kept were never numbered, so the entity index never took
// them in and an upgraded database served an empty API. After the upgrade they are numbered, indexed and served.
import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/open.ts'
import { createApp } from '../../src/api/app.ts'
import { databaseBefore } from '../support/database-at-migration.ts'
import { scratchDir } from '../support/scratch-dir.ts'

const organisation = (id: string, name: string) => JSON.stringify({ id, kind: 'organisation', name, provenance: [{ sourceId: 'old-source' }] })

async function servedNames(file: string): Promise<string[]> {
  const db = openDb(file)
  try {
    const response = await createApp({ db, sources: [], rateLimitPerMinute: 0 }).request('/api/v1/organisations')
    expect(response.status).toBe(200)
    return ((await response.json()) as { items: { name: string }[] }).items.map((o) => o.name).sort()
  } finally {
    db.$client.close()
  }
}

describe('migration 0010: entities without a seq number', () => {
  it('a database from before entities.seq (migrations up to 0004) serves its entities after the upgrade', async () => {
    const { file, client } = databaseBefore(scratchDir('redcti-migration-'), '0005_')
    const insert = client.prepare(`INSERT INTO entities (id, kind, json, hash, members, created_at, modified_at)
      VALUES (?, 'organisation', ?, ?, 1, '2026-11-22T12:00:00Z', '2026-11-22T12:00:00Z')`)
    insert.run('org-a', organisation('org-a', 'Universidad A'), 'ha')
    insert.run('org-b', organisation('org-b', 'Universidad B'), 'hb')
    client.close()

    expect(await servedNames(file)).toEqual(['Universidad A', 'Universidad B'])
    const db = openDb(file)
    const seqs = db.$client.prepare('SELECT seq FROM entities ORDER BY rowid').pluck().all() as number[]
    db.$client.close()
    expect(new Set(seqs).size).toBe(2)
    expect(Math.min(...seqs)).toBeGreaterThan(0)
  })

  it('rows left at 0 beside numbered ones are numbered after them, and the index takes them in', async () => {
    const { file, client } = databaseBefore(scratchDir('redcti-migration-'), '0010_')
    const insert = client.prepare(`INSERT INTO entities (id, kind, json, hash, members, created_at, modified_at)
      VALUES (?, 'organisation', ?, ?, 1, '2026-11-22T12:00:00Z', '2026-11-22T12:00:00Z')`)
    for (const [id, name] of [['org-a', 'Universidad A'], ['org-b', 'Universidad B'], ['org-c', 'Universidad C']] as const) insert.run(id, organisation(id, name), id)
    // org-b as the code before the triggers left it; the index has taken in the numbered rows.
    client.prepare("UPDATE entities SET seq = 0 WHERE id = 'org-b'").run()
    const indexed = client.prepare(`INSERT INTO entity_index (id, kind, deleted, modified_at, title, sources)
      VALUES (?, 'organisation', 0, '2026-11-22T12:00:00Z', ?, 'old-source')`)
    indexed.run('org-a', 'Universidad A')
    indexed.run('org-c', 'Universidad C')
    const latest = client.prepare('SELECT max(seq) FROM entities').pluck().get() as number
    client.prepare("INSERT INTO index_state (name, watermark) VALUES ('entity_index', ?)").run(latest)
    client.close()

    expect(await servedNames(file)).toEqual(['Universidad A', 'Universidad B', 'Universidad C'])
  })
})
