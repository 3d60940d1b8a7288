// Runs one command as a whole process under /usr/bin/time (wall seconds, peak RSS), pinned to one CPU when asked.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TimedRun {
  argv: string[]
  exitCode: number
  stdout: string
  /** The last 64 KiB of standard error. */
  stderr: string
  wallS: number
  peakRssKb: number
  userS: number
  sysS: number
}

const STDERR_KEEP = 64 * 1024

export async function runTimed(argv: string[], options: { cwd: string; env?: Record<string, string>; cpu?: number }): Promise<TimedRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'redcti-time-'))
  const timeFile = join(scratch, 'time')
  const pinned = options.cpu === undefined ? argv : ['taskset', '-c', String(options.cpu), ...argv]
  try {
    // -o keeps time's line apart from the command's own stderr; taskset execs the command, so %M is the command's.
    const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', '%e %M %U %S', ...pinned], {
      cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s })
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-STDERR_KEEP) })
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)))
    })
    // time writes "Command exited with non-zero status N" (or "terminated by signal") before the figures.
    const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? ''
    const [wallS, peakRssKb, userS, sysS] = last.split(' ').map(Number)
    if ([wallS, peakRssKb, userS, sysS].some((x) => x === undefined || !Number.isFinite(x))) {
      throw new Error(`cannot read /usr/bin/time's figures ('${last}') for: ${argv.join(' ')}`)
    }
    return { argv: pinned, exitCode, stdout, stderr, wallS: wallS!, peakRssKb: peakRssKb!, userS: userS!, sysS: sysS! }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The first JSON object a script printed on its own line (transport and peer scripts print one). */
export function printedJson(run: TimedRun): Record<string, unknown> {
  const line = run.stdout.split('\n').find((l) => l.trimStart().startsWith('{'))
  if (line === undefined) throw new Error(`no JSON line on stdout of: ${run.argv.join(' ')}`)
  return JSON.parse(line) as Record<string, unknown>
}
