// The `redcti` command line: wiring only. Parses arguments, opens the database, calls a stage, sets the exit code.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, CommanderError } from 'commander'
import pino from 'pino'
import { openDb } from './db/open.ts'
import { loadSources, formatConfigProblems } from './config/sources.ts'
import { harvestAll } from './harvest/harvest-all.ts'
import { createProgressReporter } from './harvest/progress.ts'
import { sourceStatuses, listFailures } from './harvest/status.ts'
import { setSourceEnabled } from './harvest/state.ts'
import { formatStatusTable, formatOutcomes, formatFailures } from './harvest/report-text.ts'
import { runDemo } from './demo/run-demo.ts'
import { createApp } from './api/app.ts'
import { startServer } from './server.ts'
import { itemFront } from './api/item-front.ts'
import { normalizeRecords } from './normalize/normalize-records.ts'
import { exporters, type ExportFormat } from './publish/index.ts'
import { iterateEntities, clusterMembers, clusterOfRecord } from './db/entity-queries.ts'
import { addOverride, listOverrides } from './db/cluster-overrides.ts'
import { writeChunks } from './publish/write-chunks.ts'
import { toSeconds } from '../harvesters/oai-pmh/dates.ts'
import { buildReport, reportCsv, reportSources } from './compliance/report.ts'
import { findingsBySeverity } from './db/report-queries.ts'
import type { Source } from '../harvesters/types.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const defaults = { db: resolve(root, 'data/redcti.db'), sources: resolve(root, 'data/sources.json') }

