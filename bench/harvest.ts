// `npm run bench`: issue #2's harvest benchmark — transport limit, npm peer and `redcti harvest`, alternating, as whole processes.
//
//   npm run bench                    N=100000, 3 repetitions: the table, ratios and the ≥ 3× peer target
//   npm run bench -- --quick         smoke test: N=10000, 1 repetition (QUICK=1 works too)
//   npm run bench -- --memory        peak RSS of `redcti harvest` alone at N and 10×N, against the ≤ 1.2× target
//   options (flag or environment): --n=N  --reps=R  --page-size=100  --pin=0 (no taskset)  --keep (keep the databases)
//                                  --server=<script> (another fixture server with the same command-line contract)
//
// Method (RESULTS.md): the fixture server runs on CPU 0, every timed process on CPU 1, each under /usr/bin/time;
// records/s = records listed (deleted headers included) ÷ the process's wall time, start-up included. Ratios are
// taken against figures of the same run; nothing here asserts a timing. A wrong stored set fails the bench.
import { spawnSync } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { statfs } from 'node:fs/promises'
import { availableParallelism, cpus, freemem, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { measurements, peer, redctiHarvest, redctiHarvestNormalize, transport, type Measurement, type RunContext } from './measurements.ts'
import { startFixtureServer, type FixtureServer } from './lib/fixture-server.ts'
import { readOptions, type BenchOptions } from './lib/options.ts'
import { walkServedSet, type ServedSet } from './lib/served-set.ts'
import { formatTable, summarize, type RunRecord } from './lib/summary.ts'
import { runTimed, type TimedRun } from './lib/timed-run.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const outDir = join(repoRoot, 'bench/out')

/** The issue's targets, as ratios of figures measured in the same run. */
const PEER_TARGET = 3
/** Issue #3: harvest + normalize ≥ 2× the peer. */
const NORMALIZE_TARGET = 2
const MEMORY_TARGET = 1.2
/** Transfers before the first recorded run: the server's first ones are 2–3× slower (RESULTS.md, warm-up). */
const WARM_UP_TRANSFERS = 3
/** Disk a fresh database may take per record, with room to spare: about 4 KB per row with indexes, plus the WAL. */
const DISK_BYTES_PER_RECORD = 8 * 1024
const DISK_MARGIN = 1024 ** 3

class BenchFailure extends Error {}

interface Session {
  options: BenchOptions
  cpu: { server?: number; client?: number }
  tmpRoot: string
  stamp: string
  server: FixtureServer | null
}

async function main(): Promise<number> {
  // BENCH=api (or --api): issue #5's API benchmark instead (bench/api.ts, also `npm run bench:api`).
  if (process.env.BENCH === 'api' || process.argv.includes('--api')) {
    await import('./api.ts')
    return Number(process.exitCode ?? 0)
  }
  const options = readOptions(process.argv.slice(2), process.env)
  const pinned = options.pin && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0
  const session: Session = {
    options,
    cpu: pinned ? { server: 0, client: 1 } : {},
    tmpRoot: mkdtempSync(join(tmpdir(), 'redcti-bench-')),
    stamp: new Date().toISOString().replace(/[:.]/g, '-'),
    server: null,
  }
  const cleanUp = async () => {
    await session.server?.stop()
    session.server = null
    if (!options.keep) rmSync(session.tmpRoot, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => { void cleanUp().finally(() => process.exit(130)) })
  }
  mkdirSync(outDir, { recursive: true })
  try {
    if (options.memory) await memoryCheck(session)
    else await throughput(session)
    return 0
  } catch (error) {
    if (!(error instanceof BenchFailure)) throw error
    process.stderr.write(`\nBENCH FAILED\n${error.message}\n`)
    return 1
  } finally {
    await cleanUp()
    if (options.keep) process.stderr.write(`kept the run directories in ${session.tmpRoot}\n`)
  }
}

/** The table of issue #2: every measurement, alternating, REPS times, against one server of N records. */
async function throughput(session: Session): Promise<void> {
  const { options } = session
  await requireFreeDisk(options.n)
  const served = await startServer(session, options.n)
  const jsonl = join(outDir, `harvest-${options.n}-${session.stamp}.jsonl`)
  say(describeSetting(session, served))

  for (let i = 1; i <= WARM_UP_TRANSFERS; i++) await warmUp(session, served, transport)
  for (const m of measurements) if (m.warmUp) await warmUp(session, served, m)

  const runs: RunRecord[] = []
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const m of measurements) {
      const record = await measure(session, served, m, rep)
      runs.push(record)
      appendFileSync(jsonl, `${JSON.stringify({ type: 'run', ...record, pinned: session.cpu.client !== undefined, loadAverage1m: loadavg()[0] })}\n`)
      progress(`rep ${rep}/${options.reps} ${m.name}: ${Math.round(record.recordsPerS).toLocaleString('en-US')} records/s, `
        + `${record.wallS.toFixed(2)} s (server CPU ${record.serverCpuS?.toFixed(2) ?? '?'} s), ${(record.peakRssKb / 1024).toFixed(1)} MiB`)
    }
  }

  const rows = summarize(runs, measurements, transport.name)
  const subject = rows.find((r) => r.measurement === redctiHarvest.name)
  const against = rows.find((r) => r.measurement === peer.name)
  const ratio = subject && against ? subject.medianRecordsPerS / against.medianRecordsPerS : NaN
  const cpuRatio = subject && against ? subject.medianRecordsPerCpuS / against.medianRecordsPerCpuS : NaN
  const withNormalize = rows.find((r) => r.measurement === redctiHarvestNormalize.name)
  const normalizeRatio = withNormalize && against ? withNormalize.medianRecordsPerS / against.medianRecordsPerS : NaN
  const table = [
    formatTable(rows, transport.name),
    '',
    'records/s and ÷ use wall time; "records per CPU-s" is the process\'s own user + sys time, "server CPU s" what the fixture server spent meanwhile (medians).',
    '',
    `- ${redctiHarvest.name} ÷ ${peer.name}: ${ratio.toFixed(2)}× (records/s); ${cpuRatio.toFixed(2)}× (records per CPU-s)`,
    `- target ≥ ${PEER_TARGET}× peer: ${ratio >= PEER_TARGET ? 'reached' : 'not reached'} (${ratio.toFixed(2)}×)`,
    `- ${redctiHarvestNormalize.name} ÷ ${peer.name}: ${normalizeRatio.toFixed(2)}× (records/s); target ≥ ${NORMALIZE_TARGET}×: ${normalizeRatio >= NORMALIZE_TARGET ? 'reached' : 'not reached'}`,
  ].join('\n')
  say(`\n${table}\n`)
  appendFileSync(jsonl, `${JSON.stringify({ type: 'summary', n: options.n, reps: options.reps, rows, redctiOverPeer: ratio, redctiOverPeerCpu: cpuRatio, harvestNormalizeOverPeer: normalizeRatio, target: PEER_TARGET, loadAverage: loadavg() })}\n`)
  writeFileSync(join(outDir, `harvest-${options.n}-${session.stamp}.md`), `${describeSetting(session, served)}\n\n${table}\n`)
  say(`results: ${jsonl}`)
}

