import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pino from 'pino'
import { openDb, type Db } from '../../src/db/open.ts'
import { harvestAll } from '../../src/harvest/harvest-all.ts'
import { listFailures, sourceStatuses } from '../../src/harvest/status.ts'
import { iterateEntities } from '../../src/db/entity-queries.ts'
import { exporters } from '../../src/publish/index.ts'
import { loadReplayRepository, startReplayServer, type ReplayServer } from '../../src/demo/oai-replay-server.ts'
import type { ReplayRepository } from '../../src/demo/replay-repository.ts'
import type { Source } from '../../harvesters/types.ts'
import { sharedFixtures } from '../support/fixtures.ts'
import { collectNationalIds } from '../support/national-ids.ts'
import { dspaceRepository } from '../support/docs-repository.ts'

// Issue #3: national identity numbers (renati.*.dni, CERIF identifiers typed concytec/terminos#dni, passports,
// carné de extranjería) never reach the model, an export, a diagnostic or a log line. This test collects every
// such value in the fixtures, harvests the records that carry them through the real pipeline, and looks for them
// everywhere a person could read them. The raw store keeps them (it is never served as is).

const writtenFromDocs = fileURLToPath(new URL('../normalize/fixtures/written-from-docs/', import.meta.url))
const realDir = `${sharedFixtures}oai/real/`



describe('national identity numbers never leave the raw store', () => {
  const nationalIds = collectNationalIds()
  const logLines: string[] = []
  const servers: ReplayServer[] = []
  let db: Db

  beforeAll(async () => {
    const repositories: [string, string, ReplayRepository][] = [
      ['perucris', 'cerif_perucris', loadReplayRepository(fileURLToPath(new URL('../../data/demo/perucris/', import.meta.url)))],
      ['dspace-xoai', 'xoai', dspaceRepository('xoai')],
      ['dspace-dim', 'dim', dspaceRepository('dim')],
    ]
    const sources: Source[] = []
    for (const [id, prefix, repository] of repositories) {
      const server = await startReplayServer(repository, { host: '127.0.0.1', port: 0 })
      servers.push(server)
      sources.push({ id, baseUrl: server.baseUrl, metadataPrefix: prefix })
    }
    db = openDb(':memory:')
    const log = pino({ level: 'debug' }, { write: (line: string) => { logLines.push(line) } })
    const outcomes = await harvestAll(db, sources, { log, sources })
    expect(outcomes.map((o) => o.status)).toEqual(['finished', 'finished', 'finished'])
  })
  afterAll(async () => { await Promise.all(servers.map((s) => s.close())) })

  it('the fixtures do carry national IDs, and the raw store keeps them', () => {
    expect(nationalIds.size).toBeGreaterThanOrEqual(10)
    const raw = db.$client.prepare('SELECT group_concat(metadata) FROM raw_records').pluck().get() as string
    expect([...nationalIds].filter((id) => raw.includes(id)).length).toBeGreaterThanOrEqual(8)
  })

  it('no national ID in the NDJSON export, the merged entities or the normalized copies', () => {
    const exported = [...exporters.ndjson.serialize(iterateEntities(db))].join('')
    const stored = db.$client.prepare("SELECT group_concat(coalesce(json, '') || issues || unmapped || coalesce(error, ''), '\n') FROM normalized_records").pluck().get() as string
    const entities = db.$client.prepare("SELECT group_concat(coalesce(json, ''), '\n') FROM entities").pluck().get() as string
    expect(exported.length).toBeGreaterThan(0)
    for (const id of nationalIds) {
      expect(exported, `export holds ${id}`).not.toContain(id)
      expect(stored, `normalized copies hold ${id}`).not.toContain(id)
      expect(entities, `entities hold ${id}`).not.toContain(id)
    }
  })

  it('no national ID in stored diagnostics, failures, status or the captured log', () => {
    const problems = JSON.stringify(db.$client.prepare('SELECT detail FROM harvest_problems').all())
    const rawProblems = JSON.stringify(db.$client.prepare('SELECT problem FROM raw_records WHERE problem IS NOT NULL').all())
    const failures = JSON.stringify(listFailures(db))
    const status = JSON.stringify(sourceStatuses(db, []))
    const log = logLines.join('')
    expect(log.length).toBeGreaterThan(0)
    for (const id of nationalIds) {
      for (const [where, text] of [['problems', problems], ['raw problems', rawProblems], ['failures', failures], ['status', status], ['log', log]] as const) {
        expect(text, `${where} hold ${id}`).not.toContain(id)
      }
    }
  })
})
