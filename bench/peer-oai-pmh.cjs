// The npm peer: oai-pmh 2.0.3 lists every record with its listRecords() async iterator (request + xml2js), stores nothing.
// CommonJS because the package loads itself through the `esm` loader, which only works under require().
// Usage: node bench/peer-oai-pmh.cjs --url=<baseUrl> [--prefix=oai_dc]
// Prints one JSON line: { "records", "deleted", "seconds" } (seconds: first request to last record).
'use strict'
const { OaiPmh } = require('oai-pmh')

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`))
  return hit ? hit.slice(name.length + 3) : fallback
}

async function main () {
  const baseUrl = arg('url')
  const prefix = arg('prefix', 'oai_dc')
  if (!baseUrl) {
    process.stderr.write('usage: node bench/peer-oai-pmh.cjs --url=<baseUrl> [--prefix=oai_dc]\n')
    return 2
  }
  const client = new OaiPmh(baseUrl)
  const started = performance.now()
  let records = 0
  let deleted = 0
  for await (const record of client.listRecords({ metadataPrefix: prefix })) {
    records++
    // xml2js puts attributes under `$`: a tombstone is <header status="deleted">.
    if (record && record.header && record.header.$ && record.header.$.status === 'deleted') deleted++
  }
  const seconds = (performance.now() - started) / 1000
  process.stdout.write(`${JSON.stringify({ records, deleted, seconds })}\n`)
  return 0
}

main().then((code) => { process.exitCode = code }, (error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
