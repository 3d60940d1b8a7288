// Tests for decodeBody: real CONICET and SciELO responses, compressed and re-encoded the ways servers do it.
import { readFileSync } from 'node:fs'
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeBody } from '../../../harvesters/oai-pmh/decode-body.ts'

const real = (name: string) => readFileSync(new URL(`../../../../shared/fixtures/oai/real/${name}`, import.meta.url))
const page = real('conicet-ar-listrecords-oai_dc.xml')
const pageText = page.toString('utf8')

function decoded(bytes: Buffer, contentEncoding?: string) {
  const r = decodeBody(bytes, contentEncoding)
  if (!r.ok) throw new Error(`expected ok, got: ${r.detail}`)
  return r
}

describe('case 16: compression is sniffed from magic bytes, whatever the headers say', () => {
  it('(a) gzip with Content-Encoding gzip, silently', () => {
    expect(decoded(gzipSync(page), 'gzip')).toEqual({ ok: true, text: pageText, warnings: [] })
  })

  it('(b) gzip bytes without Content-Encoding', () => {
    const r = decoded(gzipSync(page), undefined)
    expect(r.text).toBe(pageText)
    expect(r.warnings).toEqual(['gzip body without Content-Encoding gzip'])
  })

  it('(c) zlib-wrapped and raw deflate under Content-Encoding deflate', () => {
    expect(decoded(deflateSync(page), 'deflate')).toEqual({ ok: true, text: pageText, warnings: [] })
    expect(decoded(deflateRawSync(page), 'deflate')).toEqual({ ok: true, text: pageText, warnings: [] })
    for (const level of [1, 2, 6, 9]) expect(decoded(deflateSync(page, { level }), 'Deflate').text).toBe(pageText)
  })

  it('(c) zlib bytes are sniffed without a header too', () => {
    expect(decoded(deflateSync(page), undefined).text).toBe(pageText)
  })

  it('(d) Content-Encoding gzip on an uncompressed body is used as is, with a warning', () => {
    const r = decoded(page, 'gzip')
    expect(r.text).toBe(pageText)
    expect(r.warnings).toEqual(['Content-Encoding gzip on an uncompressed body; used as is'])
    expect(decoded(page, 'deflate').text).toBe(pageText)
  })

  it('a gzip layer inside a gzip body is undone as well', () => {
    const r = decoded(gzipSync(gzipSync(page)), 'gzip')
    expect(r.text).toBe(pageText)
    expect(r.warnings).toEqual(['gzip layer inside a compressed body'])
  })

  it('a truncated compressed stream fails, so the caller retries instead of parsing half a page (case 15)', () => {
    for (const [bytes, encoding] of [
      [gzipSync(page), 'gzip'], [gzipSync(page), undefined], [deflateSync(page), 'deflate'], [deflateRawSync(page), 'deflate'],
    ] as const) {
      for (const keep of [0.5, 0.99]) {
        const r = decodeBody(bytes.subarray(0, Math.floor(bytes.length * keep)), encoding)
        expect(r.ok, `${encoding} cut at ${keep}`).toBe(false)
      }
    }
    expect(decodeBody(gzipSync(page).subarray(0, -4), 'gzip')).toMatchObject({ ok: false, detail: expect.stringMatching(/^gzip: /) })
  })

  it('a corrupt gzip stream fails on its checksum', () => {
    const bytes = Buffer.from(gzipSync(page))
    bytes[bytes.length - 6]! ^= 0xff // inside the CRC32 trailer
    expect(decodeBody(bytes, 'gzip').ok).toBe(false)
  })
})

