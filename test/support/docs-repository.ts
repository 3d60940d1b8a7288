// The DSpace records written from the ALICIA documentation (they carry RENATI fields and DNIs), served as an OAI
// repository in their own format by the replay server.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { ReplayRepository } from '../../src/demo/replay-repository.ts'

const writtenFromDocs = fileURLToPath(new URL('../normalize/fixtures/written-from-docs/', import.meta.url))

export function dspaceRepository(prefix: 'xoai' | 'dim'): ReplayRepository {
  const files = readdirSync(writtenFromDocs).filter((f) => f.includes(` ${prefix} `) && !f.startsWith('a broken'))
  return {
    repositoryName: `Fixtures written from the docs (${prefix})`, earliestDatestamp: '2020-01-01T00:00:00Z', granularity: 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord: 'persistent', sets: [],
    formats: [{ metadataPrefix: prefix, schema: 'http://example.org/schema.xsd', metadataNamespace: 'http://example.org/ns' }],
    records: files.map((file, i) => ({
      identifier: `oai:repositorio.example.pe:${prefix}/${i}`, datestamp: `2024-0${i + 1}-01T00:00:00Z`, setSpecs: [], deleted: false,
      formats: { [prefix]: readFileSync(writtenFromDocs + file, 'utf8').replace(/^<\?xml[^>]*>\s*/, '').replace(/<!--[\s\S]*?-->\s*/g, '') },
    })),
  }
}
