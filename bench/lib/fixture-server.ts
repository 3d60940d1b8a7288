// Starts the loopback fixture server as its own process (pinned to CPU 0 when asked) and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'

export const DEFAULT_SERVER = 'test/support/fixture-server-main.ts'

export interface FixtureServer {
  baseUrl: string
  pid: number
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

  return { baseUrl, pid: child.pid!, stop: () => stop(child, exited) }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
