// A server script of the API benchmark as its own process (`node --import tsx`, pinned with taskset when asked):
// resolves once it prints {"url": …}; stop() sends SIGTERM (SIGKILL after 10 s).
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'

export interface ServerProcess { url: string; pid: number; stop(): Promise<void> }

export async function startProcess(args: string[], options: { cwd: string; cpu?: number }): Promise<ServerProcess> {
  const node = [process.execPath, '--import', 'tsx', ...args]
  const argv = options.cpu === undefined ? node : ['taskset', '-c', String(options.cpu), ...node]
  const child = spawn(argv[0]!, argv.slice(1), { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDCTI_LOG_LEVEL: 'warn' } })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-8192); process.stderr.write(s) })
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args[0]} did not print its address within 120 s`)), 120_000)
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const printed = JSON.parse(line) as { url?: unknown }
        if (typeof printed.url === 'string') { clearTimeout(timer); resolve(printed.url) }
      } catch { /* not the address line */ }
    })
    child.once('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`${args[0]} exited (${signal ?? code}) before listening\n${stderr}`)) })
  }).catch(async (error: unknown) => { await stop(); throw error })
  return { url, pid: child.pid!, stop }
}
