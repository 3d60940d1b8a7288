// The benchmark's OAI-PMH server: the synthetic repository of the fixture server, each list page rendered once
// and then served from memory. The fixture server spends ~30 µs of CPU per record building pages (bench/README),
// more than the clients it measures; RESULTS.md's server spent ~2.5 µs. Same contract as fixture-server-main.
import { createServer } from 'node:http'
import { parseArgs } from 'node:util'
import { answerOaiRequest, renderAnswer, readOaiArgs, requestBaseUrl, listen, portOf } from '../src/demo/oai-replay-server.ts'
import { syntheticRepository } from '../test/support/synthetic-repository.ts'

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    'page-size': { type: 'string', default: '100' },
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string', default: '1' },
    'deleted-every': { type: 'string', default: '20' },
  },
  strict: false,
})

const repository = syntheticRepository({
  records: Number(values.records), seed: Number(values.seed), deletedEvery: Number(values['deleted-every']),
})
const pageSize = Number(values['page-size'])
const cache = new Map<string, Buffer>()

const server = createServer((req, res) => {
  readOaiArgs(req).then((args) => {
    if (typeof args === 'string') {
      res.writeHead(400).end()
      return
    }
    const key = args.map(([k, v]) => `${k}=${v}`).sort().join('&')
    // Identify carries the server's clock (the harvester's high-water mark): never cached.
    const cacheable = !key.includes('verb=Identify')
    let body = cacheable ? cache.get(key) : undefined
    if (!body) {
      const answer = answerOaiRequest(args, repository, { baseUrl: requestBaseUrl(req), now: new Date(), pageSize, setsPageSize: 100, compression: [] })
      body = Buffer.from(renderAnswer(answer), 'utf8')
      if (cacheable) cache.set(key, body)
    }
    res.writeHead(200, { 'Content-Type': 'text/xml; charset=UTF-8', 'Content-Length': body.length }).end(body)
  }, () => res.writeHead(500).end())
})
server.keepAliveTimeout = 5000
await listen(server, Number(values.port), String(values.host))
process.stdout.write(`${JSON.stringify({ baseUrl: `http://${values.host}:${portOf(server)}/oai`, port: portOf(server) })}\n`)
const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
