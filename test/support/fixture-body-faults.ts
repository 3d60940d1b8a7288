// Byte- and text-level damage a fixture response can carry: broken records, odd envelopes, encodings, compression, non-OAI pages.
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { renderAnswer, type OaiAnswer } from '../../src/demo/oai-answer.ts'
import { acceptsGzip } from '../../src/demo/oai-replay-server.ts'
import { OAI_NAMESPACE, tokenXml } from '../../src/demo/oai-xml.ts'
import type { CompressionMode, EnvelopeVariant, NotOaiKind, RecordFaultKind } from './fixture-faults.ts'

// Private-use code points that stand for raw bytes until the body is encoded (a JS string cannot hold invalid UTF-8).
const latin1Oacute = '\uE000'
const strayFF = '\uE001'

/** Damages one item (a `<record>` or a ListIdentifiers `<header>`); returns it unchanged when the fault does not apply. */
export function damageItem(item: string, kind: RecordFaultKind): string {
  const headerEnd = item.indexOf('</header>') + '</header>'.length
  const metadataOpen = item.indexOf('<metadata>', headerEnd)
  const innerStart = metadataOpen < 0 ? -1 : metadataOpen + '<metadata>'.length
  const innerEnd = item.lastIndexOf('</metadata>')
  const intoText = (payload: string) => {
    if (innerStart < 0) return item
    const text = />(?=[^<\s])/g
    text.lastIndex = innerStart
    const match = text.exec(item)
    if (!match || match.index >= innerEnd) return item
    return item.slice(0, match.index + 1) + payload + item.slice(match.index + 1)
  }
  const datestamp = (rewrite: (iso: string) => string | null) =>
    item.replace(/<datestamp>([^<]*)<\/datestamp>/, (_, stamp: string) => {
      const iso = stamp.length === 10 ? `${stamp}T00:00:00Z` : stamp
      const next = rewrite(iso)
      return next === null ? '' : `<datestamp>${next}</datestamp>`
    })
  switch (kind) {
    case 'c0-controls': return intoText('\u0003\u000B\u000C\u001A')
    case 'char-ref-control': return intoText('&#x1;')
    case 'char-ref-nonchar': return intoText('&#xFFFE;')
    case 'lone-surrogate-ref': return intoText('&#55349;&#xD835;')
    case 'astral-chars': return intoText('𝐀𝐁𝐂 🧪 ')
    case 'invalid-utf8': return intoText(`Investigaci${latin1Oacute}n ${strayFF} `)
    case 'double-encoded-utf8': return intoText('InvestigaciÃ³n ')
    case 'unescaped-ampersand': return intoText('Ciencia & Tecnología ')
    case 'nested-xml-declaration':
      return innerStart < 0 ? item : item.slice(0, innerStart) + '<?xml version="1.0" encoding="UTF-8"?>' + item.slice(innerStart)
    case 'datestamp-milliseconds': return datestamp((iso) => iso.replace('Z', '.123Z'))
    case 'datestamp-no-z': return datestamp((iso) => iso.replace('Z', ''))
    case 'datestamp-space': return datestamp((iso) => iso.replace('T', ' '))
    case 'datestamp-offset':
      return datestamp((iso) => new Date(Date.parse(iso) - 5 * 3600_000).toISOString().slice(0, 19) + '-05:00')
    case 'datestamp-garbage': return datestamp(() => 'not a date')
    case 'no-datestamp': return datestamp(() => null)
    case 'no-identifier': return item.replace(/<identifier>[^<]*<\/identifier>/, '')
    case 'no-metadata': return innerStart < 0 ? item : item.slice(0, metadataOpen).trimEnd() + item.slice(innerEnd + '</metadata>'.length)
    case 'empty-metadata': return innerStart < 0 ? item : item.slice(0, metadataOpen) + '<metadata/>' + item.slice(innerEnd + '</metadata>'.length)
    case 'deleted-with-metadata': return innerStart < 0 ? item : item.replace('<header>', '<header status="deleted">')
    case 'record-wrapper':
      return innerStart < 0 ? item : item.slice(0, innerStart) + '<record>' + item.slice(innerStart, innerEnd) + '</record>' + item.slice(innerEnd)
  }
}

const envelopeNames =
  'OAI-PMH|responseDate|request|error|Identify|ListMetadataFormats|ListSets|GetRecord|ListIdentifiers|ListRecords|record|header|' +
  'identifier|datestamp|setSpec|metadata|about|resumptionToken|set|setName|setDescription|metadataFormat|metadataPrefix|schema|' +
  'metadataNamespace|repositoryName|baseURL|protocolVersion|adminEmail|earliestDatestamp|deletedRecord|granularity|compression|description'
