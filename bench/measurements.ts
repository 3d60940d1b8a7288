// The measurements `npm run bench` alternates: one entry per whole process timed. Issue #3's normalize stages are new entries here.
import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { ServedSet } from './lib/served-set.ts'
import { normalizedCounts, readStoredSet, storedSetProblems } from './lib/stored-set.ts'
import { printedJson, type TimedRun } from './lib/timed-run.ts'

export interface RunContext {
  /** Records the fixture server holds. */
  n: number
  baseUrl: string
  served: ServedSet
  /** A directory for this run alone; deleted after it. */
  workDir: string
  repoRoot: string
}

export interface Measurement {
  name: string
  /** One line for the table's "what" column. */
  what: string
  /** The whole process to time, run from the repository root. */
  command(ctx: RunContext): string[]
  env?: Record<string, string>
  /** Untimed set-up in workDir (a sources file; for a normalize stage, a harvested database). */
  prepare?(ctx: RunContext): void | Promise<void>
  /** Untimed command run once before the first timed run, to fill caches (tsx's compile cache, esm's). */
  warmUp?(ctx: RunContext): string[]
  /** Records the run handled, from what it printed or stored. */
  count(run: TimedRun, ctx: RunContext): number
  /** What is wrong with the result, [] when right. A wrong result fails the bench: correctness, not timing. */
  check?(run: TimedRun, ctx: RunContext): string[] | Promise<string[]>
  /** The process's own timing (first request to last record), when it prints one. */
  innerSeconds?(run: TimedRun): number | null
}

const node = process.execPath
const SOURCE_ID = 'bench'

/** Transport and peer scripts print { records, seconds, … }; they must have listed every served header. */
const printedRecords = (run: TimedRun) => Number(printedJson(run).records)
const printedSeconds = (run: TimedRun) => {
  const s = printedJson(run).seconds
  return typeof s === 'number' ? s : null
}
const listedAll = (run: TimedRun, ctx: RunContext) => {
  const records = printedRecords(run)
  return records === ctx.served.total ? [] : [`listed ${records} records, the server serves ${ctx.served.total}`]
}

export const transport: Measurement = {
  name: 'transport-node-http',
  what: 'node:http keep-alive loop, token read from page tail, body discarded (plain node)',
  command: (ctx) => [node, 'bench/transport-node-http.mjs', `--url=${ctx.baseUrl}`],
  count: printedRecords,
  check: listedAll,
  innerSeconds: printedSeconds,
}

export const peer: Measurement = {
  name: 'peer-oai-pmh',
  what: 'npm oai-pmh 2.0.3 listRecords() async iterator (request + xml2js), stores nothing',
  command: (ctx) => [node, 'bench/peer-oai-pmh.cjs', `--url=${ctx.baseUrl}`],
  // Loading the package through `esm` the first time fills esm's cache.
  warmUp: () => [node, '-e', "require('oai-pmh')"],
  count: printedRecords,
  check: (run, ctx) => {
    const problems = listedAll(run, ctx)
    const deleted = Number(printedJson(run).deleted)
    if (deleted !== ctx.served.deleted) problems.push(`saw ${deleted} deleted headers, the server serves ${ctx.served.deleted}`)
    return problems
  },
  innerSeconds: printedSeconds,
}

const dbFile = (ctx: RunContext) => join(ctx.workDir, 'redcti.db')
const sourcesFile = (ctx: RunContext) => join(ctx.workDir, 'sources.json')
const cli = (ctx: RunContext, ...args: string[]) => [node, 'bin/redcti.js', '--db', dbFile(ctx), '--sources', sourcesFile(ctx), ...args]

