import { describe, expect, it } from 'vitest'
import { openDb, type Db } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { normalizeRecords } from '../../src/normalize/normalize-records.ts'
import { fold, oaiFingerprint } from '../../src/normalize/cluster/dedup-keys.ts'
import { addOverride } from '../../src/db/cluster-overrides.ts'
import { clusterMembers, iterateEntities } from '../../src/db/entity-queries.ts'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { RawRecord, Source } from '../../harvesters/types.ts'
import type { ResearchOutput } from '../../src/model/index.ts'
import { realOai } from '../support/fixtures.ts'

// Real CONICET oai_dc records; the ALICIA-style copies below are built from them as ALICIA builds its ids
// (network acronym + "_" + md5 of the source OAI identifier: research/anchors-mission.md §0.1).
const page = parsePage(realOai('conicet-ar-listrecords-oai_dc.xml'))
if (!page.ok) throw new Error('fixture did not parse')
const live = page.page.records.filter((r) => !r.deleted)
const withDoi = live.find((r) => /doi\.org\/10\./.test(r.metadata!))!
const withoutDoi = live.find((r) => !/10\.\d{4,}\//.test(r.metadata!) && /hdl\.handle\.net/.test(r.metadata!))!

const sources: Source[] = [
  { id: 'conicet', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc', role: 'repository' },
  { id: 'alicia', baseUrl: 'https://alicia.concytec.gob.pe/vufind/OAI/Server', metadataPrefix: 'oai_dc', role: 'aggregator' },
  { id: 'conicet-xoai-like', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc', role: 'repository' },
]

function setup(): Db {
  return openDb(':memory:')
}

function store(db: Db, sourceId: string, records: RawRecord[]) {
  db.$client.transaction(() => createRawStore(db).putRecords(sourceId, records, '2026-11-22T12:00:00Z', 1))()
}

/** ALICIA's copy: its own OAI identifier, no DOI (it strips nothing we rely on but the DOI here). */
function aliciaCopy(record: RawRecord): RawRecord {
  return {
    ...record,
    identifier: `oai:alicia.concytec.gob.pe:CONICETDIG_${oaiFingerprint(record.identifier)}`,
    metadata: record.metadata!.replace(/<dc:identifier>[^<]*doi[^<]*<\/dc:identifier>/gi, ''),
  }
}

function outputs(db: Db): ResearchOutput[] {
  return [...iterateEntities(db, { kind: 'research-output' })] as ResearchOutput[]
}

describe('deduplication across sources', () => {
  it('an ALICIA copy without a DOI merges with the original through the md5 of its OAI identifier', () => {
    const db = setup()
    store(db, 'conicet', [withDoi, withoutDoi])
    store(db, 'alicia', [aliciaCopy(withDoi), aliciaCopy(withoutDoi)])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    const merged = outputs(db)
    expect(merged).toHaveLength(2)
    for (const output of merged) {
      expect(output.provenance.map((p) => p.sourceId).sort()).toEqual(['alicia', 'conicet'])
    }
    // The institutional copy leads: its DOI is kept although ALICIA's copy has none.
    const doiRecord = merged.find((o) => o.provenance.some((p) => p.oaiIdentifier === withDoi.identifier))!
    expect(doiRecord.identifiers.some((i) => i.type === 'doi')).toBe(true)
  })

  it('the same OAI identifier from two sources (two formats of one repository) is one work', () => {
    const db = setup()
    store(db, 'conicet', [withoutDoi])
    store(db, 'conicet-xoai-like', [withoutDoi])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    expect(outputs(db)).toHaveLength(1)
  })

  it('two theses with the same generic title but different authors stay apart; same title, year and author merge', () => {
    const db = setup()
    const thesis = (id: string, author: string) => ({
      identifier: `oai:repositorio.example.pe:${id}`, datestamp: '2024-01-01T00:00:00Z', setSpecs: [], deleted: false, problem: null,
      metadata: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Plan de negocio</dc:title><dc:creator>${author}</dc:creator><dc:date>2011</dc:date><dc:type>info:eu-repo/semantics/masterThesis</dc:type></oai_dc:dc>`,
    })
    store(db, 'conicet', [thesis('1', 'Quiber Valdeyglesias, Carmen'), thesis('2', 'Chambi Canahuire, Jonny Ronald')])
    store(db, 'alicia', [thesis('99', 'Quiber Valdeyglesias, Carmen')])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    const merged = outputs(db)
    expect(merged).toHaveLength(2)
    expect(merged.map((o) => o.provenance.length).sort()).toEqual([1, 2])
  })

  it('a split and a forced merge survive re-normalization; clusters are inspectable', () => {
    const db = setup()
    store(db, 'conicet', [withDoi, withoutDoi])
    store(db, 'alicia', [aliciaCopy(withDoi)])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    const aliciaId = `alicia:${aliciaCopy(withDoi).identifier}`
    const cluster = db.$client.prepare('SELECT cluster_id FROM normalized_records WHERE id = ?').pluck().get(aliciaId) as string
    const members = clusterMembers(db, cluster)
    expect(members.map((m) => m.sourceId).sort()).toEqual(['alicia', 'conicet'])
    expect(members.find((m) => m.sourceId === 'alicia')!.keys.some((k) => k.includes(`oaimd5:${oaiFingerprint(withDoi.identifier)}`))).toBe(true)

    const split = addOverride(db, { kind: 'detach', recordId: aliciaId, note: 'test' }, '2026-11-22T12:01:00Z', (id) => id === 'alicia')
    expect(split.ok).toBe(true)
    expect(outputs(db)).toHaveLength(3)
    const link = addOverride(db, { kind: 'link', recordId: `conicet:${withDoi.identifier}`, otherId: `conicet:${withoutDoi.identifier}` }, '2026-11-22T12:02:00Z')
    expect(link.ok).toBe(true)
    expect(outputs(db)).toHaveLength(2)

    normalizeRecords(db, sources, [], '2026-11-22T13:00:00Z')
    const after = outputs(db)
    expect(after).toHaveLength(2)
    expect(after.find((o) => o.provenance.some((p) => p.sourceId === 'alicia'))!.provenance).toHaveLength(1)
    expect(after.find((o) => o.provenance.length === 2)!.provenance.map((p) => p.oaiIdentifier).sort()).toEqual([withDoi.identifier, withoutDoi.identifier].sort())
  })

  it('re-normalizing unchanged records keeps ids and modified times; a deleted last copy leaves a tombstone', () => {
    const db = setup()
    store(db, 'conicet', [withDoi])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    const before = db.$client.prepare('SELECT id, modified_at FROM entities').all()
    normalizeRecords(db, sources, [], '2026-11-23T12:00:00Z')
    expect(db.$client.prepare('SELECT id, modified_at FROM entities').all()).toEqual(before)
    store(db, 'conicet', [{ ...withDoi, deleted: true, metadata: null, datestamp: '2026-01-01T00:00:00Z' }])
    normalizeRecords(db, sources, [], '2026-11-24T12:00:00Z')
    expect(db.$client.prepare('SELECT deleted, modified_at FROM entities').get()).toEqual({ deleted: 1, modified_at: '2026-11-24T12:00:00Z' })
    expect(outputs(db)).toHaveLength(0)
  })
})

describe('a weak key never joins conflicting identifiers', () => {
  it('same title, year and first author but different DOIs stay two works', () => {
    const db = setup()
    const article = (id: string, doi: string) => ({
      identifier: `oai:repositorio.example.pe:${id}`, datestamp: '2024-01-01T00:00:00Z', setSpecs: [], deleted: false, problem: null,
      metadata: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Informe anual</dc:title><dc:creator>Rojas, Ana</dc:creator><dc:date>2020</dc:date><dc:identifier>https://doi.org/${doi}</dc:identifier></oai_dc:dc>`,
    })
    store(db, 'conicet', [article('1', '10.1234/a1'), article('2', '10.1234/a2')])
    normalizeRecords(db, sources, [], '2026-11-22T12:00:00Z')
    expect(outputs(db)).toHaveLength(2)
  })
})

describe('fold', () => {
  const general = (text: string) => text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()

  it('folds Latin-1 a character at a time exactly as Unicode normalization does', () => {
    for (let code = 0; code <= 0xff; code++) {
      const c = String.fromCharCode(code)
      for (const text of [c, `a${c}b`, ` ${c}${c}x `, `Ab ${c} cD`, `${c}É`]) expect(fold(text), `U+${code.toString(16)}`).toBe(general(text))
    }
    for (const text of ['Efecto de la suplementación con hierro en Ayacucho, 2018', 'Ñahui García, Begoña', '“Plan de negocio” — Lima', 'İstanbul ΣΟΦΙΑΣ']) {
      expect(fold(text)).toBe(general(text))
    }
  })
})
