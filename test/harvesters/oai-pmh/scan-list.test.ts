import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanList } from '../../../harvesters/oai-pmh/scan-list.ts'
import { parseStrict } from '../../../harvesters/oai-pmh/parse-page.ts'
import { realOai, sharedFixtures } from '../../support/fixtures.ts'
import { readFileSync } from 'node:fs'
import { startFixtureServer, syntheticRepository, type FixtureServer } from '../../support/fixture-server.ts'

/** The fast scanner must read exactly what the strict saxes reader reads, or decline the page. */
function expectSameAsStrict(text: string) {
  const fast = scanList(text)
  const strict = parseStrict(text)
  expect(fast).not.toBeNull()
  expect(strict.ok).toBe(true)
  if (!fast || !strict.ok) return
  expect(fast.verb).toBe(strict.verb)
  expect(fast.page).toEqual(strict.page)
}

const listRecords = realOai('conicet-ar-listrecords-oai_dc.xml')

describe('scanList (fast path) agrees with the strict reader', () => {
  it('on the real CONICET ListRecords and ListIdentifiers pages', () => {
    expectSameAsStrict(listRecords)
    expectSameAsStrict(realOai('conicet-ar-listidentifiers-oai_dc.xml'))
  })

  it('on DSpace xoai metadata, whose own root element is <metadata> (real LA Referencia records)', () => {
    const xoai = readFileSync(`${sharedFixtures}oai/real/lareferencia-redi-anii-uy-xoai.xml`, 'utf8').replace(/^<\?xml[^>]*>\s*/, '')
    const page = `<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2025-01-01T00:00:00Z</responseDate><request verb="ListRecords">x</request><ListRecords>`
      + `<record><header><identifier>oai:x:1</identifier><datestamp>2024-01-01T00:00:00Z</datestamp></header><metadata>${xoai}</metadata></record>`
      + `<resumptionToken completeListSize="1" cursor="0"/></ListRecords></OAI-PMH>`
    expectSameAsStrict(page)
    expect(scanList(page)!.page.records[0]!.metadata).toBe(xoai)
  })

  it('with prefixes declared on the root (the metadata slice gets them)', () => {
    const moved = listRecords.replace('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"', '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"')
      .replaceAll('xmlns:dc="http://purl.org/dc/elements/1.1/" ', '')
    expectSameAsStrict(moved)
  })

  it('on header oddities: no identifier, a bad datestamp, empty metadata, deleted with metadata, no metadata', () => {
    const first = listRecords.indexOf('<record>')
    const end = listRecords.indexOf('</record>', first) + '</record>'.length
    const record = listRecords.slice(first, end)
    const variants = [
      record.replace(/<identifier>[^<]*<\/identifier>/, ''),
      record.replace(/<datestamp>[^<]*<\/datestamp>/, '<datestamp>2024-01-12 04:51:20.5</datestamp>'),
      record.replace(/<metadata>[\s\S]*<\/metadata>/, '<metadata/>'),
      record.replace('<header>', '<header status="deleted">'),
      record.replace(/<metadata>[\s\S]*<\/metadata>/, ''),
      record.replace('<identifier>oai:ri', '<identifier>oai:r&amp;i'),
    ]
    expectSameAsStrict(listRecords.slice(0, first) + variants.join('') + listRecords.slice(listRecords.indexOf('<resumptionToken')))
  })

  it('declines what it does not handle, so the strict reader takes it', () => {
    expect(scanList(listRecords.replace('</dc:title>', ' R&D </dc:title>'))).toBeNull()
    expect(scanList(listRecords.replace('</dc:title>', '<![CDATA[ x ]]></dc:title>'))).toBeNull()
    expect(scanList(listRecords.replace('<ListRecords>', '<ListRecords><!-- note -->'))).toBeNull()
    expect(scanList(listRecords.slice(0, listRecords.length / 2))).toBeNull()
    expect(scanList(realOai('conicet-ar-identify.xml'))).toBeNull()
  })
})

describe('scanList on pages served by the fixture server', () => {
  let server: FixtureServer
  beforeAll(async () => { server = await startFixtureServer({ repository: syntheticRepository({ records: 300 }), pageSize: 100 }) })
  afterAll(() => server.close())

  it('agrees with the strict reader on synthetic ListRecords and ListIdentifiers pages', async () => {
    for (const verb of ['ListRecords', 'ListIdentifiers']) {
      const text = await (await fetch(`${server.baseUrl}?verb=${verb}&metadataPrefix=oai_dc`)).text()
      expectSameAsStrict(text)
      expect(scanList(text)!.page.records).toHaveLength(100)
    }
  })
})
