// Turns the bytes of a response body into the text the XML parser reads (cases 16, 17, 27, 29, 30).
import { isAscii, isUtf8 } from 'node:buffer'
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib'

export type DecodedBody =
  | { ok: true; text: string; warnings: string[] }
  | { ok: false; detail: string }

/**
 * Decompresses by magic bytes, then decodes characters by BOM, XML declaration and the bytes themselves.
 * The Content-Type charset is deliberately not an input: servers send `text/html` or no charset
 * at all (`mloesch/sickle #9`), and the spec makes the document's own encoding authoritative.
 * Pass `contentEncoding` as the server sent it; if the HTTP client already decompressed the body
 * (fetch does), pass undefined, or every page will carry a "not compressed" warning.
 * `ok: false` means the body cannot be trusted (corrupt or truncated stream): retry, never parse.
 */
export function decodeBody(bytes: Buffer, contentEncoding: string | undefined): DecodedBody {
  const warnings: string[] = []
  const inflated = decompress(bytes, contentEncoding?.toLowerCase(), warnings)
  if (typeof inflated === 'string') return { ok: false, detail: inflated }
  try {
    return { ok: true, text: decodeText(inflated, warnings), warnings }
  } catch (err) {
    // V8 strings stop near 512 MiB; a body that large is refused rather than half-read.
    return { ok: false, detail: `cannot decode body as text: ${(err as Error).message}` }
  }
}

// metha's read cap (`miku/metha client.go`); a METS page can reach 200 MB (`miku/metha #35`), so no smaller cap.
const MAX_INFLATED = 1 << 30
// A second layer (a server gzipping an already gzipped cache file) is cheap to undo; a fourth is a decompression bomb.
const MAX_LAYERS = 3

/** Returns the plain bytes, or a string saying why the stream is unusable. */
function decompress(body: Buffer, label: string | undefined, warnings: string[]): Buffer | string {
  let layers = 0
  for (let codec = sniffCodec(body, label); codec !== undefined; codec = sniffCodec(body, undefined)) {
    if (++layers > MAX_LAYERS) return `more than ${MAX_LAYERS} compression layers`
    const coding = codec === 'gzip' || codec === 'br' ? codec : 'deflate'
    if (layers > 1) warnings.push(`${coding} layer inside a compressed body`)
    else if (!label?.includes(coding)) warnings.push(`${coding} body without Content-Encoding ${coding}`)
    try {
      body = inflate(codec, body)
    } catch (err) {
      // zlib's default Z_FINISH flush makes a truncated stream throw "unexpected end of file":
      // a page cut off by a reset connection must be retried, never parsed (case 15).
      return `${codec}: ${(err as Error).message}`
    }
  }
  if (layers === 0 && label !== undefined && /gzip|deflate|\bbr\b/.test(label))
    warnings.push(`Content-Encoding ${label} on an uncompressed body; used as is`)
  return body
}

type Codec = 'gzip' | 'zlib' | 'raw-deflate' | 'br'

function sniffCodec(b: Buffer, label: string | undefined): Codec | undefined {
  if (b[0] === 0x1f && b[1] === 0x8b) return 'gzip'
  // RFC 1950 header: CM 8, 32 KiB window, the four FLEVEL values; never the start of an XML text ('x' then a control or '^').
  if (b[0] === 0x78 && (b[1] === 0x01 || b[1] === 0x5e || b[1] === 0x9c || b[1] === 0xda)) return 'zlib'
  // Raw deflate and brotli have no magic: trust the label only when the bytes are not already text (case 16d).
  if (label === undefined || looksLikeText(b)) return undefined
  if (label.includes('deflate')) return 'raw-deflate'
  if (/\bbr\b/.test(label)) return 'br'
  return undefined
}

function inflate(codec: Codec, body: Buffer): Buffer {
  const opts = { maxOutputLength: MAX_INFLATED }
  switch (codec) {
    case 'gzip': return gunzipSync(body, opts)
    case 'zlib': return inflateSync(body, opts)
    case 'raw-deflate': return inflateRawSync(body, opts)
    case 'br': return brotliDecompressSync(body, opts)
  }
}

/** An XML text starts with a BOM, '<', or whitespace then '<' (also in UTF-16, whose first byte may be 0). */
function looksLikeText(b: Buffer): boolean {
  let i = 0
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x09 || b[i] === 0x0a || b[i] === 0x0d) && i < 64) i++
  const c = b[i]
  return c === 0x3c || c === 0xef || c === 0xfe || c === 0xff || (c === 0x00 && b[i + 1] === 0x3c)
}