describe('case 17 and 30: BOMs, declarations and leading whitespace', () => {
  it('no declaration at all means UTF-8 (the LA Referencia fixtures start with a comment)', () => {
    const bytes = real('lareferencia-testres-ualg-algarve-xoai.xml')
    expect(decoded(bytes)).toEqual({ ok: true, text: bytes.toString('utf8'), warnings: [] })
  })

  it('a UTF-8 BOM is stripped', () => {
    expect(decoded(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), page]))).toEqual({ ok: true, text: pageText, warnings: [] })
  })

  it('UTF-16 with a BOM is decoded as UTF-16, LE and BE', () => {
    const text = pageText.replace('encoding="UTF-8"', 'encoding="UTF-16"')
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const be = Buffer.from(le).swap16()
    expect(decoded(le).text).toBe(text)
    expect(decoded(be).text).toBe(text)
  })

  it('leading whitespace before <?xml is removed (SciELO Chile sends a blank line first)', () => {
    const bytes = real('scielo-cl-listrecords-oai_dc_agris-truncated.xml')
    const r = decoded(bytes)
    expect(r.text).toBe(bytes.toString('utf8').replace(/^\n/, ''))
    expect(r.warnings).toEqual(['whitespace before the XML declaration removed'])
    expect(decoded(Buffer.concat([Buffer.from(' \r\n\t'), page])).text).toBe(pageText)
  })
})

describe('case 29: a wrong XML declaration', () => {
  // What an ISO-8859-1 server really sends: Latin-1 bytes, anything beyond Latin-1 as a character reference.
  const latin1Text = pageText
    .replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    .replace(/[^\x00-\xff]/gu, (c) => `&#${c.codePointAt(0)};`)
  const latin1 = Buffer.from(latin1Text, 'latin1')

  it('a true ISO-8859-1 page is decoded as declared', () => {
    expect(decoded(latin1)).toEqual({ ok: true, text: latin1Text, warnings: [] })
  })

  it('declared ISO-8859-1 over UTF-8 bytes is read as UTF-8', () => {
    const bytes = Buffer.from(pageText.replace('encoding="UTF-8"', "encoding='iso-8859-1'"), 'utf8')
    const r = decoded(bytes)
    expect(r.text).toBe(bytes.toString('utf8'))
    expect(r.text).toContain('TECNOLOGÍA')
    expect(r.warnings).toEqual(['declared iso-8859-1 but the bytes are UTF-8; read as UTF-8'])
  })

  it('windows-1252 curly quotes under an ISO-8859-1 label come out as quotes, not C1 controls', () => {
    const bytes = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>\x93Investigaci\xf3n\x94</a>', 'latin1')
    expect(decoded(bytes).text).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>“Investigación”</a>')
  })

  it('declared UTF-8 over a page with no valid UTF-8 sequence at all is read as windows-1252', () => {
    const bytes = Buffer.from(latin1Text.replace('encoding="ISO-8859-1"', 'encoding="UTF-8"'), 'latin1')
    const r = decoded(bytes)
    expect(r.text).toBe(latin1Text.replace('encoding="ISO-8859-1"', 'encoding="UTF-8"'))
    expect(r.warnings).toEqual(['declared or assumed UTF-8 but no valid multi-byte sequence; read as windows-1252'])
  })

  it('an unknown or lying UTF-16 label falls back to UTF-8', () => {
    for (const label of ['x-klingon', 'UTF-16']) {
      const bytes = Buffer.from(pageText.replace('encoding="UTF-8"', `encoding="${label}"`), 'utf8')
      const r = decoded(bytes)
      expect(r.text).toBe(bytes.toString('utf8'))
      expect(r.warnings).toHaveLength(1)
    }
  })
})

describe('case 27: invalid UTF-8 bytes inside a UTF-8 page', () => {
  it('are replaced with U+FFFD and counted; the rest of the page is untouched', () => {
    const at = page.indexOf('Cassiodoro, Gisela Eva')
    // "García" and "Peña" written by a Latin-1 client into a UTF-8 record.
    const bad = Buffer.from('Garc\xeda Pe\xf1a ', 'latin1')
    const bytes = Buffer.concat([page.subarray(0, at), bad, page.subarray(at)])
    const r = decoded(bytes)
    expect(r.text).toBe(pageText.slice(0, pageText.indexOf('Cassiodoro')) + 'Garc\uFFFDa Pe\uFFFDa ' + pageText.slice(pageText.indexOf('Cassiodoro')))
    expect(r.warnings).toEqual(['2 invalid UTF-8 sequences replaced with U+FFFD'])
  })

  it('a genuine U+FFFD already in the page is not counted', () => {
    const bytes = Buffer.concat([Buffer.from('<a>\uFFFD '), Buffer.from([0xe9]), Buffer.from(' é</a>')])
    expect(decoded(bytes).warnings).toEqual(['1 invalid UTF-8 sequence replaced with U+FFFD'])
  })
})
