import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { normalizeRecords } from '../../src/normalize/normalize-records.ts'
import { refreshEntityIndex } from '../../src/db/entity-index.ts'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import { realOai } from '../support/fixtures.ts'

const page = parsePage(realOai('conicet-ar-listrecords-oai_dc.xml'))
if (!page.ok) throw new Error('fixture')

describe('entity index', () => {
  it('indexes merged CONICET records lazily: facets, full text, tombstones, and only what changed', () => {
    const db = openDb(':memory:')
    db.$client.transaction(() => createRawStore(db).putRecords('conicet', page.page.records, '2026-11-22T12:00:00Z', 1))()
    normalizeRecords(db, [{ id: 'conicet', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc', institution: 'CONICET Digital' }], [], '2026-11-22T12:00:00Z')
    const context = { institutionOfSource: (id: string) => (id === 'conicet' ? 'CONICET Digital' : null) }
    expect(refreshEntityIndex(db, context)).toBe(98)
    const row = db.$client.prepare("SELECT * FROM entity_index WHERE type_uri = 'http://purl.org/coar/resource_type/c_6501' LIMIT 1").get() as Record<string, unknown>
    expect(row).toMatchObject({ kind: 'research-output', deleted: 0, institution: 'conicet-digital', sources: 'conicet' })
    expect(row.year).toBeGreaterThan(1900)
    const hits = db.$client.prepare("SELECT i.id FROM entity_text t JOIN entity_index i ON i.rowid = t.rowid WHERE entity_text MATCH 'caries'").pluck().all()
    expect(hits.length).toBeGreaterThan(0)
    // Nothing changed since: nothing is looked at again.
    expect(refreshEntityIndex(db, context)).toBe(0)

    const gone = page.page.records.find((r) => !r.deleted)!
    db.$client.transaction(() => createRawStore(db).putRecords('conicet', [{ ...gone, deleted: true, metadata: null, datestamp: '2026-01-01T00:00:00Z' }], '2026-11-23T12:00:00Z', 2))()
    normalizeRecords(db, [{ id: 'conicet', baseUrl: 'https://ri.conicet.gov.ar/oai/request', metadataPrefix: 'oai_dc' }], ['conicet'], '2026-11-23T12:00:00Z')
    refreshEntityIndex(db, context)
    expect(db.$client.prepare('SELECT count(*) FROM entity_index WHERE deleted = 1').pluck().get()).toBe(1)
    expect(db.$client.prepare("SELECT count(*) FROM entity_text WHERE entity_text MATCH 'caries'").pluck().get()).toBeLessThanOrEqual(hits.length)
  })
})
