// The API under test: the real createApp + startServer, with the item front as `redcti serve` runs it, over the bench
// database, as its own process.
// Prints {"url": …} once listening. No rate limit (600/min by default would answer 429s under load).
import { parseArgs } from 'node:util'
import { openDb } from '../../src/db/open.ts'
import { createApp } from '../../src/api/app.ts'
import { startServer } from '../../src/server.ts'
import { itemFront } from '../../src/api/item-front.ts'
import { BENCH_SOURCE } from './api-database.ts'

const { values } = parseArgs({ options: { db: { type: 'string' }, port: { type: 'string', default: '0' } } })
const db = openDb(values.db!)
const options = { db, sources: [BENCH_SOURCE], rateLimitPerMinute: 0 }
const server = await startServer(createApp(options), { port: Number(values.port), host: '127.0.0.1', front: itemFront(options) })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
const stop = () => { void server.close().finally(() => { db.$client.close(); process.exit(0) }) }
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
