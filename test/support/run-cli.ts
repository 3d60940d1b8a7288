// Runs the real `redcti` command (node bin/redcti.js) as a child process, bounded in time, for CLI tests.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repoRoot, 'bin/redcti.js')

export interface CliResult { code: number | null; stdout: string; stderr: string }

/** Runs the CLI to its end and returns its exit code and output, whatever the code. */
export function runCli(args: string[], ms = 30_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: repoRoot, env: { ...process.env, REDCTI_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8') })
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8') })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`redcti ${args.join(' ')}: still running after ${ms} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`))
    }, ms)
    child.once('error', reject)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
