// `npm start`: the bundled real records served on loopback and harvested through the real harvester, offline.
import type { Logger } from 'pino'
import type { Db } from '../db/open.ts'
import type { Source } from '../../harvesters/types.ts'
import { loadDemoRepositories } from './demo-corpus.ts'
import { startReplayServer } from './oai-replay-server.ts'
import { harvestAll } from '../harvest/harvest-all.ts'
import { sourceStatuses } from '../harvest/status.ts'
import { formatOutcomes, formatStatusTable } from '../harvest/report-text.ts'

export async function runDemo(db: Db, io: { log: Logger; out: (text: string) => void; dataDir: string }): Promise<{ exitCode: number; sources: Source[] }> {
  const entries = loadDemoRepositories(io.dataDir)
  const servers = new Map<object, Awaited<ReturnType<typeof startReplayServer>>>()
  try {
    for (const entry of entries) {
      if (!servers.has(entry.repository)) servers.set(entry.repository, await startReplayServer(entry.repository, { host: '127.0.0.1', port: 0 }))
    }
    const sources: Source[] = entries.map((entry) => ({
      id: entry.id, name: entry.name, institution: entry.institution, metadataPrefix: entry.metadataPrefix,
      baseUrl: servers.get(entry.repository)!.baseUrl,
      note: 'bundled demo corpus (data/demo), served on loopback',
    }))
    io.out(`Serving ${servers.size} demo repositories on 127.0.0.1; harvesting ${sources.length} sources…`)
    const outcomes = await harvestAll(db, sources, { log: io.log, sources })
    io.out(formatOutcomes(outcomes))
    io.out('')
    io.out(formatStatusTable(sourceStatuses(db, sources)))
    return { exitCode: outcomes.every((o) => o.status === 'finished') ? 0 : 1, sources }
  } finally {
    await Promise.all([...servers.values()].map((s) => s.close()))
  }
}
