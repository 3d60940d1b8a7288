// The fixture server as a standalone process, for kill-and-resume tests and the benchmark: prints {"baseUrl","port"} when listening.
import { parseArgs } from 'node:util'
import type { Faults } from './fixture-faults.ts'
import { startFixtureServer } from './fixture-server.ts'
import { syntheticRepository } from './synthetic-repository.ts'

const usage = `tsx test/support/fixture-server-main.ts --records=100000 [--page-size=100] [--port=0] [--host=127.0.0.1]
  [--seed=1] [--deleted-every=20] [--granularity=seconds|day]
  [--latency-ms=0] [--fail-every=N --fail-status=503 --retry-after=S] [--bad-token-every=N] [--truncate-every=N]
  [--reset-every=N] [--rate-limit=PER_SECOND] [--gzip] [--clock-skew-ms=MS]`

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000' },
    'page-size': { type: 'string', default: '100' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    'deleted-every': { type: 'string', default: '20' },
    granularity: { type: 'string', default: 'seconds' },
    'latency-ms': { type: 'string', default: '0' },
    'fail-every': { type: 'string' },
    'fail-status': { type: 'string', default: '503' },
    'retry-after': { type: 'string' },
    'bad-token-every': { type: 'string' },
    'truncate-every': { type: 'string' },
    'reset-every': { type: 'string' },
    'rate-limit': { type: 'string' },
    'clock-skew-ms': { type: 'string', default: '0' },
    gzip: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
  strict: true,
})

if (values.help) {
  process.stdout.write(usage + '\n')
  process.exit(0)
}

const int = (name: string, text: string | undefined): number | undefined => {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isSafeInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${JSON.stringify(text)}\n${usage}\n`)
    process.exit(2)
  }
  return n
}

const faults: Faults = {}
const failEvery = int('fail-every', values['fail-every'])
if (failEvery) {
  const retryAfter = int('retry-after', values['retry-after'])
  faults.statuses = [{ status: int('fail-status', values['fail-status'])!, when: { every: failEvery }, ...(retryAfter !== undefined ? { retryAfter } : {}) }]
}
const badTokenEvery = int('bad-token-every', values['bad-token-every'])
if (badTokenEvery) faults.badToken = { every: badTokenEvery }
const truncateEvery = int('truncate-every', values['truncate-every'])
if (truncateEvery) faults.truncate = { when: { every: truncateEvery } }
const resetEvery = int('reset-every', values['reset-every'])
if (resetEvery) faults.resetConnection = { when: { every: resetEvery } }
const rateLimit = int('rate-limit', values['rate-limit'])
if (rateLimit) faults.rateLimit = { perSecond: rateLimit }
if (values.gzip) faults.compression = { mode: 'gzip' }

const fixture = await startFixtureServer({
  repository: syntheticRepository({
    records: int('records', values.records)!,
    seed: int('seed', values.seed)!,
    deletedEvery: int('deleted-every', values['deleted-every'])!,
    granularity: values.granularity === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM-DDThh:mm:ssZ',
  }),
  pageSize: int('page-size', values['page-size'])!,
  latencyMs: int('latency-ms', values['latency-ms'])!,
  clockSkewMs: Number(values['clock-skew-ms']),
  faults,
  host: values.host,
  port: int('port', values.port)!,
})

process.stdout.write(JSON.stringify({ baseUrl: fixture.baseUrl, port: fixture.port }) + '\n')

const stop = () => {
  fixture.close().then(() => process.exit(0), () => process.exit(1))
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
