// Tests for sanitizeXml: faults injected into a real CONICET ListRecords page, checked with saxes before and after.
import { readFileSync } from 'node:fs'
import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { sanitizeXml } from '../../../harvesters/oai-pmh/sanitize-xml.ts'

const page = readFileSync(new URL('../../../../shared/fixtures/oai/real/conicet-ar-listrecords-oai_dc.xml', import.meta.url), 'utf8')
const TITLE = 'Paisajes mesetarios en Patagonia'

/** The first well-formedness error saxes reports, or undefined. */
function xmlError(xml: string): string | undefined {
  const parser = new SaxesParser({ xmlns: true })
  let error: string | undefined
  parser.on('error', (e) => { error ??= e.message })
  try { parser.write(xml).close() } catch (e) { error ??= (e as Error).message }
  return error
}

/** The first record's title and an attribute of the request element carry the fault. */
function inject(fault: string): string {
  return page
    .replace(TITLE, `${TITLE} ${fault}`)
    .replace('<request verb="ListRecords"', `<request note="${fault}" verb="ListRecords"`)
}

/** Parsed text of the first dc:title. */
function firstTitle(xml: string): string {
  const parser = new SaxesParser({ xmlns: true })
  let inTitle = false
  let title: string | undefined
  let text = ''
  parser.on('opentag', (t) => { inTitle = title === undefined && t.name === 'dc:title' })
  parser.on('text', (t) => { if (inTitle) text += t })
  parser.on('closetag', () => { if (inTitle) { title = text; inTitle = false } })
  parser.write(xml).close()
  return title!
}

describe('the fast path', () => {
  it('a clean real page comes back as the same string, with its legal &#13; references', () => {
    expect(page).toContain('&#13;')
    const r = sanitizeXml(page)
    expect(r.text).toBe(page)
    expect(r.repairs).toBe(0)
    expect(xmlError(page)).toBeUndefined()
  })

  it('legal references of every shape stay on the fast path', () => {
    const legal = '&#9;&#x9;&#10;&#xA;&#xa;&#13;&#xD;&#32;&#x20;&#xD7FF;&#55295;&#xE000;&#57344;&#xFFFD;&#65533;&#x10000;&#x10FFFF;&#1114111;&#x85;&#x7F;&#x000041;&#00065;&#233;'
    const xml = inject(legal)
    expect(xmlError(xml)).toBeUndefined()
    expect(sanitizeXml(xml).text).toBe(xml)
  })
})

describe('case 23: C0 control characters in text', () => {
  it('are replaced with U+FFFD; the rest of the page is identical', () => {
    const xml = inject('a\x03b\x0Bc\x0Cd\x1Ae\x00f')
    expect(xmlError(xml)).toMatch(/disallowed character/)
    const r = sanitizeXml(xml)
    expect(r.text).toBe(inject('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf'))
    expect(r.repairs).toBe(10)
    expect(xmlError(r.text)).toBeUndefined()
  })

  it('U+FFFE and U+FFFF are replaced too', () => {
    const r = sanitizeXml(inject('\uFFFE\uFFFF'))
    expect(r.text).toBe(inject('\uFFFD\uFFFD'))
    expect(xmlError(r.text)).toBeUndefined()
  })
})

describe('case 24: illegal character references are neutralised', () => {
  const bad = ['&#x1;', '&#0;', '&#x0;', '&#xB;', '&#12;', '&#x1F;', '&#31;', '&#xFFFE;', '&#xfffe;', '&#65535;',
    '&#x00000001;', '&#0000008;', '&#x110000;', '&#1114112;', '&#99999999999999999999;', '&#xFFFFFFFFFFFF;', '&#X1;']

  it.each(bad)('%s becomes &#xFFFD;', (ref) => {
    const xml = inject(`x${ref}y`)
    expect(xmlError(xml)).toBeDefined()
    const r = sanitizeXml(xml)
    expect(r.text).toBe(inject('x&#xFFFD;y'))
    expect(r.repairs).toBe(2)
    expect(xmlError(r.text)).toBeUndefined()
    expect(firstTitle(r.text)).toBe(`${TITLE} x\uFFFDy: Tecnología de Pampa del asador - Lago Guitarra (Santa Cruz)`)
  })

  it('a capital-X reference to a legal character is rewritten, not replaced', () => {
    const r = sanitizeXml(inject('&#X41;&#X1D400;'))
    expect(r.text).toBe(inject('&#x41;&#x1D400;'))
    expect(xmlError(r.text)).toBeUndefined()
  })

  it('references inside CDATA sections and comments are text and stay as they are', () => {
    const xml = inject('<![CDATA[&#x1; kept]]><!-- &#0; kept -->&#0;')
      .replace('<request note="<![CDATA[&#x1; kept]]><!-- &#0; kept -->&#0;"', '<request')
    const r = sanitizeXml(xml)
    expect(r.text).toBe(xml.replace(' -->&#0;', ' -->&#xFFFD;'))
    expect(r.repairs).toBe(1)
    expect(xmlError(r.text)).toBeUndefined()
  })
})

