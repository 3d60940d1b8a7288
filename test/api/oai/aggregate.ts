// A real aggregate for the /oai tests: fixture OAI servers (synthetic and real records) harvested and normalized by harvestAll.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { openDb, type Db } from '../../../src/db/open.ts'
import { harvestAll } from '../../../src/harvest/harvest-all.ts'
import { setSourceEnabled } from '../../../src/harvest/state.ts'
import { loadReplayRepository, startReplayServer, type ReplayServer } from '../../../src/demo/oai-replay-server.ts'
import type { ReplayRepository } from '../../../src/demo/replay-repository.ts'
import type { Source } from '../../../harvesters/types.ts'
import { mutableRepository } from '../../support/harvest-harness.ts'
import { sharedFixtures } from '../../support/fixtures.ts'
import { collectNationalIds } from '../../support/national-ids.ts'
import { dspaceRepository } from '../../support/docs-repository.ts'
export { collectNationalIds }

const writtenFromDocs = fileURLToPath(new URL('../../normalize/fixtures/written-from-docs/', import.meta.url))
const demo = fileURLToPath(new URL('../../../data/demo/', import.meta.url))



export interface Aggregate {
  db: Db
  sources: Source[]
  /** Synthetic records deleted at their source after the first harvest: tombstones in the aggregate. */
  deletedAtSource: number
  close(): Promise<void>
}

/**
 * Harvests five fixture repositories twice (the second time after some synthetic records were deleted at their
 * source), so the aggregate holds live research outputs, CRIS entities and tombstones. `disable` names sources
 * to switch off afterwards, as `redcti disable` does.
 */
export async function buildAggregate(options: { synthetic?: number; disable?: string[] } = {}): Promise<Aggregate> {
  const synthetic = mutableRepository(options.synthetic ?? 30, { deletedEvery: 0 })
  const repositories: [Source, ReplayRepository][] = [
    [{ id: 'synthetic', baseUrl: '', metadataPrefix: 'oai_dc', institution: 'Universidad Sintética del Perú' }, synthetic],
    [{ id: 'conicet', baseUrl: '', metadataPrefix: 'oai_dc', institution: 'CONICET' }, loadReplayRepository(`${demo}conicet/`)],
    [{ id: 'perucris', baseUrl: '', metadataPrefix: 'cerif_perucris', name: 'PerúCRIS (ejemplos)' }, loadReplayRepository(`${demo}perucris/`)],
    [{ id: 'dspace-xoai', baseUrl: '', metadataPrefix: 'xoai', institution: 'Universidad de Prueba' }, dspaceRepository('xoai')],
    [{ id: 'dspace-dim', baseUrl: '', metadataPrefix: 'dim', institution: 'Universidad de Prueba' }, dspaceRepository('dim')],
  ]
  const servers: ReplayServer[] = []
  const sources: Source[] = []
  for (const [source, repository] of repositories) {
    const server = await startReplayServer(repository, { host: '127.0.0.1', port: 0 })
    servers.push(server)
    sources.push({ ...source, baseUrl: server.baseUrl })
  }
  const db = openDb(':memory:')
  const first = await harvestAll(db, sources, { sources })
  if (first.some((o) => o.status !== 'finished')) throw new Error(`first harvest: ${JSON.stringify(first)}`)
  // Delete every fifth synthetic record at its source, with a datestamp after the first harvest.
  const now = new Date().toISOString().slice(0, 19) + 'Z'
  let deletedAtSource = 0
  synthetic.records.forEach((record, i) => {
    if (i % 5 !== 4) return
    synthetic.records[i] = { ...record, deleted: true, datestamp: now, formats: {} }
    deletedAtSource++
  })
  const second = await harvestAll(db, sources, { sources, full: true })
  if (second.some((o) => o.status !== 'finished')) throw new Error(`second harvest: ${JSON.stringify(second)}`)
  for (const id of options.disable ?? []) setSourceEnabled(db, id, false)
  return { db, sources, deletedAtSource, close: async () => { await Promise.all(servers.map((s) => s.close())); db.$client.close() } }
}
