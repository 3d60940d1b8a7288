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
import { formatStatusTable, formatOutcomes, formatFailures } from './harvest/report-text.ts'
import { runDemo } from './demo/run-demo.ts'
import type { Source } from '../harvesters/types.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const defaults = { db: resolve(root, 'data/redcti.db'), sources: resolve(root, 'data/sources.json') }

interface GlobalOptions { db: string; sources: string }

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0
  const out = (text: string) => process.stdout.write(`${text}\n`)
  const err = (text: string) => process.stderr.write(`${text}\n`)
  const log = pino({ level: process.env.REDCTI_LOG_LEVEL ?? 'info' }, pino.destination(2))

  const program = new Command('redcti')
    .description('Harvest, normalize, check and republish Peru\'s research outputs (Red Nacional de Información en CTI).')
    .option('--db <file>', 'SQLite database file', defaults.db)
    .option('--sources <file>', 'sources configuration (JSON array, schemas/source.schema.json)', defaults.sources)
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) })

  const globals = () => program.opts<GlobalOptions>()
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
    .action(async (ids: string[], opts: { full?: boolean; from?: string; until?: string; workers: string }) => {
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
          full: opts.full, from: opts.from, until: opts.until, workers: Number(opts.workers), log,
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

  program.command('demo')
    .description('Offline demo (npm start): serve the bundled real records on a loopback OAI-PMH server, harvest them, print a summary.')
    .action(async () => {
      const db = openDb(globals().db)
      try {
        exitCode = await runDemo(db, { log, out, dataDir: resolve(root, 'data/demo') })
      } finally {
        db.$client.close()
      }
    })

  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    throw error
  }
  return exitCode
}
