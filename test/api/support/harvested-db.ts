// A fresh database filled through the real pipeline for the API tests: the demo corpus (CONICET, PerúCRIS, LA
// Referencia, OpenAIRE) served on loopback, maDMP documents from a folder, and the DSpace records written from the
// ALICIA docs (they carry national IDs, which must never come out). Harvested with harvestAll, as `redcti harvest` does.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDb, type Db } from '../../../src/db/open.ts'
import { harvestAll } from '../../../src/harvest/harvest-all.ts'
import { loadDemoRepositories } from '../../../src/demo/demo-corpus.ts'
import { startReplayServer, type ReplayServer } from '../../../src/demo/oai-replay-server.ts'
import type { ReplayRepository } from '../../../src/demo/replay-repository.ts'
import type { Source } from '../../../harvesters/types.ts'
import { createApp, type AppOptions } from '../../../src/api/app.ts'
import { sharedFixtures } from '../../support/fixtures.ts'
import { dspaceRepository } from '../../support/docs-repository.ts'

export const writtenFromDocs = fileURLToPath(new URL('../../normalize/fixtures/written-from-docs/', import.meta.url))


export interface HarvestedDb {
  db: Db
  sources: Source[]
  /** Stops the loopback servers and removes temporary folders. */
  close(): Promise<void>
  app(options?: Partial<AppOptions>): ReturnType<typeof createApp>
}

/** `keepServing`: leave the OAI servers running (an admin-triggered harvest needs them). */
export async function harvestedDb(options: { file?: string; keepServing?: boolean } = {}): Promise<HarvestedDb> {
  const servers: ReplayServer[] = []
  const sources: Source[] = []
  const byRepository = new Map<object, ReplayServer>()
  for (const entry of loadDemoRepositories()) {
    let server = byRepository.get(entry.repository)
    if (!server) byRepository.set(entry.repository, (server = await startReplayServer(entry.repository, { host: '127.0.0.1', port: 0 })))
    sources.push({ id: entry.id, name: entry.name, institution: entry.institution, metadataPrefix: entry.metadataPrefix, baseUrl: server.baseUrl })
  }
  servers.push(...byRepository.values())
  for (const prefix of ['xoai', 'dim'] as const) {
    const server = await startReplayServer(dspaceRepository(prefix), { host: '127.0.0.1', port: 0 })
    servers.push(server)
    sources.push({ id: `docs-dspace-${prefix}`, name: `Repositorio de ejemplo (${prefix})`, institution: 'Universidad de Ejemplo del Perú', metadataPrefix: prefix, baseUrl: server.baseUrl })
  }
  const madmp = mkdtempSync(join(tmpdir(), 'redcti-api-madmp-'))
  for (const file of ['ex9-dmp-long.json', 'ex4-dataset-embargo.json']) cpSync(`${sharedFixtures}madmp/${file}`, join(madmp, file))
  for (const file of readdirSync(writtenFromDocs).filter((f) => f.endsWith('.json'))) cpSync(writtenFromDocs + file, join(madmp, file))
  sources.push({ id: 'docs-madmp', name: 'Planes de gestión de datos de ejemplo', institution: 'PROCIENCIA', protocol: 'madmp', metadataPrefix: 'madmp', baseUrl: madmp })

  const db = openDb(options.file ?? ':memory:')
  const outcomes = await harvestAll(db, sources, { sources })
  const failed = outcomes.filter((o) => o.status !== 'finished')
  if (failed.length > 0) throw new Error(`harvest failed: ${JSON.stringify(failed)}`)
  let closed = false
  const close = async () => {
    if (closed) return
    closed = true
    await Promise.all(servers.map((s) => s.close()))
    rmSync(madmp, { recursive: true, force: true })
  }
  if (!options.keepServing) await close()
  return { db, sources, close, app: (extra = {}) => createApp({ db, sources, rateLimitPerMinute: 0, ...extra }) }
}
