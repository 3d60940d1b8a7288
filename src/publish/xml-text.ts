// Text and attribute values for the XML serializers: characters XML 1.0 cannot carry are dropped, specials escaped.
import { escapeXml } from '../demo/oai-xml.ts'

// XML 1.0 Char production (§2.2): a JSON source (maDMP) can carry U+0000 or U+FFFE where no XML parser can
// (DSpace/DSpace #10721 shows one such character failing a whole OAI page).
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu

export function xmlText(text: string): string {
  return escapeXml(text.replace(notXmlChar, ''))
}

/** `<name attrs>text</name>`, or nothing when the text is empty: schemas reject empty mandatory values. */
export function element(name: string, text: string | null | undefined, attributes: Record<string, string | null | undefined> = {}): string {
  if (text === null || text === undefined) return ''
  const value = xmlText(text).trim()
  if (value === '') return ''
  return `<${name}${attributesXml(attributes)}>${value}</${name}>`
}

export function attributesXml(attributes: Record<string, string | null | undefined>): string {
  let xml = ''
  for (const [key, raw] of Object.entries(attributes)) {
    const value = key === 'xml:lang' && raw ? languageTag(raw) : raw
    if (value !== null && value !== undefined && value !== '') xml += ` ${key}="${xmlText(value)}"`
  }
  return xml
}

/**
 * xml:lang must be a BCP 47 tag (xsd:language): DSpace writes `es_PE`, which the oai_dc schema rejects, so the
 * underscore becomes a hyphen; a value that still is no tag ("Español") is dropped rather than published.
 */
export function languageTag(value: string): string | null {
  const tag = value.trim().replace(/_/g, '-')
  return /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(tag) ? tag : null
}
