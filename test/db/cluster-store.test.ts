import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../src/db/open.ts'
import { createClusterStore, type NormalizedCopy } from '../../src/db/cluster-store.ts'
import { addOverride } from '../../src/db/cluster-overrides.ts'
import { clusterMembers, iterateEntities } from '../../src/db/entity-queries.ts'
import { createMerge } from '../../src/normalize/merge-entities.ts'
import { mapRecord, type RawRow } from '../../src/normalize/map-record.ts'
import { oaiFingerprint } from '../../src/normalize/cluster/dedup-keys.ts'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { RawRecord } from '../../harvesters/types.ts'
import type { ResearchOutput } from '../../src/model/index.ts'
import { realOai } from '../support/fixtures.ts'
import { databaseBefore } from '../support/database-at-migration.ts'

// Most copies share no key with any other: the cluster store writes those as clusters of one without walking the
// key graph (issue #3, normalize speed). These tests hold that shortcut to what the full walk writes.

const page = parsePage(realOai('conicet-ar-listrecords-oai_dc.xml'))
if (!page.ok) throw new Error('fixture did not parse')
const live = page.page.records.filter((r) => !r.deleted)
const isAggregator = (sourceId: string) => sourceId === 'alicia'
const merge = createMerge(isAggregator)

function copiesOf(sourceId: string, records: RawRecord[], harvestedAt = '2026-11-22T12:00:00Z'): NormalizedCopy[] {
  return records.map((r) => mapRecord({
    sourceId, identifier: r.identifier, datestamp: r.datestamp, status: r.deleted ? 'deleted' : 'live', metadata: r.metadata,
    harvestedAt, setSpecs: '',
  } satisfies RawRow, { metadataPrefix: 'oai_dc', repositoryHost: 'ri.conicet.gov.ar' }))
}

/** ALICIA's copy: its own OAI identifier (network + md5 of the original's), and no DOI. */
function aliciaCopy(record: RawRecord): RawRecord {
  return {
    ...record,
    identifier: `oai:alicia.concytec.gob.pe:CONICETDIG_${oaiFingerprint(record.identifier)}`,
    metadata: record.metadata!.replace(/<dc:identifier>[^<]*doi[^<]*<\/dc:identifier>/gi, ''),
  }
}