/** Issue #2's memory goal: peak RSS of `redcti harvest` at 10×N within 1.2× of that at N, each run alone once. */
async function memoryCheck(session: Session): Promise<void> {
  const sizes = [session.options.n, session.options.n * 10]
  const jsonl = join(outDir, `memory-${sizes[0]}-${session.stamp}.jsonl`)
  const results: RunRecord[] = []
  for (const n of sizes) {
    await requireFreeDisk(n)
    const served = await startServer(session, n)
    say(describeSetting(session, served))
    await warmUp(session, served, transport)
    if (results.length === 0 && redctiHarvest.warmUp) await warmUp(session, served, redctiHarvest)
    const record = await measure(session, served, redctiHarvest, 1)
    results.push(record)
    appendFileSync(jsonl, `${JSON.stringify({ type: 'memory-run', ...record })}\n`)
    progress(`${redctiHarvest.name} at ${n}: ${(record.peakRssKb / 1024).toFixed(1)} MiB, ${record.wallS.toFixed(1)} s`)
    await session.server?.stop()
    session.server = null
  }
  const [small, large] = results as [RunRecord, RunRecord]
  const ratio = large.peakRssKb / small.peakRssKb
  const table = [
    '| records | records/s | wall s | peak RSS MiB |',
    '|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.n.toLocaleString('en-US')} | ${Math.round(r.recordsPerS).toLocaleString('en-US')} | ${r.wallS.toFixed(1)} | ${(r.peakRssKb / 1024).toFixed(1)} |`),
    '',
    `- peak RSS at ${large.n.toLocaleString('en-US')} ÷ at ${small.n.toLocaleString('en-US')}: ${ratio.toFixed(2)}×`,
    `- target ≤ ${MEMORY_TARGET}×: ${ratio <= MEMORY_TARGET ? 'reached' : 'not reached'} (${ratio.toFixed(2)}×)`,
  ].join('\n')
  say(`\n${table}\n`)
  appendFileSync(jsonl, `${JSON.stringify({ type: 'memory-summary', sizes, ratio, target: MEMORY_TARGET })}\n`)
  say(`results: ${jsonl}`)
}

async function startServer(session: Session, n: number): Promise<ServedSet> {
  progress(`starting the fixture server with ${n.toLocaleString('en-US')} records…`)
  session.server = await startFixtureServer({
    repoRoot, records: n, pageSize: session.options.pageSize, cpu: session.cpu.server, script: session.options.server,
  })
  progress(`listening at ${session.server.baseUrl}; walking ListIdentifiers for the served set…`)
  const served = await walkServedSet(session.server.baseUrl)
  if (served.total !== n) throw new BenchFailure(`the fixture server lists ${served.total} headers, asked for ${n}`)
  return served
}