describe('case 25: lone surrogates', () => {
  it.each(['&#55349;', '&#xD835;', '&#xd835;', '&#xDC00;', '&#56320;'])('the reference %s becomes &#xFFFD;', (ref) => {
    const r = sanitizeXml(inject(`${ref}z`))
    expect(r.text).toBe(inject('&#xFFFD;z'))
    expect(xmlError(r.text)).toBeUndefined()
  })

  it('a raw lone surrogate becomes U+FFFD (saxes would pass it on silently)', () => {
    const r = sanitizeXml(inject('a\uD835b\uDC00c'))
    expect(r.text).toBe(inject('a\uFFFDb\uFFFDc'))
    expect(r.repairs).toBe(4)
  })

  it('a surrogate pair written as two references is recombined into the character it names', () => {
    for (const pair of ['&#xD835;&#xDC00;', '&#55349;&#56320;', '&#xd835;&#56320;']) {
      const xml = inject(pair)
      expect(xmlError(xml)).toMatch(/malformed character entity/)
      const r = sanitizeXml(xml)
      expect(r.text).toBe(inject('&#x1D400;'))
      expect(r.repairs).toBe(2)
      expect(firstTitle(r.text)).toContain(`${TITLE} 𝐀:`)
    }
  })

  it('a high surrogate reference followed by anything else is replaced alone', () => {
    expect(sanitizeXml(inject('&#xD835;&#x41;')).text).toBe(inject('&#xFFFD;&#x41;'))
    expect(sanitizeXml(inject('&#xD835;&#xD835;&#xDC00;')).text).toBe(inject('&#xFFFD;&#x1D400;'))
  })
})

describe('case 26: valid astral characters survive intact', () => {
  it('raw and as references, on the fast path', () => {
    const xml = inject('𝐀𝐁 😀 𝔄 &#x1D400;&#119808;&#x1F600;')
    const r = sanitizeXml(xml)
    expect(r.text).toBe(xml)
    expect(r.repairs).toBe(0)
    expect(firstTitle(xml)).toContain('𝐀𝐁 😀 𝔄 𝐀𝐀😀')
  })

  it('next to a repair too', () => {
    const r = sanitizeXml(inject('😀\x01𝐀&#x1;&#x1D400;'))
    expect(r.text).toBe(inject('😀\uFFFD𝐀&#xFFFD;&#x1D400;'))
    expect(firstTitle(r.text)).toContain('😀\uFFFD𝐀\uFFFD𝐀')
  })
})

describe('case 32: an XML declaration nested in the page', () => {
  const nested = '<?xml version="1.0" encoding="UTF-8"?>'
  const withNested = page.replace('<metadata>', `<metadata>${nested}`)

  it('is removed where it breaks the page; the document\'s own declaration stays', () => {
    expect(xmlError(withNested)).toMatch(/XML declaration must be at the start/)
    const r = sanitizeXml(withNested)
    expect(r).toEqual({ text: page, repairs: 0, declarations: 1 })
    expect(xmlError(r.text)).toBeUndefined()
  })

  it('a stylesheet PI, and a declaration inside a CDATA section or a comment, are left alone', () => {
    const xml = page
      .replace('?>\n', '?>\n<?xml-stylesheet type="text/xsl" href="static/style.xsl"?>\n')
      .replace(TITLE, `${TITLE} <![CDATA[${nested}]]><!-- ${nested} -->`)
    expect(sanitizeXml(xml)).toEqual({ text: xml, repairs: 0, declarations: 0 })
    expect(sanitizeXml(`\uFEFF${xml}`).text).toBe(`\uFEFF${xml}`)
  })
})