interface GlobalOptions { db: string; sources: string }

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0
  const out = (text: string) => process.stdout.write(`${text}\n`)
  const err = (text: string) => process.stderr.write(`${text}\n`)
  const log = pino({ level: process.env.REDCTI_LOG_LEVEL ?? 'info' }, pino.destination(2))
  // `redcti export | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    throw error
  })

  const program = new Command('redcti')
    .description('Harvest, normalize, check and republish Peru\'s research outputs (Red Nacional de Información en CTI).')
    .option('--db <file>', 'SQLite database file', defaults.db)
    .option('--sources <file>', 'sources configuration (JSON array, schemas/source.schema.json)', defaults.sources)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })

  const globals = () => program.opts<GlobalOptions>()
  /** Aggregator sources (ALICIA) rank after the originals when copies merge; unknown sources are repositories. */
  const isAggregator = () => {
    const loaded = loadSources(globals().sources)
    const aggregators = new Set(loaded.ok ? loaded.value.filter((s) => s.role === 'aggregator').map((s) => s.id) : [])
    return (sourceId: string) => aggregators.has(sourceId)
  }
  const sourcesOrExit = (): Source[] | null => {
    const loaded = loadSources(globals().sources)
    if (loaded.ok) return loaded.value
    err(formatConfigProblems(loaded.error))
    exitCode = 2
    return null
  }

  program.command('harvest')
    .description('Harvest the given sources (all enabled sources when none is named), incrementally by default.')
    .argument('[sourceIds...]', 'ids from the sources file')
    .option('--full', 'list everything from the earliest datestamp and mark records that vanished without a tombstone')
    .option('--from <date>', 'harvest only records changed from this date (YYYY-MM-DD or ISO); does not move the high-water mark')
    .option('--until <date>', 'harvest only records changed until this date')
    .option('--workers <n>', 'sources harvested at the same time (per-host limits still apply)', '4')
    .option('--no-normalize', 'only store raw records; map and merge them later with `redcti normalize`')
    .action(async (ids: string[], opts: { full?: boolean; from?: string; until?: string; workers: string; normalize: boolean }) => {
      const sources = sourcesOrExit()
      if (!sources) return
      const unknown = ids.filter((id) => !sources.some((s) => s.id === id))
      if (unknown.length) {
        err(`unknown source id(s): ${unknown.join(', ')}. Known: ${sources.map((s) => s.id).join(', ')}`)
        exitCode = 2
        return
      }
      const chosen = ids.length ? sources.filter((s) => ids.includes(s.id)) : sources.filter((s) => s.enabled !== false)
      const db = openDb(globals().db)
      const progress = createProgressReporter(log, process.stderr.isTTY === true)
      try {
        const outcomes = await harvestAll(db, chosen, {
          full: opts.full, from: opts.from, until: opts.until, workers: Number(opts.workers), log, normalize: opts.normalize, sources,
          onProgress: (p) => progress.update(p),
        })
        progress.stop()
        out(formatOutcomes(outcomes))
        // Exit 0 only when every source finished (issue #2).
        exitCode = outcomes.every((o) => o.status === 'finished') ? 0 : 1
      } finally {
        db.$client.close()
      }
    })

  program.command('status')
    .description('Per source: live, deleted and unreadable records, and the last run.')
    .option('--json', 'print JSON: { "sources": [ { "id", "records", "deleted", "failed", "lastRun" } ] }')
    .action((opts: { json?: boolean }) => {
      const loaded = loadSources(globals().sources)
      const sources = loaded.ok ? loaded.value : []
      if (!loaded.ok) err(formatConfigProblems(loaded.error))
      const db = openDb(globals().db)
      try {
        const statuses = sourceStatuses(db, sources)
        out(opts.json ? JSON.stringify({ sources: statuses }, null, 2) : formatStatusTable(statuses))
      } finally {
        db.$client.close()
      }
    })

  program.command('failures')
    .description('Records that could not be parsed or fetched, and run problems, with their diagnostics.')
    .argument('[sourceId]', 'only this source')
    .option('--json', 'print JSON lines')
    .action((sourceId: string | undefined, opts: { json?: boolean }) => {
      const db = openDb(globals().db)
      try {
        const rows = listFailures(db, sourceId)
        out(opts.json ? rows.map((r) => JSON.stringify(r)).join('\n') : formatFailures(rows))
      } finally {
        db.$client.close()
      }
    })

  /** normalize and check share one path: re-map every raw record, re-merge, re-judge. */
  const renormalize = (ids: string[], doing: string, summary: (counts: ReturnType<typeof normalizeRecords>, db: ReturnType<typeof openDb>) => string) => {
    const loaded = loadSources(globals().sources)
    const db = openDb(globals().db)
    try {
      const counts = normalizeRecords(db, loaded.ok ? loaded.value : [], ids, toSeconds(new Date()), (done) => {
        if (done % 10_000 === 0) log.info({ done }, doing)
      })
      out(summary(counts, db))
    } finally {
      db.$client.close()
    }
  }

  program.command('normalize')
    .description('Replay the mappers over the raw store (after a mapping fix) and re-merge duplicates; no harvesting.')
    .argument('[sourceIds...]', 'only these sources (default: every source with raw records)')
    .action((ids: string[]) => renormalize(ids, 'normalizing', (counts) =>
      `normalized: ${counts.mapped} mapped, ${counts.failed} could not be mapped (see redcti failures), ${counts.deleted} deleted`))

  program.command('export')
    .description('Write the merged records to standard output, one per line, in flat memory.')
    .option('--format <format>', `output format: ${Object.keys(exporters).join(', ')}`, 'ndjson')
    .option('--source <id>', 'only records with a copy from this source')
    .option('--kind <kind>', 'only this kind of entity (research-output, dmp, project, funding, person, organisation)')
    .action(async (opts: { format: string; source?: string; kind?: string }) => {
      const exporter = exporters[opts.format as ExportFormat]
      if (!exporter) {
        err(`unknown format ${JSON.stringify(opts.format)}; known: ${Object.keys(exporters).join(', ')}`)
        exitCode = 2
        return
      }
      const db = openDb(globals().db)
      try {
        await writeChunks(process.stdout, exporter.serialize(iterateEntities(db, { sourceId: opts.source, kind: opts.kind })))
      } finally {
        db.$client.close()
      }
    })

  program.command('report')
    .description('Compliance report: per source and per institution, records, valid records (no error-level finding) and the records each rule flags; publicly funded projects and what they lack (D.S. 062-2024-PCM arts. 39.5-39.7, 40.3); repository health. Reads the stored findings: run `redcti check` first for today\'s verdicts.')
    .option('--source <id>', 'only this source (projects: those with a record from it)')
    .option('--format <format>', 'json (the whole report) or csv (one row per finding, streamed)', 'json')
    .option('--stale-days <days>', 'days without a newer record, while the server still answers, before an OAI index counts as stale', '90')
    .action(async (opts: { source?: string; format: string; staleDays: string }) => {
      if (opts.format !== 'json' && opts.format !== 'csv') {
        err(`unknown format ${JSON.stringify(opts.format)}; known: json, csv`)
        exitCode = 2
        return
      }
      const staleDays = Number(opts.staleDays)
      if (!Number.isInteger(staleDays) || staleDays < 1) {
        err(`--stale-days must be a whole number of days (got ${JSON.stringify(opts.staleDays)})`)
        exitCode = 2
        return
      }
      const loaded = loadSources(globals().sources)
      const sources = loaded.ok ? loaded.value : []
      if (!loaded.ok) err(formatConfigProblems(loaded.error))
      const db = openDb(globals().db)
      try {
        if (opts.source && !reportSources(db, sources).some((s) => s.id === opts.source)) {
          err(`unknown source id ${JSON.stringify(opts.source)}: neither in the sources file nor in the database`)
          exitCode = 2
          return
        }
        if (opts.format === 'csv') await writeChunks(process.stdout, reportCsv(db, sources, opts.source))
        else out(JSON.stringify(buildReport(db, sources, { today: new Date().toISOString().slice(0, 10), sourceId: opts.source, staleDays }), null, 2))
      } finally {
        db.$client.close()
      }
    })

  program.command('check')
    .description('Recompute the compliance findings of every stored copy with today\'s date. Verdicts change without the record changing (an embargo whose end date has passed), so findings stored at harvest time go stale; this re-maps each raw record and re-judges it (the same path as `redcti normalize`), so the findings always describe what the current mappers make of the record and nothing needs harvesting.')
    .argument('[sourceIds...]', 'only these sources (default: every source with raw records)')
    .action((ids: string[]) => renormalize(ids, 'checking', (counts, db) => {
      const n = findingsBySeverity(db, ids)
      return `checked: ${counts.mapped} records judged (${n.error} errors, ${n.warning} warnings, ${n.info} notes); ${counts.failed} could not be mapped (see redcti failures), ${counts.deleted} deleted`
    }))

  const clusters = program.command('clusters').description('Inspect and correct how copies of one work were merged.')
  clusters.command('show')
    .description('The copies merged into a cluster (give a cluster id, or a copy id source:oai-identifier) and the keys that joined them.')
    .argument('<id>', 'cluster id (ro-…) or copy id (<source>:<oai identifier>)')
    .action((id: string) => {
      const db = openDb(globals().db)
      try {
        const clusterId = id.includes(':') ? clusterOfRecord(db, id) : id
        const members = clusterId ? clusterMembers(db, clusterId) : []
        if (members.length === 0) {
          err(`no cluster found for ${id}`)
          exitCode = 1
          return
        }
        out(JSON.stringify({ cluster: clusterId, members }, null, 2))
      } finally {
        db.$client.close()
      }
    })
  const applyOverride = (request: Parameters<typeof addOverride>[1], done: (clusterId: string | null) => string) => {
    const db = openDb(globals().db)
    try {
      const result = addOverride(db, request, toSeconds(new Date()), isAggregator())
      if (!result.ok) { err(result.error); exitCode = 1; return }
      out(done(result.value.clusterId))
    } finally {
      db.$client.close()
    }
  }
  clusters.command('split')
    .description('Keep a copy apart from the cluster it was merged into; survives re-normalization.')
    .argument('<copyId>', '<source>:<oai identifier>')
    .option('--note <text>', 'why (kept with the decision)')
    .action((copyId: string, opts: { note?: string }) =>
      applyOverride({ kind: 'detach', recordId: copyId, note: opts.note }, (id) => `${copyId} is now kept apart (cluster ${id})`))
  clusters.command('merge')
    .description('Merge two copies that the keys did not join; survives re-normalization.')
    .argument('<copyId>').argument('<otherCopyId>')
    .option('--note <text>', 'why (kept with the decision)')
    .action((a: string, b: string, opts: { note?: string }) =>
      applyOverride({ kind: 'link', recordId: a, otherId: b, note: opts.note }, (id) => `${a} and ${b} are now one cluster (${id})`))
  clusters.command('overrides')
    .description('List the operator decisions in force.')
    .action(() => {
      const db = openDb(globals().db)
      try {
        out(JSON.stringify(listOverrides(db), null, 2))
      } finally {
        db.$client.close()
      }
    })

  for (const [verb, enabled] of [['enable', true], ['disable', false]] as const) {
    program.command(verb)
      .description(enabled ? 'Harvest a source again (after a 403 disabled it, or an operator did).' : 'Stop harvesting a source; its records stay stored.')
      .argument('<sourceId>')
      .action((sourceId: string) => {
        const db = openDb(globals().db)
        try {
          setSourceEnabled(db, sourceId, enabled)
          out(`${sourceId} ${enabled ? 'enabled' : 'disabled'}`)
        } finally {
          db.$client.close()
        }
      })
  }

  program.command('serve')
    .description('Serve the open-data API (/api/v1), /openapi.json, /data.json, the DCAT catalog and the OAI-PMH endpoint (/oai).')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--public-url <url>', 'the URL clients use (links, OAI baseURL); default: the URL each request came to')
    .action(async (opts: { port: string; host: string; publicUrl?: string }) => {
      const loaded = loadSources(globals().sources)
      const sources = loaded.ok ? loaded.value : []
      if (!loaded.ok) err(formatConfigProblems(loaded.error))
      await serveUntilStopped(openDb(globals().db), sources, { port: Number(opts.port), host: opts.host, publicUrl: opts.publicUrl })
    })

  program.command('demo')
    .description('Offline demo (npm start): serve the bundled real records on a loopback OAI-PMH server, harvest them, print a summary, then serve the API.')
    .option('--no-serve', 'stop after the harvest and the summary')
    .option('--port <n>', 'port for the API after the harvest', '8080')
    .action(async (opts: { serve: boolean; port: string }) => {
      const db = openDb(globals().db)
      const demoSources = await runDemo(db, { log, out, dataDir: resolve(root, 'data/demo') })
      exitCode = demoSources.exitCode
      if (!opts.serve || exitCode !== 0) {
        db.$client.close()
        return
      }
      await serveUntilStopped(db, demoSources.sources, { port: Number(opts.port), host: '127.0.0.1' })
    })

  async function serveUntilStopped(db: ReturnType<typeof openDb>, sources: Source[], opts: { port: number; host: string; publicUrl?: string }) {
    const options = { db, sources, publicUrl: opts.publicUrl, adminToken: process.env.REDCTI_ADMIN_TOKEN || undefined }
    const server = await startServer(createApp(options), { port: opts.port, host: opts.host, front: itemFront(options) })
    const base = opts.publicUrl ?? server.url
    out(`redcti is serving on ${server.url}`)
    out(`  API       ${base}/api/v1/outputs      docs ${base}/docs      OpenAPI ${base}/openapi.json`)
    out(`  OAI-PMH   ${base}/oai?verb=Identify   catalog ${base}/data.json`)
    out(`  admin     ${process.env.REDCTI_ADMIN_TOKEN ? 'enabled (REDCTI_ADMIN_TOKEN)' : 'off (set REDCTI_ADMIN_TOKEN to enable)'}; Ctrl+C stops`)
    await new Promise<void>((done) => {
      const stop = () => { server.close().then(() => { db.$client.close(); done() }) }
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
    })
  }

  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    throw error
  }
  return exitCode
}