function decodeText(b: Buffer, warnings: string[]): string {
  let text: string
  // The BOM outranks the declaration (XML 1.0 Appendix F, case 30).
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) text = decodeUtf8(b.subarray(3), warnings)
  else if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder('utf-16le', { ignoreBOM: true }).decode(b.subarray(2))
  else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder('utf-16be', { ignoreBOM: true }).decode(b.subarray(2))
  // UTF-16 without a BOM still shows itself in '<?' (Appendix F).
  else if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) text = new TextDecoder('utf-16le').decode(b)
  else if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) text = new TextDecoder('utf-16be').decode(b)
  else text = decodeByDeclaration(b, declaredEncoding(b), warnings)
  return stripLeadingWhitespace(text, warnings)
}

// Read as Latin-1, so any ASCII-compatible encoding shows its declaration; leading whitespace tolerated (case 30).
const DECLARATION = /^[ \t\r\n]*<\?xml[ \t\r\n][^>]*?\bencoding[ \t\r\n]*=[ \t\r\n]*["']([A-Za-z][A-Za-z0-9._:-]*)["']/

function declaredEncoding(b: Buffer): string | undefined {
  return DECLARATION.exec(b.toString('latin1', 0, Math.min(b.length, 512)))?.[1]
}

function decodeByDeclaration(b: Buffer, declared: string | undefined, warnings: string[]): string {
  if (declared === undefined) return decodeUtf8(b, warnings)
  let encoding: string
  try {
    // WHATWG label resolution: 'ISO-8859-1', 'latin1', 'US-ASCII' all resolve to windows-1252, which is
    // what such servers really send (curly quotes from Word sit in 0x80–0x9F, C1 controls never do).
    encoding = new TextDecoder(declared).encoding
  } catch {
    warnings.push(`unknown declared encoding ${declared}; read as UTF-8`)
    return decodeUtf8(b, warnings)
  }
  if (encoding === 'utf-8') return decodeUtf8(b, warnings)
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // We read the declaration as single bytes, so the body is not UTF-16 whatever it says.
    warnings.push(`declared ${declared} but the bytes are 8-bit; read as UTF-8`)
    return decodeUtf8(b, warnings)
  }
  // A declared single-byte encoding over valid UTF-8 with multi-byte sequences is a lying template (case 29, `miku/metha #35`):
  // Latin-1 text almost never forms valid UTF-8 by chance.
  if (isUtf8(b) && !isAscii(b)) {
    warnings.push(`declared ${declared} but the bytes are UTF-8; read as UTF-8`)
    return b.toString('utf8')
  }
  return encoding === 'windows-1252' ? decodeWindows1252(b) : new TextDecoder(encoding).decode(b)
}

// WHATWG windows-1252 for 0x80–0x9F; the five holes (81 8D 8F 90 9D) map to themselves, as in the Encoding Standard.
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8DŽ\x8F\x90‘’“”•–—˜™š›œ\x9DžŸ'

/**
 * Decodes windows-1252 (what every ISO-8859-1 label means on the web).
 * Not TextDecoder: Node 20's TextDecoder('windows-1252') decodes 0x80–0x9F as C1 controls, i.e. as ISO-8859-1.
 */
export function decodeWindows1252(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1')
    .replace(/[\x80-\x9F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!)
}

const REPLACEMENT_BYTES = Buffer.from('\uFFFD', 'utf8')

function decodeUtf8(b: Buffer, warnings: string[]): string {
  if (isUtf8(b)) return b.toString('utf8')
  const text = b.toString('utf8')
  // A page with invalid bytes and no valid multi-byte sequence at all is Latin-1 under a UTF-8 label
  // (case 29, the reverse way): reading it as windows-1252 keeps every accent instead of a page of U+FFFD.
  if (!/[^\x00-\x7F\uFFFD]/.test(text)) {
    warnings.push('declared or assumed UTF-8 but no valid multi-byte sequence; read as windows-1252')
    return decodeWindows1252(b)
  }
  // Latin-1 bytes inside a UTF-8 page (one bad record, `DSpace/DSpace #8915`): replace and count, never abort (case 27).
  const replaced = countChar(text, '\uFFFD') - countBytes(b, REPLACEMENT_BYTES)
  warnings.push(`${replaced} invalid UTF-8 sequence${replaced === 1 ? '' : 's'} replaced with U+FFFD`)
  return text
}

function stripLeadingWhitespace(text: string, warnings: string[]): string {
  // saxes rejects a declaration not at offset 0; the SciELO Chile response in our fixtures starts with a blank line.
  const m = /^[ \t\r\n]+(?=<\?xml[ \t\r\n])/.exec(text)
  if (m === null) return text
  warnings.push('whitespace before the XML declaration removed')
  return text.slice(m[0].length)
}

function countChar(text: string, ch: string): number {
  let n = 0
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++
  return n
}

function countBytes(b: Buffer, needle: Buffer): number {
  let n = 0
  for (let i = b.indexOf(needle); i !== -1; i = b.indexOf(needle, i + needle.length)) n++
  return n
}
