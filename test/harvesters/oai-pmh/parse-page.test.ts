import { describe, expect, it } from 'vitest'
import { SaxesParser } from 'saxes'
import { parsePage } from '../../../harvesters/oai-pmh/parse-page.ts'
import { realOai } from '../../support/fixtures.ts'

const listRecords = realOai('conicet-ar-listrecords-oai_dc.xml')

function parsed(text: string) {
  const outcome = parsePage(text)
  if (!outcome.ok) throw new Error(`${outcome.kind}: ${outcome.detail}`)
  return outcome
}

describe('parsePage on real CONICET responses', () => {
  it('reads the envelope, 100 headers and the token with its attributes', () => {
    const { page, verb } = parsed(listRecords)
    expect(verb).toBe('ListRecords')
    expect(page.responseDate).toBe('2025-05-27T23:10:16Z')
    expect(page.records).toHaveLength(100)
    expect(page.records[0]).toMatchObject({
      identifier: 'oai:ri.conicet.gov.ar:11336/179477', datestamp: '2024-01-12T04:51:20Z',
      setSpecs: ['com_11336_35', 'com_11336_14', 'col_11336_36', 'snrd'], deleted: false, problem: null,
    })
    expect(page.token).toEqual({ value: 'oai_dc////100', completeListSize: 243901, cursor: 0 })
  })

  it('keeps each record\'s metadata as the exact slice of the page, well-formed on its own', () => {
    const { page } = parsed(listRecords)
    const live = page.records.filter((r) => !r.deleted)
    expect(live.length).toBeGreaterThan(90)
    for (const record of live) {
      expect(listRecords.includes(record.metadata!.trim())).toBe(true)
      const parser = new SaxesParser({ xmlns: true })
      parser.write(record.metadata!.trim()).close()
    }
  })

  it('reads Identify fields and ListIdentifiers headers', () => {
    const identify = parsed(realOai('conicet-ar-identify.xml')).page.identify!
    expect(identify).toMatchObject({ granularity: 'YYYY-MM-DDThh:mm:ssZ', earliestDatestamp: '2015-04-21T14:44:27Z', deletedRecord: 'transient' })
    const ids = parsed(realOai('conicet-ar-listidentifiers-oai_dc.xml'))
    expect(ids.verb).toBe('ListIdentifiers')
    expect(ids.page.records).toHaveLength(100)
    expect(ids.page.records.every((r) => r.metadata === null && r.identifier.startsWith('oai:ri.conicet.gov.ar:'))).toBe(true)
  })

  it('case 15: a page cut before </OAI-PMH> is never taken as complete (real truncated SciELO page)', () => {
    const outcome = parsePage(realOai('scielo-cl-listrecords-oai_dc_agris-truncated.xml'))
    expect(outcome).toMatchObject({ ok: false, kind: 'malformed-xml' })
  })

  it('case 18: an HTML login page or a JSON body with status 200 is not an empty list', () => {
    expect(parsePage('<!DOCTYPE html><html><body>Login</body></html>')).toMatchObject({ ok: false, kind: 'not-oai' })
    expect(parsePage('{"error":"Service unavailable"}')).toMatchObject({ ok: false, kind: 'not-oai' })
  })

  it('case 19: trailing garbage after </OAI-PMH> is tolerated with a warning', () => {
    const { page } = parsed(`${listRecords}\n<br /><b>Notice</b>: Undefined index in oai.php`)
    expect(page.records).toHaveLength(100)
    expect(page.warnings.join()).toMatch(/after <\/OAI-PMH>/)
  })

  it('case 30: a BOM and blank lines before the XML declaration are accepted', () => {
    expect(parsed(`\uFEFF\n\n${listRecords}`).page.records).toHaveLength(100)
  })

  it('case 31: an unescaped & costs that record\'s metadata reading, not the page', () => {
    const broken = listRecords.replace('</dc:title>', ' R&D </dc:title>')
    const { page } = parsed(broken)
    expect(page.records).toHaveLength(100)
    const bad = page.records.filter((r) => r.problem)
    expect(bad).toHaveLength(1)
    expect(bad[0]!.identifier).toBe('oai:ri.conicet.gov.ar:11336/179477')
    expect(bad[0]!.metadata).toContain(' R&D </dc:title>')
    expect(page.token?.value).toBe('oai_dc////100')
  })

  it('case 39: with a <record> wrapper inside every record\'s metadata, an unescaped & still costs only its record', () => {
    const wrapped = listRecords
      .replace(/<metadata>/g, '<metadata><record>').replace(/<\/metadata>/g, '</record></metadata>')
      .replace('</dc:title>', ' R&D </dc:title>')
    const { page } = parsed(wrapped)
    expect(page.records).toHaveLength(100)
    expect(page.records.filter((r) => r.problem).map((r) => r.identifier)).toEqual(['oai:ri.conicet.gov.ar:11336/179477'])
    expect(page.records[1]!.metadata).toMatch(/^<record[\s>][\s\S]*<\/record>$/)
    expect(page.token?.value).toBe('oai_dc////100')
  })

  it('case 33: an oai:-prefixed root reads the same', () => {
    const prefixed = listRecords
      .replace('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"', '<oai:OAI-PMH xmlns:oai="http://www.openarchives.org/OAI/2.0/" xmlns="http://www.openarchives.org/OAI/2.0/"')
      .replace('</OAI-PMH>', '</oai:OAI-PMH>')
    expect(parsed(prefixed).page.records).toHaveLength(100)
  })

  it('cases 36–38: header oddities are per-record problems; a deleted header with metadata is deleted', () => {
    const first = listRecords.indexOf('<record>')
    const end = listRecords.indexOf('</record>', first) + '</record>'.length
    const record = listRecords.slice(first, end)
    const variants = [
      record.replace(/<identifier>[^<]*<\/identifier>/, ''),
      record.replace(/<datestamp>[^<]*<\/datestamp>/, '<datestamp>garbage</datestamp>'),
      record.replace(/<metadata>[\s\S]*<\/metadata>/, '<metadata/>'),
      record.replace('<header>', '<header status="deleted">'),
    ]
    const { page } = parsed(listRecords.slice(0, first) + variants.join('') + listRecords.slice(listRecords.indexOf('<resumptionToken')))
    expect(page.records.map((r) => r.problem)).toEqual([
      'header has no identifier', 'unreadable datestamp "garbage"', 'empty <metadata>', null,
    ])
    expect(page.records[3]).toMatchObject({ deleted: true, metadata: null })
  })

  it('case 35: a zero-item page with only a token, and a last page with an empty token element', () => {
    const head = listRecords.slice(0, listRecords.indexOf('<record>'))
    const zero = parsed(`${head}<resumptionToken cursor="100">next</resumptionToken></ListRecords></OAI-PMH>`)
    expect(zero.page.records).toHaveLength(0)
    expect(zero.page.token?.value).toBe('next')
    const last = parsed(`${head}<resumptionToken completeListSize="100" cursor="100"/></ListRecords></OAI-PMH>`)
    expect(last.page.token).toBeNull()
  })

  it('copies namespace declarations made on ancestors onto the metadata root', () => {
    const moved = listRecords
      .replace('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"', '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"')
      .replaceAll(' xmlns:dc="http://purl.org/dc/elements/1.1/"', '')
      .replace('<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"', '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"')
    const metadata = parsed(moved).page.records[0]!.metadata!
    expect(metadata).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"')
    new SaxesParser({ xmlns: true }).write(metadata.trim()).close()
  })
})
