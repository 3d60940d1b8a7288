// `npm run bench:api` (or `BENCH=api npm run bench`): issue #5's API benchmark, as ratios to baselines measured in the same run.
//
//   npm run bench:api                 N=1000000 records, 3 repetitions, 10 s per autocannon run
//   npm run bench:api -- --quick      smoke run: N=100000 (QUICK=1 works too)
//   options (flag or environment): --n=N --reps=R --duration=S --connections=C --pin=0 --keep (keep the cached database)
//
// Method (RESULTS.md): the API (real createApp + startServer) and the baseline (bare hono on the same adapter, serving
// the same bodies from memory) run as child processes pinned to CPU 0; this process, which drives autocannon and reads
// the dumps, re-executes itself on CPU 1. Each scenario alternates API and baseline, REPS times, after a warm-up; the
// table shows medians. The database is built once per N and cached under os.tmpdir() (bench/lib/api-database.ts).
import { spawn, spawnSync } from 'node:child_process'
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGunzip } from 'node:zlib'
import Database from 'better-sqlite3'
import autocannon from 'autocannon'
import { databaseDir, ensureDatabase } from './lib/api-database.ts'
import { startProcess, type ServerProcess } from './lib/api-processes.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const outDir = join(repoRoot, 'bench/out')
const TARGETS = { byId: 0.5, list: 0.3, deepP99: 2, dump: 0.5 }
/** RSS during a dump is "flat" when the last quarter's median is within this of the second quarter's. */
const RSS_FLAT = 1.1

const argv = process.argv.slice(2)
const value = (name: string): string | undefined => {
  const flag = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  if (flag !== undefined) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : '1'
  return process.env[name.toUpperCase()]
}
const on = (name: string, fallback: boolean) => { const v = value(name); return v === undefined ? fallback : !['0', 'false', 'no', ''].includes(v.toLowerCase()) }
const quick = on('quick', false)
const n = Number(value('n') ?? (quick ? 100_000 : 1_000_000))
const reps = Number(value('reps') ?? 3)
const duration = Number(value('duration') ?? (quick ? 5 : 10))
const connections = Number(value('connections') ?? 10)
const keep = on('keep', false)
// The re-executed driver is itself confined to CPU 1, so it would see one CPU: it takes the parent's decision.
const reexecuted = process.env.REDCTI_BENCH_API_CHILD === '1'
const pin = reexecuted || (on('pin', true) && availableParallelism() >= 2 && spawnSync('taskset', ['-c', '0', 'true']).status === 0)

// The driver itself runs on CPU 1: re-execute under taskset once.
if (pin && !reexecuted) {
  const child = spawn('taskset', ['-c', '1', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, REDCTI_BENCH_API_CHILD: '1' },
  })
  const forward = (signal: NodeJS.Signals) => child.kill(signal)
  process.once('SIGINT', forward)
  process.once('SIGTERM', forward)
  process.exitCode = await new Promise<number>((done) => child.once('exit', (code) => done(code ?? 1)))
} else {
  process.exitCode = await main()
}

interface CannonRun { scenario: string; target: 'api' | 'baseline'; rep: number; reqPerS: number; p50: number; p99: number; mbPerS: number; non2xx: number; errors: number; clientCpu: number; serverCpuUs: number }
interface DumpRun { target: 'api' | 'baseline'; rep: number; seconds: number; gzBytes: number; mbPerS: number; lines: number; rssKb: number[]; rssBeforeKb: number }