export const redctiHarvest: Measurement = {
  name: 'redcti-harvest',
  what: '`redcti harvest --no-normalize` into a fresh database: raw store only (one window: windowDays 36500)',
  env: { REDCTI_LOG_LEVEL: 'warn' },
  prepare: (ctx) => {
    // A window of a century makes the harvest one token sequence, like the peer's and the transport's.
    const sources = [{ id: SOURCE_ID, baseUrl: ctx.baseUrl, metadataPrefix: 'oai_dc', harvest: { windowDays: 36500 } }]
    writeFileSync(sourcesFile(ctx), `${JSON.stringify(sources, null, 2)}\n`)
  },
  // Loads every module of the CLI once, so tsx's compile cache is warm before the first timed run.
  warmUp: (ctx) => cli(ctx, 'status', '--json'),
  command: (ctx) => cli(ctx, 'harvest', '--no-normalize', SOURCE_ID),
  count: (_run, ctx) => {
    const stored = readStoredSet(dbFile(ctx), SOURCE_ID)
    return stored.live + stored.deleted
  },
  check: async (run, ctx) => {
    const stored = readStoredSet(dbFile(ctx), SOURCE_ID)
    const problems = storedSetProblems(stored, ctx.served)
    if (run.exitCode === 0 && stored.lastRun?.status !== 'finished') problems.push('exit code 0 but the run did not finish')
    // `redcti status --json` must tell the operator the same counts.
    const { stdout } = await promisify(execFile)(node, cli(ctx, 'status', '--json').slice(1), {
      cwd: ctx.repoRoot, env: { ...process.env, REDCTI_LOG_LEVEL: 'warn' },
    })
    const status = (JSON.parse(stdout) as { sources?: { id: string; records: number; deleted: number; failed: number }[] })
      .sources?.find((s) => s.id === SOURCE_ID)
    if (!status) problems.push('`redcti status --json` does not list the source')
    else if (status.records !== stored.live || status.deleted !== stored.deleted || status.failed !== stored.withProblem) {
      problems.push(`\`redcti status --json\` says records ${status.records}, deleted ${status.deleted}, failed ${status.failed}; `
        + `the database holds ${stored.live}, ${stored.deleted}, ${stored.withProblem}`)
    }
    return problems
  },
}

/** Every served record has its normalized copy: mapped, or deleted for tombstones; none failed. */
function normalizedProblems(ctx: RunContext): string[] {
  const counts = normalizedCounts(dbFile(ctx))
  const problems: string[] = []
  if (counts.mapped !== ctx.served.live) problems.push(`${counts.mapped} records mapped, the server serves ${ctx.served.live} live`)
  if (counts.deleted !== ctx.served.deleted) problems.push(`${counts.deleted} deleted copies, the server serves ${ctx.served.deleted} deleted`)
  if (counts.failed !== 0) problems.push(`${counts.failed} records could not be mapped`)
  // Synthetic records without a DOI can share title, year and first author, and then merge as they should;
  // every mapped copy must still belong to a live merged record.
  if (counts.entities > ctx.served.live || counts.entities < 0.95 * ctx.served.live) problems.push(`${counts.entities} merged records for ${ctx.served.live} live records`)
  if (counts.unclustered !== 0) problems.push(`${counts.unclustered} mapped copies belong to no merged record`)
  return problems
}

export const redctiHarvestNormalize: Measurement = {
  ...redctiHarvest,
  name: 'redcti-harvest+normalize',
  what: '`redcti harvest`: raw store, mapping, dedup keys and merged records, one transaction per page',
  command: (ctx) => cli(ctx, 'harvest', SOURCE_ID),
  check: async (run, ctx) => [...await redctiHarvest.check!(run, ctx), ...normalizedProblems(ctx)],
}

export const redctiNormalize: Measurement = {
  name: 'redcti-normalize',
  what: '`redcti normalize` alone, over a raw store harvested (untimed) with --no-normalize',
  env: { REDCTI_LOG_LEVEL: 'warn' },
  prepare: async (ctx) => {
    redctiHarvest.prepare!(ctx)
    await promisify(execFile)(node, cli(ctx, 'harvest', '--no-normalize', SOURCE_ID).slice(1), { cwd: ctx.repoRoot, env: { ...process.env, REDCTI_LOG_LEVEL: 'warn' } })
  },
  warmUp: (ctx) => cli(ctx, 'status', '--json'),
  command: (ctx) => cli(ctx, 'normalize', SOURCE_ID),
  count: (_run, ctx) => { const c = normalizedCounts(dbFile(ctx)); return c.mapped + c.deleted + c.failed },
  check: (_run, ctx) => normalizedProblems(ctx),
}

/** Run in this order within each repetition: transport first, before any write-heavy run (RESULTS.md, interference). */
export const measurements: Measurement[] = [transport, peer, redctiHarvest, redctiHarvestNormalize, redctiNormalize]
