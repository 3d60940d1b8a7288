// The fast path for plain XML gives exactly saxes' tree, and declines (null) whatever saxes rejects or it does not read:
// every XML fixture whole, then each one cut, spliced and garbled at seeded random places.
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseSimpleXml } from '../../../src/normalize/shared/xml-fast-path.ts'
import { parseWithSaxes, type XmlElement } from '../../../src/normalize/shared/xml-tree.ts'
import { sharedFixtures } from '../../support/fixtures.ts'
import { pageInputs } from '../../support/page-inputs.ts'
import { pucpTheses } from '../../support/pucp-theses.ts'

const real = `${sharedFixtures}oai/real/`
const docs = fileURLToPath(new URL('../fixtures/written-from-docs/', import.meta.url))
const prepared = (xml: string) => xml.replace(/^\s*<\?xml[^?]*\?>/, '').trim()
const records = [
  ...['conicet-ar-listrecords-oai_dc.xml', ...readdirSync(real).filter((f) => f.startsWith('perucris-guidelines-example-cerif-'))]
    .flatMap((f) => pageInputs(readFileSync(real + f, 'utf8'), { sourceId: 't', metadataPrefix: 'oai_dc' }).map((r) => r.metadata)),
  ...readdirSync(real).filter((f) => /-(xoai|oai_openaire)\.xml$/.test(f)).map((f) => readFileSync(real + f, 'utf8')),
  ...readdirSync(docs).filter((f) => f.endsWith('.xml')).map((f) => readFileSync(docs + f, 'utf8')),
  ...pucpTheses().slice(0, 40).map((r) => r.metadata),
].map(prepared)

function saxes(xml: string): XmlElement | string {
  try { return parseWithSaxes(xml) } catch (error) { return `saxes rejects: ${(error as Error).message}` }
}

describe('parseSimpleXml', () => {
  it('reads every XML fixture (comments, CRLF, namespaces and entities included) as saxes does', () => {
    for (const xml of records) {
      const tree = saxes(xml)
      if (typeof tree === 'string') expect(parseSimpleXml(xml)).toBeNull()
      else expect(parseSimpleXml(xml) ?? 'declined', xml.slice(0, 120)).toEqual(tree)
    }
  })

  it('never accepts what saxes rejects, and never reads a tree saxes would read otherwise', () => {
    const pieces = ['<', '>', '/', '&', ';', '&amp;', '&#65;', '&#x41;', '&#0;', '&#xD800;', '&#X41;', '&nbsp;', ' ', '\n', '\t', '\r',
      '\r\n', '"', "'", '=', ':', ' xmlns:a="u"', ' xmlns=""', ' xmlns:b=""', ' xmlns:xml="u"', ' a="1"', ' a:b="2"', ' xml:lang="es"',
      ']]>', ']]', '<![CDATA[x]]>', '<!--c-->', '<!-- a -- b -->', '<?pi x?>', '<!DOCTYPE x>', '\u00a0', '\ud83d\ude00', '\ud83d',
      '\u0001', '\ufffe', 'é', '<a>', '</a>', '<b/>', '<dc:x>', '</dc:x>', '1', '-']
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff)
    let read = 0
    for (let round = 0; round < 4; round++) {
      for (const xml of records) {
        let garbled = xml
        for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
          const at = Math.floor(random() * garbled.length)
          const piece = pieces[Math.floor(random() * pieces.length)]!
          const op = random()
          garbled = garbled.slice(0, at) + (op < 0.7 ? piece : '') + garbled.slice(op < 0.4 ? at : at + 1 + Math.floor(random() * 3))
        }
        const fast = parseSimpleXml(garbled)
        if (fast === null) continue
        read++
        expect(fast, JSON.stringify(garbled.slice(0, 200))).toEqual(saxes(garbled))
      }
    }
    // The check means something only if many garbled records still take the fast path.
    expect(read).toBeGreaterThan(records.length)
  })

  it('leaves processing instructions, doctypes and a second root to saxes', () => {
    for (const xml of ['<?pi x?><a/>', '<!DOCTYPE a><a/>', '<a/><b/>', '<a><?pi x?></a>', '<a/>text', '<a>&#1114112;</a>']) {
      expect(parseSimpleXml(xml), xml).toBeNull()
    }
  })
})
