// /oai: our OAI-PMH 2.0 data provider over the merged aggregate. HTTP only here: arguments in, XML (gzip if asked) out.
import { Hono, type Context } from 'hono'
import { gzipSync } from 'node:zlib'
import type { AppEnv, AppOptions } from '../app.ts'
import type { OaiArgs } from '../../demo/oai-answer.ts'
import { acceptsGzip } from '../../demo/oai-replay-server.ts'
import { answerOai, type OaiSettings } from './answer.ts'
import { responseHeaders, send } from '../response-headers.ts'

export type OaiOptions = Partial<OaiSettings>

// The OAI module's own settings ride on the app's options (tests force small pages with `oai: { pageSize: 3 }`).
declare module '../app.ts' {
  interface AppOptions {
    oai?: OaiOptions
  }
}

// oai-identifier.xsd: a repositoryIdentifier is a domain name; an IP address or `localhost` is not one.
const domainName = /^[a-zA-Z][a-zA-Z0-9-]*(\.[a-zA-Z][a-zA-Z0-9-]+)+$/
const maxBodyBytes = 1 << 20

export function settingsOf(options: AppOptions): OaiSettings {
  const publicHost = options.publicUrl && URL.canParse(options.publicUrl) ? new URL(options.publicUrl).hostname : ''
  return {
    pageSize: Math.max(1, options.oai?.pageSize ?? 100),
    setsPageSize: Math.max(1, options.oai?.setsPageSize ?? 100),
    repositoryName: options.oai?.repositoryName ?? 'redcti: agregado de la Red Nacional de Información en CTI (Perú)',
    // Identifiers must not change with the Host a client used: the public URL's host, else a reserved loopback name.
    repositoryIdentifier: options.oai?.repositoryIdentifier ?? (domainName.test(publicHost) ? publicHost : 'redcti.localhost'),
    adminEmails: options.oai?.adminEmails ?? ['admin@redcti.localhost'],
    tokenLifetimeSeconds: options.oai?.tokenLifetimeSeconds ?? 24 * 3600,
  }
}

/** Spec §3.2: `<request>` and Identify's baseURL are the URL the harvester used, byte for byte, or the public one. */
function baseUrlOf(c: Context, options: AppOptions): string {
  if (options.publicUrl) return `${options.publicUrl.replace(/\/+$/, '')}/oai`
  const url = new URL(c.req.url)
  return `${url.origin}${url.pathname}`
}

/** The key=value pairs in order, repeats kept (a repeat is itself an error): the query for GET, the form body for POST. */
async function argumentsOf(c: Context): Promise<OaiArgs | 'too-large'> {
  if (c.req.method !== 'POST') return [...new URL(c.req.url).searchParams]
  const body = await c.req.arrayBuffer()
  if (body.byteLength > maxBodyBytes) return 'too-large'
  // Spec §3.1.1.2: form encoding, where `+` is a space; our tokens never contain one.
  return [...new URLSearchParams(Buffer.from(body).toString('utf8'))]
}

const OAI_CONTENT_TYPE = 'text/xml; charset=UTF-8'

export function oaiRoutes(options: AppOptions): Hono<AppEnv> {
  const routes = new Hono<AppEnv>()
  const settings = settingsOf(options)
  routes.all('/', async (c) => {
    if (c.req.method !== 'GET' && c.req.method !== 'POST' && c.req.method !== 'HEAD') {
      return c.text('OAI-PMH accepts GET and POST.\n', 405, { Allow: 'GET, HEAD, POST' })
    }
    const now = (options.now ?? (() => new Date()))()
    const args = await argumentsOf(c)
    if (args === 'too-large') return c.text('Request body too large.\n', 413)
    const xml = answerOai(args, { db: options.db, sources: options.sources, baseUrl: baseUrlOf(c, options), now, settings, compression: ['gzip'] })
    responseHeaders(c).vary = 'Accept-Encoding'
    // §3.1.3: identity unless the harvester asked for gzip (with a non-zero q).
    const gzip = acceptsGzip(c.req.header('accept-encoding'))
    // §3.1.2.1: text/xml for every response, OAI errors included, all with HTTP 200 (§3.1.2.2).
    return send(c, gzip ? gzipSync(xml) : xml, 200, OAI_CONTENT_TYPE, gzip ? { 'Content-Encoding': 'gzip' } : undefined)
  })
  return routes
}