const envelopeTag = new RegExp(`<(/?)(${envelopeNames})(?=[\\s>/])`, 'g')
const schemaLocation = ` xsi:schemaLocation="${OAI_NAMESPACE} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"`

/** The document text with envelope variants applied; metadata payloads are never touched. */
export function renderWithEnvelope(answer: OaiAnswer, variants: readonly EnvelopeVariant[]): string {
  if (variants.length === 0) return renderAnswer(answer)
  const prefixed = variants.includes('oai-prefixed-root')
  const envelope = (text: string) =>
    prefixed ? text.replace(envelopeTag, '<$1oai:$2').replace(` xmlns="${OAI_NAMESPACE}"`, ` xmlns:oai="${OAI_NAMESPACE}"`) : text
  let head = envelope(answer.head)
  const items = answer.items.map((item) => {
    const open = item.indexOf('<metadata>')
    const close = item.lastIndexOf('</metadata>')
    if (open < 0 || close < open) return envelope(item)
    return envelope(item.slice(0, open + '<metadata>'.length)) + item.slice(open + '<metadata>'.length, close) + envelope(item.slice(close))
  })
  const foot = envelope(tokenXml(answer.token) + answer.foot)
  if (variants.includes('oai-1.1-namespace')) {
    const verb = answer.verb ?? 'Identify'
    const ns = `http://www.openarchives.org/OAI/1.1/OAI_${verb}`
    head = head.replace(schemaLocation, ` xsi:schemaLocation="${ns} ${ns}.xsd"`).replace(`="${OAI_NAMESPACE}"`, `="${ns}"`)
  }
  if (variants.includes('no-schema-location')) head = head.replace(schemaLocation, '')
  if (variants.includes('stylesheet-pi')) head = head.replace('?>\n', '?>\n<?xml-stylesheet type="text/xsl" href="static/style.xsl"?>\n')
  if (variants.includes('declared-latin1-bytes-utf8')) head = head.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
  if (variants.includes('leading-whitespace')) head = '\n\n  ' + head
  if (variants.includes('bom')) head = '\uFEFF' + head
  return head + items.join('') + foot
}

/** The bytes on the wire: UTF-8 (or ISO-8859-1 for that variant), with the placeholder bytes of 'invalid-utf8' put back. */
export function encodeDocument(text: string, variants: readonly EnvelopeVariant[]): Buffer {
  if (variants.includes('declared-utf8-bytes-latin1')) return Buffer.from(text.replace(/[^\u0000-\u00ff]/g, '?'), 'latin1')
  if (!text.includes(latin1Oacute) && !text.includes(strayFF)) return Buffer.from(text, 'utf8')
  const parts = text.split(/([\uE000\uE001])/)
  return Buffer.concat(parts.map((part) =>
    part === latin1Oacute ? Buffer.from([0xf3]) : part === strayFF ? Buffer.from([0xff]) : Buffer.from(part, 'utf8')))
}

export function compressBody(body: Buffer, mode: CompressionMode, acceptEncoding: string | undefined): { body: Buffer; contentEncoding?: string } {
  switch (mode) {
    case 'gzip': return acceptsGzip(acceptEncoding) ? { body: gzipSync(body), contentEncoding: 'gzip' } : { body }
    case 'gzip-unlabelled': return { body: gzipSync(body) }
    case 'deflate-raw': return { body: deflateRawSync(body), contentEncoding: 'deflate' }
    case 'deflate-zlib': return { body: deflateSync(body), contentEncoding: 'deflate' }
    case 'gzip-label-on-identity': return { body, contentEncoding: 'gzip' }
  }
}

export const phpNotice = '\n<br />\n<b>Notice</b>:  Undefined index: set in <b>/var/www/html/oai/index.php</b> on line <b>142</b><br />\n'

/** Case 18: what a login wall, a proxy or an API gateway sends with status 200. */
export function notOaiPage(kind: NotOaiKind): { contentType: string; body: string } {
  switch (kind) {
    case 'html-login':
      return {
        contentType: 'text/html; charset=utf-8',
        body: '<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8"><title>Iniciar sesión</title></head>' +
          '<body><h1>Acceso restringido</h1><form action="/login" method="post"><input name="usuario"><input name="clave" type="password">' +
          '<button>Ingresar</button></form></body></html>\n',
      }
    case 'html-proxy-error':
      return {
        contentType: 'text/html',
        body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n',
      }
    case 'json':
      return { contentType: 'application/json', body: '{"error":"Service temporarily unavailable","status":503}\n' }
  }
}
