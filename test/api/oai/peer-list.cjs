// The npm peer for the /oai round trip: oai-pmh 2.0.3 lists every record, one JSON line per record on stdout.
// CommonJS because the package loads itself through the `esm` loader, which only works under require().
// Usage: node test/api/oai/peer-list.cjs --url=<baseUrl> --prefix=<metadataPrefix>
'use strict'
const { OaiPmh } = require('oai-pmh')

const arg = (name) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`))
  return hit ? hit.slice(name.length + 3) : undefined
}
// xml2js gives text, or an array of one, or { _: text, $: attributes }.
const text = (v) => (Array.isArray(v) ? text(v[0]) : v && typeof v === 'object' ? v._ : v)

async function main () {
  const client = new OaiPmh(arg('url'))
  for await (const record of client.listRecords({ metadataPrefix: arg('prefix') })) {
    const header = Array.isArray(record.header) ? record.header[0] : record.header
    process.stdout.write(`${JSON.stringify({
      identifier: text(header.identifier),
      datestamp: text(header.datestamp),
      deleted: Boolean(header.$ && header.$.status === 'deleted'),
      hasMetadata: record.metadata !== undefined,
    })}\n`)
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
