import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openDb } from '../../src/db/open.ts'
import { createRawStore } from '../../src/db/raw-store.ts'
import { normalizeRecords } from '../../src/normalize/normalize-records.ts'
import { iterateEntities } from '../../src/db/entity-queries.ts'
import type { Source } from '../../harvesters/types.ts'

// Written from the docs (see the fixture's own comment): an oai_dc item typed COAR c_ab20 citing a PROCIENCIA grant.
const item = readFileSync(fileURLToPath(new URL('./fixtures/written-from-docs/a data management plan in oai_dc with a PROCIENCIA grant agreement.xml', import.meta.url)), 'utf8')
const sources: Source[] = [{ id: 'repo', baseUrl: 'https://repositorio.example.pe/oai/request', metadataPrefix: 'oai_dc' }]

function store(db: ReturnType<typeof openDb>, metadata: string, datestamp: string) {
  db.$client.transaction(() => createRawStore(db).putRecords('repo', [{ identifier: 'oai:repositorio.example.pe:pgd/1', datestamp, setSpecs: [], deleted: false, metadata, problem: null }], datestamp, 1))()
}

describe('a repository item typed as a data management plan is a DMP too', () => {
  it('gets a DMP copy beside its research output, and loses it when it is no longer typed as a DMP', () => {
    const db = openDb(':memory:')
    store(db, item.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!--[\s\S]*?-->\s*/g, ''), '2025-01-01T00:00:00Z')
    const counts = normalizeRecords(db, sources, [], '2025-01-02T00:00:00Z')
    expect(counts).toMatchObject({ mapped: 1, failed: 0 })
    const dmps = [...iterateEntities(db, { kind: 'dmp' })]
    expect(dmps).toHaveLength(1)
    expect(dmps[0]).toMatchObject({ kind: 'dmp', provenance: [expect.objectContaining({ sourceId: 'repo', oaiIdentifier: 'oai:repositorio.example.pe:pgd/1' })] })
    expect([...iterateEntities(db, { kind: 'research-output' })]).toHaveLength(1)

    const retyped = item.replace(/<dc:type>[^<]*(c_ab20|[Dd]ata management plan|[Pp]lan de gesti[oó]n de datos)[^<]*<\/dc:type>/g, '<dc:type>info:eu-repo/semantics/report</dc:type>')
    expect(retyped).not.toBe(item)
    store(db, retyped.replace(/^<\?xml[^>]*>\s*/, '').replace(/<!--[\s\S]*?-->\s*/g, ''), '2025-02-01T00:00:00Z')
    normalizeRecords(db, sources, [], '2025-02-02T00:00:00Z')
    expect([...iterateEntities(db, { kind: 'dmp' })]).toHaveLength(0)
    expect(db.$client.prepare("SELECT deleted FROM entities WHERE kind = 'dmp'").pluck().all()).toEqual([1])
  })
})
