// Starts the loopback fixture server as its own process (pinned to CPU 0 when asked) and stops it with SIGTERM.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

// Pages rendered once and served from memory, so the baseline measures the client, not page building.
export const DEFAULT_SERVER = 'bench/cached-oai-server.ts'

export interface FixtureServer {
  baseUrl: string
  pid: number
  /** CPU seconds (user + sys) the server has used so far, from /proc; null where there is no /proc. */
  cpuSeconds(): number | null
  stop(): Promise<void>
}

// Pre-rendering a million records may take a while before the server listens.
const START_TIMEOUT_MS = 10 * 60_000

export async function startFixtureServer(options: {
  repoRoot: string; records: number; pageSize: number; cpu?: number; script?: string
}): Promise<FixtureServer> {
  const script = resolve(options.repoRoot, options.script ?? DEFAULT_SERVER)
  if (!existsSync(script)) {
    throw new Error(`fixture server not found: ${script} (SERVER=<script> names another one with the same contract)`)
  }
  // `node --import tsx` rather than `npx tsx`: no wrapper process, so SIGTERM reaches the server itself.
  const node = [process.execPath, ...(/\.[cm]?ts$/.test(script) ? ['--import', 'tsx'] : []), script,
    `--records=${options.records}`, `--page-size=${options.pageSize}`, '--port=0']
  const argv = options.cpu === undefined ? node : ['taskset', '-c', String(options.cpu), ...node]
  const child = spawn(argv[0]!, argv.slice(1), { cwd: options.repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-8192) })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))

  const baseUrl = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`fixture server did not print its address within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS)
    const lines = createInterface({ input: child.stdout! })
    lines.on('line', (line) => {
      try {
        const printed = JSON.parse(line) as { baseUrl?: unknown }
        if (typeof printed.baseUrl !== 'string') return
        clearTimeout(timer)
        resolveUrl(printed.baseUrl)
      } catch { /* not the address line */ }
    })
    child.once('error', (e) => { clearTimeout(timer); reject(e) })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`fixture server exited (${signal ?? code}) before listening: ${argv.join(' ')}\n${stderr}`))
    })
  }).catch(async (error: unknown) => { await stop(child, exited); throw error })

  const pid = child.pid!
  return { baseUrl, pid, cpuSeconds: () => cpuSeconds(pid), stop: () => stop(child, exited) }
}

let ticksPerSecond: number | undefined

// taskset execs the server, so the pid we started is the server's own.
function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which may hold spaces; utime and stime are fields 14 and 15 of proc(5).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    ticksPerSecond ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond
  } catch {
    return null
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
