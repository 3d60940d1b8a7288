// The bench's knobs: flags (--n=100000 --reps=3 --quick --memory --pin=0 --keep) or the same names in upper case in the environment.
export interface BenchOptions {
  /** Records served by the fixture (and harvested per run). */
  n: number
  /** Runs of each measurement, alternating. */
  reps: number
  /** Records per ListRecords page on the fixture server. */
  pageSize: number
  /** Run the memory check (redcti alone at N and 10×N) instead of the throughput table. */
  memory: boolean
  /** Pin the server to CPU 0 and each measured process to CPU 1 (needs taskset and 2 CPUs). */
  pin: boolean
  /** Keep the temporary databases (for a post-mortem); they are deleted otherwise. */
  keep: boolean
  /** Another fixture server script with the same contract as test/support/fixture-server-main.ts. */
  server: string | undefined
}

export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const value = (name: string): string | undefined => {
    const flag = argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
    if (flag !== undefined) return flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : '1'
    return env[name.toUpperCase()]
  }
  const flag = (name: string, fallback: boolean): boolean => {
    const v = value(name)
    return v === undefined ? fallback : !['0', 'false', 'no', ''].includes(v.toLowerCase())
  }
  const count = (name: string, fallback: number): number => {
    const v = value(name)
    if (v === undefined) return fallback
    const n = Number(v.replace(/_/g, ''))
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer (got '${v}')`)
    return n
  }
  // QUICK is a smoke test: small N and one repetition, unless N or REPS say otherwise.
  const quick = flag('quick', false)
  return {
    n: count('n', quick ? 10_000 : 100_000),
    reps: count('reps', quick ? 1 : 3),
    pageSize: count('page-size', 100),
    memory: flag('memory', false),
    pin: flag('pin', true),
    keep: flag('keep', false),
    server: value('server'),
  }
}
