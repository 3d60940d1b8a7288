// What the fixture server serves, learnt once per server with a node:http ListIdentifiers walk: counts and a set digest.
import http from 'node:http'
import { SetDigest } from './set-digest.ts'

export interface ServedSet {
  /** Headers listed, deleted ones included: what every measurement must count. */
  total: number
  live: number
  deleted: number
  /** SetDigest of every (identifier, status) listed. */
  digest: string
}

export async function walkServedSet(baseUrl: string, metadataPrefix = 'oai_dc'): Promise<ServedSet> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const seen = new Set<string>()
  const digest = new SetDigest()
  let live = 0
  let deleted = 0
  let url = `${baseUrl}?verb=ListIdentifiers&metadataPrefix=${encodeURIComponent(metadataPrefix)}`
  try {
    for (let page = 1; ; page++) {
      const body = await get(url, agent)
      if (/<error\b/.test(body)) throw new Error(`ListIdentifiers page ${page} is an OAI-PMH error: ${body.slice(body.indexOf('<error'), body.indexOf('<error') + 300)}`)
      for (const header of body.matchAll(/<header\b([^>]*)>([\s\S]*?)<\/header>/g)) {
        const identifier = /<identifier>([^<]*)<\/identifier>/.exec(header[2] ?? '')?.[1]
        if (identifier === undefined) throw new Error(`a header without identifier on ListIdentifiers page ${page}`)
        const id = unescapeXml(identifier.trim())
        if (seen.has(id)) throw new Error(`the fixture server lists ${id} twice: fix the server before benchmarking`)
        seen.add(id)
        const status = /\bstatus\s*=\s*["']deleted["']/.test(header[1] ?? '') ? 'deleted' : 'live'
        if (status === 'deleted') deleted++
        else live++
        digest.add(id, status)
      }
      const token = /<resumptionToken\b[^>]*?(?:\/>|>([^<]*)<\/resumptionToken>)/.exec(body)?.[1]?.trim() ?? ''
      if (token === '') break
      url = `${baseUrl}?verb=ListIdentifiers&resumptionToken=${encodeURIComponent(unescapeXml(token))}`
    }
  } finally {
    agent.destroy()
  }
  return { total: live + deleted, live, deleted, digest: digest.toString() }
}

function get(url: string, agent: http.Agent): Promise<string> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => res.statusCode === 200 ? resolve(Buffer.concat(chunks).toString('utf8')) : reject(new Error(`HTTP ${res.statusCode} for ${url}`)))
      res.on('error', reject)
    }).on('error', reject)
  })
}

export function unescapeXml(text: string): string {
  return text.replace(/&(?:(lt|gt|quot|apos|amp)|#(\d+)|#x([0-9a-fA-F]+));/g, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) =>
    name ? ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)))
}