function article(id: string, title: string, author: string, doi?: string): RawRecord {
  return {
    identifier: `oai:repositorio.example.pe:${id}`, datestamp: '2024-01-01T00:00:00Z', setSpecs: [], deleted: false, problem: null,
    metadata: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${title}</dc:title><dc:creator>${author}</dc:creator><dc:date>2020</dc:date>${doi ? `<dc:identifier>https://doi.org/${doi}</dc:identifier>` : ''}</oai_dc:dc>`,
  }
}

const gone = (record: RawRecord): RawRecord => ({ ...record, deleted: true, metadata: null, datestamp: '2026-01-01T00:00:00Z' })

/** Everything the store writes, in a stable order; entities.seq is left out: it only orders writes. */
function snapshot(db: Db) {
  const c = db.$client
  return {
    copies: c.prepare('SELECT * FROM normalized_records ORDER BY id').all(),
    keys: c.prepare('SELECT key, record_id FROM record_keys ORDER BY key, record_id').all(),
    entities: c.prepare('SELECT id, kind, json, hash, deleted, members, created_at, modified_at FROM entities ORDER BY id').all(),
  }
}

describe('the singleton fast path', () => {
  it('writes what the full walk writes, through merges, splits, deletions, changed keys and overrides', () => {
    const fast = openDb(':memory:')
    const walk = openDb(':memory:')
    const stores = [createClusterStore(fast, merge), createClusterStore(walk, merge, { singletonFastPath: false })]
    const put = (copies: NormalizedCopy[], at: string, batch = 7) => {
      for (const [i, db] of [fast, walk].entries()) {
        for (let start = 0; start < copies.length; start += batch) {
          db.$client.transaction(() => stores[i]!.putCopies(copies.slice(start, start + batch), at))()
        }
      }
      expect(snapshot(fast)).toEqual(snapshot(walk))
    }
    const half = live.slice(0, Math.ceil(live.length / 2))

    put(copiesOf('conicet', live), '2026-11-22T12:00:00Z')
    // Singletons joined later: ALICIA's copies (through the md5 of the OAI identifier), a second format (same identifier).
    put(copiesOf('alicia', half.map(aliciaCopy)), '2026-11-22T13:00:00Z', 5)
    put(copiesOf('conicet-xoai-like', live.slice(0, 3)), '2026-11-22T14:00:00Z', 2)
    // Generic titles: the same author merges, a different DOI never does; one identifier listed twice in a batch.
    put(copiesOf('repo', [
      article('1', 'Plan de negocio', 'Quiber Valdeyglesias, Carmen'), article('2', 'Plan de negocio', 'Quiber Valdeyglesias, Carmen'),
      article('3', 'Informe anual', 'Rojas, Ana', '10.1234/a1'), article('4', 'Informe anual', 'Rojas, Ana', '10.1234/a2'),
      article('5', 'Informe anual', 'Rojas, Ana'), article('5', 'Informe anual', 'Rojas, Ana', '10.1234/a2'),
    ]), '2026-11-22T15:00:00Z', 6)
    // Re-normalizing unchanged copies changes nothing but mapped_at.
    put(copiesOf('conicet', live), '2026-11-23T12:00:00Z')
    // A copy leaves its cluster (deleted), a cluster of one is deleted, a copy's keys change (new title, no DOI).
    put([
      ...copiesOf('alicia', [gone(aliciaCopy(live[0]!))]),
      ...copiesOf('conicet', [gone(live[live.length - 1]!), gone(live[4]!)]),
      ...copiesOf('repo', [article('2', 'Plan de negocio y marketing', 'Quiber Valdeyglesias, Carmen')]),
    ], '2026-11-24T12:00:00Z', 2)
    // ALICIA's copy of live[4] is now alone in a cluster named after the original: re-normalized, it keeps that name.
    put(copiesOf('alicia', half.slice(1).map(aliciaCopy)), '2026-11-24T13:00:00Z', 4)

    // A cluster named after a copy that left, and that copy back alone in the same batch: the walk settles the name.
    put(copiesOf('repo', [article('7', 'Memoria institucional', 'Salas, Eva'), article('8', 'Memoria institucional', 'Salas, Eva')]), '2026-11-24T14:00:00Z')
    put(copiesOf('repo', [gone(article('7', '', ''))]), '2026-11-24T15:00:00Z')
    put(copiesOf('repo', [article('7', 'Memoria de gestión', 'Salas, Eva'), article('8', 'Memoria institucional', 'Salas, Eva')]), '2026-11-24T16:00:00Z')

    // Operator decisions, then everything again: overridden copies take the full walk in both stores.
    for (const db of [fast, walk]) {
      expect(addOverride(db, { kind: 'detach', recordId: `alicia:${aliciaCopy(live[1]!).identifier}` }, '2026-11-25T12:00:00Z', isAggregator).ok).toBe(true)
      expect(addOverride(db, { kind: 'link', recordId: `conicet:${live[2]!.identifier}`, otherId: `conicet:${live[3]!.identifier}` }, '2026-11-25T12:00:00Z', isAggregator).ok).toBe(true)
    }
    expect(snapshot(fast)).toEqual(snapshot(walk))
    put([...copiesOf('conicet', live), ...copiesOf('alicia', half.slice(1).map(aliciaCopy))], '2026-11-26T12:00:00Z', 11)
  })
})

describe('a cluster of one', () => {
  const withDoi = live.find((r) => /doi\.org\/10\./.test(r.metadata!))!
  const original = `conicet:${withDoi.identifier}`
  const copy = `alicia:${aliciaCopy(withDoi).identifier}`

  function setup() {
    const db = openDb(':memory:')
    const store = createClusterStore(db, merge)
    const put = (copies: NormalizedCopy[], at: string) => db.$client.transaction(() => store.putCopies(copies, at))()
    const entity = () => db.$client.prepare('SELECT id, json, members, deleted, modified_at FROM entities').all() as { id: string; json: string | null; members: number; deleted: number; modified_at: string }[]
    return { db, put, entity }
  }

  it('joined later by a second copy re-merges under its own id, and is itself again when the copy goes', () => {
    const { db, put, entity } = setup()
    put(copiesOf('conicet', [withDoi]), '2026-11-22T12:00:00Z')
    const [alone] = entity()
    expect(alone).toMatchObject({ members: 1, deleted: 0, modified_at: '2026-11-22T12:00:00Z' })
    const before = JSON.parse(alone!.json!) as ResearchOutput
    expect(before.id).toBe(alone!.id)

    put(copiesOf('alicia', [aliciaCopy(withDoi)]), '2026-11-22T13:00:00Z')
    const [joined] = entity()
    // The cluster keeps its id (a stable URL); the merged record holds both copies, the institutional one leading.
    expect(joined).toMatchObject({ id: alone!.id, members: 2, modified_at: '2026-11-22T13:00:00Z' })
    const merged = JSON.parse(joined!.json!) as ResearchOutput
    expect(merged.provenance.map((p) => p.sourceId)).toEqual(['conicet', 'alicia'])
    expect(merged.identifiers.some((i) => i.type === 'doi')).toBe(true)
    expect(clusterMembers(db, alone!.id).map((m) => m.id)).toEqual([copy, original].sort())

    put(copiesOf('alicia', [gone(aliciaCopy(withDoi))]), '2026-11-22T14:00:00Z')
    expect(entity()).toEqual([{ ...alone, modified_at: '2026-11-22T14:00:00Z' }])
    // Unchanged again: the change feed does not move.
    put(copiesOf('conicet', [withDoi]), '2026-11-22T15:00:00Z')
    expect(entity()[0]!.modified_at).toBe('2026-11-22T14:00:00Z')

    put(copiesOf('conicet', [gone(withDoi)]), '2026-11-22T16:00:00Z')
    expect(entity()).toEqual([{ id: alone!.id, json: null, members: 0, deleted: 1, modified_at: '2026-11-22T16:00:00Z' }])
    expect(db.$client.prepare('SELECT count(*) FROM record_keys').pluck().get()).toBe(0)
  })

  it('comes back after a deletion under the id it had', () => {
    const { put, entity } = setup()
    put(copiesOf('conicet', [withDoi]), '2026-11-22T12:00:00Z')
    const [first] = entity()
    put(copiesOf('conicet', [gone(withDoi)]), '2026-11-22T13:00:00Z')
    put(copiesOf('conicet', [withDoi]), '2026-11-22T14:00:00Z')
    expect(entity()).toEqual([{ ...first, modified_at: '2026-11-22T14:00:00Z' }])
  })

  it('is what a detached copy stays, re-normalized alone or beside the copy it was split from', () => {
    const { db, put, entity } = setup()
    put([...copiesOf('conicet', [withDoi]), ...copiesOf('alicia', [aliciaCopy(withDoi)])], '2026-11-22T15:00:00Z')
    expect(entity()).toHaveLength(1)
    expect(addOverride(db, { kind: 'detach', recordId: copy }, '2026-11-22T16:00:00Z', isAggregator).ok).toBe(true)
    expect([...iterateEntities(db)]).toHaveLength(2)
    put([...copiesOf('conicet', [withDoi]), ...copiesOf('alicia', [aliciaCopy(withDoi)])], '2026-11-22T17:00:00Z')
    put(copiesOf('alicia', [aliciaCopy(withDoi)]), '2026-11-22T18:00:00Z')
    expect([...iterateEntities(db)].map((e) => e.provenance.length)).toEqual([1, 1])
  })
})

describe('migration 0007: dedup keys move onto each copy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'redcti-migration-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('fills dedup_keys from record_keys (links stay in record_keys only) and the clusters keep growing', () => {
    // A database as migrations 0000–0006 left it, clustered by the code of that time (keys only in record_keys).
    const { file, client: old } = databaseBefore(dir, '0007_')
    const withDoi = live.find((r) => /doi\.org\/10\./.test(r.metadata!))!
    const [mapped] = copiesOf('conicet', [withDoi])
    const [detached] = copiesOf('alicia', [aliciaCopy(live[1]!)])
    const cluster = 'ro-0123456789abcdef'
    const insertCopy = old.prepare(`INSERT INTO normalized_records (id, source_id, oai_identifier, kind, status, json, cluster_id, mapped_at)
      VALUES (?, ?, ?, 'research-output', ?, ?, ?, '2026-11-22T12:00:00Z')`)
    insertCopy.run(mapped!.id, mapped!.sourceId, mapped!.oaiIdentifier, 'mapped', JSON.stringify(mapped!.entity), cluster)
    insertCopy.run(detached!.id, detached!.sourceId, detached!.oaiIdentifier, 'deleted', null, null)
    old.prepare(`INSERT INTO entities (id, kind, json, hash, members, created_at, modified_at) VALUES (?, 'research-output', '{}', 'x', 1, '2026-11-22T12:00:00Z', '2026-11-22T12:00:00Z')`).run(cluster)
    old.prepare(`INSERT INTO cluster_overrides (kind, record_id, other_id, created_at) VALUES ('link', ?, ?, '2026-11-22T12:00:00Z')`).run(mapped!.id, detached!.id)
    const insertKey = old.prepare('INSERT INTO record_keys (key, record_id) VALUES (?, ?)')
    for (const key of [...mapped!.keys].reverse()) insertKey.run(key, mapped!.id)
    insertKey.run('link:1', mapped!.id)
    insertKey.run('link:1', detached!.id)
    old.close()

    const db = openDb(file)
    const c = db.$client
    expect(JSON.parse(c.prepare('SELECT dedup_keys FROM normalized_records WHERE id = ?').pluck().get(mapped!.id) as string)).toEqual(mapped!.keys)
    expect(c.prepare('SELECT dedup_keys FROM normalized_records WHERE id = ?').pluck().get(detached!.id)).toBe('[]')
    expect(c.prepare('SELECT count(*) FROM record_keys').pluck().get()).toBe(mapped!.keys.length + 2)
    expect(c.prepare("SELECT sql FROM sqlite_schema WHERE name = 'record_keys'").pluck().get()).toMatch(/WITHOUT ROWID/)
    expect(clusterMembers(db, cluster)[0]!.keys).toEqual([...mapped!.keys, 'link:1'].sort())
    // The next copy that shares a key joins the migrated cluster, which keeps its id.
    const store = createClusterStore(db, merge)
    c.transaction(() => store.putCopies(copiesOf('alicia', [aliciaCopy(withDoi)]), '2026-11-23T12:00:00Z'))()
    expect(clusterMembers(db, cluster).map((m) => m.sourceId)).toEqual(['alicia', 'conicet'])
    c.close()
  })
})
