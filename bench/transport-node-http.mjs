// The transport limit: a node:http keep-alive loop over every ListRecords page, token read from the page tail, body discarded.
// Plain .mjs run by plain `node`: the baseline must not pay tsx's start-up, as in RESULTS.md's whole-process cross-check.
// Usage: node bench/transport-node-http.mjs --url=<baseUrl> [--prefix=oai_dc]
// Prints one JSON line: { "records", "pages", "bytes", "seconds" } (seconds: first request to last byte).
import http from 'node:http'

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`))
  return hit ? hit.slice(name.length + 3) : fallback
}
const baseUrl = arg('url')
const prefix = arg('prefix', 'oai_dc')
if (!baseUrl) {
  process.stderr.write('usage: node bench/transport-node-http.mjs --url=<baseUrl> [--prefix=oai_dc]\n')
  process.exit(2)
}

// The token element and what follows it fit well inside this many bytes at the end of a page.
const TAIL_BYTES = 2048
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })

/** GET one page; keep only the last TAIL_BYTES of the body. */
function fetchTail(url) {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      let tail = Buffer.alloc(0)
      let bytes = 0
      res.on('data', (chunk) => {
        bytes += chunk.length
        tail = chunk.length >= TAIL_BYTES ? chunk : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES)
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, tail: tail.subarray(-TAIL_BYTES).toString('latin1'), bytes }))
      res.on('error', reject)
    }).on('error', reject)
  })
}

const tokenPattern = /<resumptionToken\b([^>]*?)(?:\/>|>([^<]*)<\/resumptionToken>)/
const unescapeXml = (s) => s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e])

const started = performance.now()
let url = `${baseUrl}?verb=ListRecords&metadataPrefix=${encodeURIComponent(prefix)}`
let pages = 0
let bytes = 0
let records = null
for (;;) {
  const page = await fetchTail(url)
  pages++
  bytes += page.bytes
  if (page.status !== 200) throw new Error(`HTTP ${page.status} for ${url}`)
  if (/<error\b/.test(page.tail)) throw new Error(`OAI-PMH error on page ${pages}: ${page.tail.slice(page.tail.indexOf('<error'))}`)
  const match = tokenPattern.exec(page.tail)
  if (!match) {
    // A list that fits in one response has no token at all (OAI-PMH §3.5); a longer one must end with an empty token.
    if (pages > 1) throw new Error(`page ${pages} has no resumptionToken: the list was cut short`)
    break
  }
  const size = /completeListSize="(\d+)"/.exec(match[1] ?? '')
  if (size) records = Number(size[1])
  const token = unescapeXml((match[2] ?? '').trim())
  if (token === '') break
  url = `${baseUrl}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`
}
const seconds = (performance.now() - started) / 1000
agent.destroy()
process.stdout.write(`${JSON.stringify({ records, pages, bytes, seconds })}\n`)
