// The baseline: a bare hono app on the same @hono/node-server adapter (startServer), serving from memory the exact
// bodies the API answered for the same URLs (read from --bodies, a JSON object path+query → body), and a dump that
// streams the stored entity JSON rows from SQLite through gzip without any transformation (no keyset batches, no
// per-row work beyond the newline). Prints {"url": …} once listening.
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { Hono } from 'hono'
import { startServer } from '../../src/server.ts'
import { webStream } from '../../src/publish/stream.ts'

const { values } = parseArgs({ options: { db: { type: 'string' }, bodies: { type: 'string' }, port: { type: 'string', default: '0' } } })
const bodies = new Map(Object.entries(JSON.parse(readFileSync(values.bodies!, 'utf8')) as Record<string, string>))
const json = { 'Content-Type': 'application/json; charset=utf-8' }
const client = new Database(values.db!, { readonly: true })

const app = new Hono()
app.get('/api/v1/outputs/:id', (c) => {
  const body = bodies.get(`/api/v1/outputs/${c.req.param('id')}`)
  return body === undefined ? c.notFound() : c.body(body, 200, json)
})
app.get('/api/v1/outputs', (c) => {
  const body = bodies.get(`/api/v1/outputs${new URL(c.req.url).search}`)
  return body === undefined ? c.notFound() : c.body(body, 200, json)
})
app.get('/dump.ndjson.gz', (c) => {
  const rows = client.prepare("SELECT json FROM entities WHERE kind = 'research-output' AND deleted = 0 AND json IS NOT NULL").pluck()
  const lines = (function* () { for (const row of rows.iterate() as IterableIterator<string>) yield `${row}\n` })()
  return c.body(webStream(lines, { gzip: true }), 200, { 'Content-Type': 'application/gzip' })
})
const server = await startServer(app, { port: Number(values.port), host: '127.0.0.1' })
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`)
const stop = () => { void server.close().finally(() => process.exit(0)) }
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