async function main(): Promise<number> {
  mkdirSync(outDir, { recursive: true })
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const jsonl = join(outDir, `api-${n}-${stamp}.jsonl`)
  const work = mkdtempSync(join(tmpdir(), 'redcti-bench-api-run-'))
  const servers: ServerProcess[] = []
  const cleanUp = async () => {
    for (const s of servers.splice(0)) await s.stop()
    rmSync(work, { recursive: true, force: true })
    if (!keep) rmSync(databaseDir(n), { recursive: true, force: true })
    else progress(`kept the database in ${databaseDir(n)}`)
  }
  process.once('SIGINT', () => { void cleanUp().finally(() => process.exit(130)) })
  process.once('SIGTERM', () => { void cleanUp().finally(() => process.exit(143)) })
  try {
    const build = await ensureDatabase(n, progress)
    progress(build.built ? `built the database in ${build.seconds.toFixed(0)} s: ${build.file}` : `using the cached database ${build.file}`)
    const cpu = pin ? 0 : undefined
    const api = await startProcess(['bench/lib/api-server-main.ts', `--db=${build.file}`], { cwd: repoRoot, cpu })
    servers.push(api)

    // What the scenarios ask: random live ids, a filtered list, and first/deep cursor pages (the cursor followed first).
    const db = new Database(build.file, { readonly: true })
    const live = db.prepare("SELECT count(*) FROM entity_index WHERE kind = 'research-output' AND deleted = 0").pluck().get() as number
    const ids = db.prepare("SELECT id FROM entity_index WHERE kind = 'research-output' AND deleted = 0 ORDER BY random() LIMIT 2000").pluck().all() as string[]
    db.close()
    const idPaths = ids.map((id) => `/api/v1/outputs/${encodeURIComponent(id)}`)
    const listPath = '/api/v1/outputs?type=c_6501&year=2018-2020'
    const firstPath = '/api/v1/outputs?per_page=100'
    const depth = Math.floor(live / 2 / 100)
    progress(`following next_cursor ${depth} times (per_page=100, about half of ${live.toLocaleString('en-US')} live outputs)…`)
    const deepPath = await followCursor(api.url, firstPath, depth)
    const bodies: Record<string, string> = {}
    for (const path of [...idPaths, listPath, firstPath, deepPath]) bodies[path] = await fetchText(api.url + path)
    const bodiesFile = join(work, 'bodies.json')
    writeFileSync(bodiesFile, JSON.stringify(bodies))
    const baseline = await startProcess(['bench/lib/api-baseline-main.ts', `--db=${build.file}`, `--bodies=${bodiesFile}`], { cwd: repoRoot, cpu })
    servers.push(baseline)
    const urls = { api: api.url, baseline: baseline.url }
    const pids = { api: api.pid, baseline: baseline.pid }

    const setting = describeSetting(live, depth)
    say(setting)
    const scenarios: { name: string; targets: ('api' | 'baseline')[]; paths: string[] }[] = [
      { name: 'record-by-id', targets: ['api', 'baseline'], paths: idPaths },
      { name: 'filtered-list', targets: ['api', 'baseline'], paths: [listPath] },
      { name: 'first-page', targets: ['api'], paths: [firstPath] },
      { name: 'deep-page', targets: ['api'], paths: [deepPath] },
    ]
    progress('warm-up: 2 s of each scenario on each server, one short dump each…')
    for (const s of scenarios) for (const t of s.targets) await cannon(urls[t], s.paths, 2)
    for (const t of ['api', 'baseline'] as const) await dumpOnce(t === 'api' ? `${urls.api}/api/v1/dumps/outputs.ndjson.gz` : `${urls.baseline}/dump.ndjson.gz`, pids[t], 20_000)

    const runs: CannonRun[] = []
    const dumps: DumpRun[] = []
    for (let rep = 1; rep <= reps; rep++) {
      for (const s of scenarios) {
        // Alternate which server goes first from one repetition to the next.
        const order = rep % 2 === 1 ? s.targets : [...s.targets].reverse()
        for (const target of order) {
          const r = await cannon(urls[target], s.paths, duration, pids[target])
          const run: CannonRun = { scenario: s.name, target, rep, ...r }
          runs.push(run)
          appendFileSync(jsonl, `${JSON.stringify({ type: 'autocannon', n, ...run, loadAverage1m: loadavg()[0] })}\n`)
          progress(`rep ${rep}/${reps} ${s.name} ${target}: ${Math.round(r.reqPerS).toLocaleString('en-US')} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, client CPU ${(r.clientCpu * 100).toFixed(0)} %, server CPU ${Math.round(r.serverCpuUs)} µs/request${r.non2xx || r.errors ? `, ${r.non2xx} non-2xx, ${r.errors} errors` : ''}`)
          if (r.non2xx > 0 || r.errors > 0) throw new Error(`${s.name} on ${target}: ${r.non2xx} non-2xx answers, ${r.errors} errors`)
        }
      }
      for (const target of (rep % 2 === 1 ? ['api', 'baseline'] : ['baseline', 'api']) as ('api' | 'baseline')[]) {
        const url = target === 'api' ? `${urls.api}/api/v1/dumps/outputs.ndjson.gz` : `${urls.baseline}/dump.ndjson.gz`
        const d = await dumpOnce(url, pids[target])
        const run: DumpRun = { target, rep, ...d }
        dumps.push(run)
        appendFileSync(jsonl, `${JSON.stringify({ type: 'dump', n, ...run, rssKb: undefined, rss: rssSummary(d.rssKb), loadAverage1m: loadavg()[0] })}\n`)
        progress(`rep ${rep}/${reps} dump ${target}: ${d.mbPerS.toFixed(1)} MB/s gzip, ${Math.round(d.lines / d.seconds).toLocaleString('en-US')} records/s, ${d.lines.toLocaleString('en-US')} lines in ${d.seconds.toFixed(1)} s; RSS ${fmtRss(rssSummary(d.rssKb))}`)
        if (d.lines !== live) throw new Error(`dump from ${target} has ${d.lines} lines, the database holds ${live} live outputs`)
      }
    }

    const table = report(runs, dumps)
    say(`\n${table}\n`)
    writeFileSync(join(outDir, `api-${n}-${stamp}.md`), `${setting}\n\n${table}\n`)
    say(`results: ${jsonl}`)
    return 0
  } catch (error) {
    process.stderr.write(`\nBENCH FAILED\n${error instanceof Error ? error.stack : String(error)}\n`)
    return 1
  } finally {
    await cleanUp()
  }
}