/** One untimed run whose result is still checked: a warm-up that fails would fail the timed runs too. */
async function warmUp(session: Session, served: ServedSet, m: Measurement): Promise<void> {
  const ctx = context(session, served, `warm-up-${m.name}`)
  try {
    await m.prepare?.(ctx)
    const argv = m.warmUp?.(ctx) ?? m.command(ctx)
    const run = await runTimed(argv, { cwd: repoRoot, env: m.env, cpu: session.cpu.client })
    if (run.exitCode !== 0) throw new BenchFailure(failureReport(m, run, [`warm-up exited with ${run.exitCode}`]))
  } finally {
    rmSync(ctx.workDir, { recursive: true, force: true })
  }
}

/** One timed run of one measurement in a fresh directory, checked, counted and cleaned up. */
async function measure(session: Session, served: ServedSet, m: Measurement, rep: number): Promise<RunRecord> {
  const ctx = context(session, served, `${m.name}-${rep}`)
  try {
    await m.prepare?.(ctx)
    const serverBefore = session.server!.cpuSeconds()
    const run = await runTimed(m.command(ctx), { cwd: repoRoot, env: m.env, cpu: session.cpu.client })
    const serverAfter = session.server!.cpuSeconds()
    const problems = run.exitCode === 0 ? [] : [`exit code ${run.exitCode}`]
    try {
      problems.push(...(await m.check?.(run, ctx) ?? []))
    } catch (error) {
      problems.push(`the check itself failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    if (problems.length > 0) throw new BenchFailure(failureReport(m, run, problems, ctx.workDir))
    const records = m.count(run, ctx)
    return {
      measurement: m.name, rep, n: ctx.n, records, wallS: run.wallS, userS: run.userS, sysS: run.sysS,
      peakRssKb: run.peakRssKb, recordsPerS: records / run.wallS, innerS: m.innerSeconds?.(run) ?? null,
      serverCpuS: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore,
    }
  } finally {
    if (!session.options.keep) rmSync(ctx.workDir, { recursive: true, force: true })
    // Write back what the run wrote before the next one starts (RESULTS.md, interference).
    spawnSync('sync')
  }
}

function context(session: Session, served: ServedSet, name: string): RunContext {
  const workDir = join(session.tmpRoot, name)
  mkdirSync(workDir, { recursive: true })
  return { n: served.total, baseUrl: session.server!.baseUrl, served, workDir, repoRoot }
}

async function requireFreeDisk(records: number): Promise<void> {
  const fs = await statfs(tmpdir())
  const free = fs.bavail * fs.bsize
  const need = records * DISK_BYTES_PER_RECORD + DISK_MARGIN
  progress(`free disk in ${tmpdir()}: ${gib(free)} GiB; a fresh database of ${records.toLocaleString('en-US')} records needs up to ${gib(need)} GiB`)
  if (free < need) throw new BenchFailure(`not enough free disk in ${tmpdir()}: ${gib(free)} GiB free, ${gib(need)} GiB needed (set TMPDIR to a larger disk)`)
}

function describeSetting(session: Session, served: ServedSet): string {
  const { options, cpu } = session
  return [
    `## redcti harvest benchmark, N = ${served.total.toLocaleString('en-US')} (${new Date().toISOString()})`,
    '',
    `- served: ${served.live.toLocaleString('en-US')} live + ${served.deleted.toLocaleString('en-US')} deleted headers, `
      + `${options.pageSize} per page; records/s counts both, over each whole process's wall time (start-up included)`,
    `- ${cpu.client === undefined ? 'not pinned (no taskset or fewer than 2 CPUs, or PIN=0)' : 'server on CPU 0, every timed process on CPU 1 (taskset), so redcti gets one core, like the peer'}`,
    `- ${options.memory
      ? `memory check: ${redctiHarvest.name} alone, one run per size, after one untimed transport transfer`
      : `${options.reps} repetition(s), alternating ${measurements.map((m) => m.name).join(' → ')}, after ${WARM_UP_TRANSFERS} untimed transport transfers`}; `
      + 'redcti harvests one window (windowDays 36500), like the peer\'s single token sequence',
    `- Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${availableParallelism()}, ${gib(freemem())} GiB free memory, `
      + `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} when this was printed (other work on the machine makes wall times noisy)`,
  ].join('\n')
}

function failureReport(m: Measurement, run: TimedRun, problems: string[], workDir?: string): string {
  return [
    `${m.name}: ${problems.join('\n  ')}`,
    `command: ${run.argv.join(' ')}${m.env ? ` (env ${Object.entries(m.env).map(([k, v]) => `${k}=${v}`).join(' ')})` : ''}`,
    workDir ? `run directory: ${workDir} (deleted unless KEEP=1)` : '',
    `stdout (tail):\n${run.stdout.slice(-2000)}`,
    `stderr (tail):\n${run.stderr.slice(-4000)}`,
  ].filter(Boolean).join('\n')
}

const gib = (bytes: number) => (bytes / 1024 ** 3).toFixed(1)
const say = (text: string) => process.stdout.write(`${text}\n`)
const progress = (text: string) => process.stderr.write(`[bench] ${text}\n`)

process.exitCode = await main()