async function cannon(base: string, paths: string[], seconds: number, pid?: number) {
  let i = Math.floor(Math.random() * paths.length)
  const server0 = pid === undefined ? NaN : cpuTimeUs(pid)
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const result = await autocannon({
    url: base, connections, duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  })
  const cpu = process.cpuUsage(cpu0)
  const wallUs = (performance.now() - t0) * 1000
  return {
    reqPerS: result.requests.total / result.duration, p50: result.latency.p50, p99: result.latency.p99,
    mbPerS: result.throughput.average / 1e6, non2xx: result.non2xx, errors: result.errors + result.timeouts,
    clientCpu: (cpu.user + cpu.system) / wallUs,
    serverCpuUs: pid === undefined ? NaN : (cpuTimeUs(pid) - server0) / result.requests.total,
  }
}

/** One whole dump read as fast as this process can: gzip bytes counted, lines counted after gunzip, server RSS every 200 ms. */
function dumpOnce(url: string, pid: number, maxLines = Infinity): Promise<{ seconds: number; gzBytes: number; mbPerS: number; lines: number; rssKb: number[]; rssBeforeKb: number }> {
  return new Promise((resolve, reject) => {
    const rssBeforeKb = vmRssKb(pid)
    const rssKb: number[] = []
    const sampler = setInterval(() => rssKb.push(vmRssKb(pid)), 200)
    const t0 = performance.now()
    let gzBytes = 0
    let lines = 0
    const req = get(url, (res) => {
      if (res.statusCode !== 200) { clearInterval(sampler); reject(new Error(`${url}: HTTP ${res.statusCode}`)); res.resume(); return }
      const gunzip = createGunzip()
      res.on('data', (chunk: Buffer) => { gzBytes += chunk.length })
      res.pipe(gunzip)
      gunzip.on('data', (chunk: Buffer) => {
        for (let k = chunk.indexOf(10); k !== -1; k = chunk.indexOf(10, k + 1)) lines++
        if (lines >= maxLines) { req.destroy(); finish() }
      })
      gunzip.on('end', finish)
      gunzip.on('error', (e) => { if (lines < maxLines) { clearInterval(sampler); reject(e) } })
    })
    req.on('error', (e) => { if (lines < maxLines) { clearInterval(sampler); reject(e) } })
    let finished = false
    function finish() {
      if (finished) return
      finished = true
      clearInterval(sampler)
      const seconds = (performance.now() - t0) / 1000
      resolve({ seconds, gzBytes, mbPerS: gzBytes / 1e6 / seconds, lines, rssKb, rssBeforeKb })
    }
  })
}

/**
 * A process's user + system CPU time (/proc/PID/stat, clock ticks of 10 ms): per request, what a server spends
 * whatever else the machine runs, where req/s on a shared 2-core machine also measures the neighbours.
 */
function cpuTimeUs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return NaN
  }
}

function vmRssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN)
  } catch {
    return NaN
  }
}

function rssSummary(samples: number[]) {
  const q = (from: number, to: number) => median(samples.slice(Math.floor(samples.length * from), Math.max(Math.floor(samples.length * from) + 1, Math.floor(samples.length * to))))
  const secondQuarter = q(0.25, 0.5)
  const lastQuarter = q(0.75, 1)
  return { samples: samples.length, firstMiB: samples[0]! / 1024, secondQuarterMiB: secondQuarter / 1024, lastQuarterMiB: lastQuarter / 1024, maxMiB: Math.max(...samples) / 1024, growth: lastQuarter / secondQuarter }
}
function fmtRss(r: ReturnType<typeof rssSummary>): string { return `${r.firstMiB.toFixed(0)} → ${r.secondQuarterMiB.toFixed(0)} (Q2) → ${r.lastQuarterMiB.toFixed(0)} (Q4) MiB, max ${r.maxMiB.toFixed(0)}, ${r.samples} samples` }

async function followCursor(base: string, firstPath: string, times: number): Promise<string> {
  let path = firstPath
  const t0 = performance.now()
  for (let k = 0; k < times; k++) {
    const body = JSON.parse(await fetchText(base + path)) as { meta: { next_cursor: string | null } }
    if (!body.meta.next_cursor) throw new Error(`no next_cursor after ${k} pages`)
    const url = new URL(base + path)
    url.searchParams.set('cursor', body.meta.next_cursor)
    path = `${url.pathname}${url.search}`
    if ((k + 1) % 1000 === 0) progress(`  ${k + 1} pages followed (${((performance.now() - t0) / 1000).toFixed(0)} s)`)
  }
  return path
}

function fetchText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = ''
      res.setEncoding('utf8').on('data', (s: string) => { body += s }).on('end', () => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode} ${body.slice(0, 300)}`))
        else resolve(body)
      })
    }).on('error', reject)
  })
}

function report(runs: CannonRun[], dumps: DumpRun[]): string {
  const med = (scenario: string, target: string, field: 'reqPerS' | 'p50' | 'p99' | 'clientCpu' | 'mbPerS' | 'serverCpuUs') =>
    median(runs.filter((r) => r.scenario === scenario && r.target === target).map((r) => r[field]))
  const range = (scenario: string, target: string) => {
    const v = runs.filter((r) => r.scenario === scenario && r.target === target).map((r) => Math.round(r.reqPerS))
    return `${Math.min(...v).toLocaleString('en-US')}–${Math.max(...v).toLocaleString('en-US')}`
  }
  const dumpMed = (target: string, f: (d: DumpRun) => number) => median(dumps.filter((d) => d.target === target).map(f))
  const byId = med('record-by-id', 'api', 'reqPerS') / med('record-by-id', 'baseline', 'reqPerS')
  const list = med('filtered-list', 'api', 'reqPerS') / med('filtered-list', 'baseline', 'reqPerS')
  const deep = med('deep-page', 'api', 'p99') / med('first-page', 'api', 'p99')
  const dump = dumpMed('api', (d) => d.mbPerS) / dumpMed('baseline', (d) => d.mbPerS)
  const apiRss = dumps.filter((d) => d.target === 'api').map((d) => rssSummary(d.rssKb))
  const flat = apiRss.every((r) => r.growth <= RSS_FLAT)
  const verdict = (ok: boolean) => (ok ? 'reached' : '**not reached**')
  const row = (scenario: string, target: string) =>
    `| ${scenario} | ${target} | ${Math.round(med(scenario, target, 'reqPerS')).toLocaleString('en-US')} | ${range(scenario, target)} | ${med(scenario, target, 'p50')} | ${med(scenario, target, 'p99')} | ${med(scenario, target, 'mbPerS').toFixed(1)} | ${(med(scenario, target, 'clientCpu') * 100).toFixed(0)} % | ${Math.round(med(scenario, target, 'serverCpuUs'))} |`
  const dumpRow = (target: string) => {
    const ds = dumps.filter((d) => d.target === target)
    return `| dump outputs.ndjson.gz | ${target} | ${Math.round(dumpMed(target, (d) => d.lines / d.seconds)).toLocaleString('en-US')} records/s | ${ds.map((d) => d.mbPerS.toFixed(1)).join(', ')} MB/s | | | ${dumpMed(target, (d) => d.mbPerS).toFixed(1)} (gzip) | | |`
  }
  return [
    `| scenario | server | req/s (median) | min–max | p50 ms | p99 ms | MB/s | client CPU | server CPU µs/request |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    row('record-by-id', 'api'), row('record-by-id', 'baseline'), row('filtered-list', 'api'), row('filtered-list', 'baseline'),
    row('first-page', 'api'), row('deep-page', 'api'), dumpRow('api'), dumpRow('baseline'),
    '',
    '| ratio | measured | target | |',
    '|---|---:|---:|---|',
    `| record-by-id req/s, API ÷ bare hono from memory | ${byId.toFixed(2)} | ≥ ${TARGETS.byId} | ${verdict(byId >= TARGETS.byId)} |`,
    `| filtered-list req/s, API ÷ bare hono from memory | ${list.toFixed(2)} | ≥ ${TARGETS.list} | ${verdict(list >= TARGETS.list)} |`,
    `| deep cursor page p99 ÷ first page p99 | ${deep.toFixed(2)} | ≤ ${TARGETS.deepP99} | ${verdict(deep <= TARGETS.deepP99)} |`,
    `| dump MB/s, API ÷ raw SQLite rows → gzip | ${dump.toFixed(2)} | ≥ ${TARGETS.dump} | ${verdict(dump >= TARGETS.dump)} |`,
    `| API RSS during each dump (Q4 median ÷ Q2 median) | ${apiRss.map((r) => r.growth.toFixed(2)).join(', ')} | ≤ ${RSS_FLAT} | ${flat ? 'flat' : '**grows**'} |`,
    '',
    ...apiRss.map((r, k) => `- API RSS, dump ${k + 1}: ${fmtRss(r)}`),
    '- client CPU = this driver\'s user + sys time ÷ wall time on its core (CPU 1): near 100 % means autocannon, not the server, bounds that row.',
    '- server CPU µs/request = the server process\'s user + sys time ÷ requests answered: what a request costs the server, whatever else the machine runs.',
  ].join('\n')
}

function describeSetting(live: number, depth: number): string {
  return [
    `## redcti API benchmark, N = ${n.toLocaleString('en-US')} records (${live.toLocaleString('en-US')} live outputs) (${new Date().toISOString()})`,
    '',
    `- ${pin ? 'API and baseline processes on CPU 0, this driver (autocannon, dump reader) on CPU 1 (taskset)' : 'not pinned'}; autocannon ${connections} connections, ${duration} s per run, ${reps} repetition(s), alternating API and baseline, medians`,
    '- baseline: bare hono on the same @hono/node-server adapter serving the API\'s own bodies for the same URLs from memory; dump baseline: `SELECT json FROM entities` iterated → the same coalesce + gzip stream, no transformation',
    `- record-by-id cycles over 2,000 random live ids; filtered list \`type=c_6501&year=2018-2020\` (first page, 25 items); deep page = next_cursor followed ${depth} times from \`per_page=100\``,
    `- Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  ].join('\n')
}

function median(values: number[]): number {
  const s = [...values].filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}
function say(text: string): void { process.stdout.write(`${text}\n`) }
function progress(text: string): void { process.stderr.write(`[bench:api] ${text}\n`) }
