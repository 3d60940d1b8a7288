// Identifier normalization on values taken from the shared fixtures (CONICET oai_dc pages, PUCP CSV, PerúCRIS examples).
import { describe, expect, it } from 'vitest'
import {
  chooseLandingPage, classifyIdentifier, looksLikeNationalId, normalizeDoi, normalizeHandle, normalizeIsbn,
  normalizeIssn, normalizeOrcid,
} from '../../../src/normalize/shared/identifiers.ts'
import { realOai } from '../../support/fixtures.ts'

describe('normalizeDoi', () => {
  it('reads the DOIs CONICET writes in dc:relation altIdentifier, bare and behind a resolver', () => {
    expect(normalizeDoi('10.1111/aec.12336')).toBe('10.1111/aec.12336')
    expect(normalizeDoi('10.1039/D3FD00081H')).toBe('10.1039/d3fd00081h')
    expect(normalizeDoi('10.31391/S2007-7033(2023)0061-003')).toBe('10.31391/s2007-7033(2023)0061-003')
    expect(normalizeDoi('http://doi.org/10.1016/j.ecss.2019.106434')).toBe('10.1016/j.ecss.2019.106434')
    // ALICIA staff view of UPC theses
    expect(normalizeDoi('https://doi.org/10.19083/tesis/652851')).toBe('10.19083/tesis/652851')
  })

  it('strips every resolver and scheme form, whitespace, and reads soft hyphens as hyphens', () => {
    for (const form of ['https://doi.org/10.1000/ABC', 'http://dx.doi.org/10.1000/abc', 'doi:10.1000/abc', 'DOI: 10.1000/abc',
      'info:doi/10.1000/abc', ' 10.1000/\nabc ', 'https://doi.org/10.1000%2Fabc']) {
      expect(normalizeDoi(form), form).toBe('10.1000/abc')
    }
    // oai:ri.conicet.gov.ar:11336/107187 writes its DOI with U+00AD where the hyphens belong.
    const page = realOai('conicet-ar-listrecords-oai_dc.xml')
    const soft = /altIdentifier\/doi\/(10\.15451\/[^<]+)</.exec(page)![1]!
    expect(soft).toContain('\u00ad')
    expect(normalizeDoi(soft)).toBe('10.15451/ec2020-03-9.09-1-14')
  })

  it('refuses what is not 10.<registrant>/<suffix>', () => {
    for (const bad of ['', 'CONICET Digital', '10.1000', '10./abc', '11.1000/abc', 'https://doi.org/', '10.12/abc', 'http://hdl.handle.net/11336/149241']) {
      expect(normalizeDoi(bad), bad).toBeNull()
    }
  })
})

describe('normalizeHandle', () => {
  it('reads CONICET and PUCP handles from the resolver URL', () => {
    expect(normalizeHandle('http://hdl.handle.net/11336/149241')).toEqual({ value: '11336/149241', unconfiguredPrefix: false })
    expect(normalizeHandle('http://hdl.handle.net/20.500.12404/24011')).toEqual({ value: '20.500.12404/24011', unconfiguredPrefix: false })
  })

  it('reads hdl:, info:hdl/ and DSpace /handle/ pages, dropping views and queries', () => {
    const expected = { value: '20.500.12759/46651', unconfiguredPrefix: false }
    for (const form of ['https://hdl.handle.net/20.500.12759/46651', 'https://hdl.handle.net/20.500.12759/46651?locatt=view:master',
      'hdl:20.500.12759/46651', 'info:hdl/20.500.12759/46651', 'https://repositorio.upao.edu.pe/handle/20.500.12759/46651',
      'http://repositorio.upao.edu.pe/xmlui/handle/20.500.12759/46651/statistics', 'https://repositorio.upao.edu.pe/jspui/handle/20.500.12759/46651?mode=full']) {
      expect(normalizeHandle(form), form).toEqual(expected)
    }
  })

  it('flags DSpace\'s unconfigured default prefix 123456789', () => {
    expect(normalizeHandle('http://localhost:8080/handle/123456789/5')).toEqual({ value: '123456789/5', unconfiguredPrefix: true })
    expect(normalizeHandle('https://hdl.handle.net/123456789/42')).toEqual({ value: '123456789/42', unconfiguredPrefix: true })
  })

  it('refuses non-handles', () => {
    for (const bad of ['CONICET', '20.500.12404/24011', 'https://hdl.handle.net/', 'https://repo.edu.pe/items/5c3e', 'hdl:abc/1']) {
      expect(normalizeHandle(bad), bad).toBeNull()
    }
  })
})

describe('normalizeOrcid', () => {
  it('verifies the ORCIDs of the PerúCRIS examples; three of them fail the checksum', () => {
    // perucris-guidelines-example-cerif-person.xml and -publication.xml
    expect(normalizeOrcid('https://orcid.org/0000-0001-6150-3056')).toEqual({ value: '0000-0001-6150-3056', valid: true })
    expect(normalizeOrcid('https://orcid.org/0000-0002-9960-7413')).toEqual({ value: '0000-0002-9960-7413', valid: true })
    // -patent.xml and -project.xml: the official samples carry made-up iDs
    expect(normalizeOrcid('https://orcid.org/0000-0001-7291-6401')).toEqual({ value: '0000-0001-7291-6401', valid: false })
    expect(normalizeOrcid('https://orcid.org/0000-0001-8874-6401')).toEqual({ value: '0000-0001-8874-6401', valid: false })
    expect(normalizeOrcid('https://orcid.org/0000-0001-8524-5224')).toEqual({ value: '0000-0001-8524-5224', valid: false })
  })

  it('reads bare, unhyphenated, http and lower-case x forms; ORCID\'s own X example', () => {
    expect(normalizeOrcid('0000-0001-7948-1684')).toEqual({ value: '0000-0001-7948-1684', valid: true }) // LA Referencia Huelva xoai
    expect(normalizeOrcid('0000000319839378')).toEqual({ value: '0000-0003-1983-9378', valid: true }) // OpenAIRE v4 sample
    expect(normalizeOrcid('http://www.orcid.org/0000-0002-1825-0097/')).toEqual({ value: '0000-0002-1825-0097', valid: true })
    expect(normalizeOrcid('orcid.org/0000-0002-1694-233x')).toEqual({ value: '0000-0002-1694-233X', valid: true })
  })

  it('marks the placeholders of the fixtures invalid and refuses non-ORCIDs', () => {
    expect(normalizeOrcid('0000-0000-0000-0000')?.valid).toBe(false) // renati.advisor.orcid placeholder
    expect(normalizeOrcid('0000-0002-0000-0000')?.valid).toBe(false) // madmp ex9
    expect(normalizeOrcid('4025-4306-8314-4425')?.valid).toBe(false) // a slice of a PUCP bitstream UUID
    for (const bad of ['', '0000-0002-1825-009', 'https://orcid.org/', '0000-0002-1825-0097-1', '07331a8b-4025-4306-8314-44253f1437fe']) {
      expect(normalizeOrcid(bad), bad).toBeNull()
    }
  })
})

describe('normalizeIssn and normalizeIsbn', () => {
  it('checks the ISSNs of CONICET records, with and without urn:issn:', () => {
    for (const issn of ['1852-1002', '2422-7749', '0167-2991', '0953-816X', '1664-462X']) {
      expect(normalizeIssn(issn), issn).toEqual({ value: issn, valid: true })
    }
    expect(normalizeIssn('urn:issn:0920-5861')).toEqual({ value: '0920-5861', valid: true })
    expect(normalizeIssn('ISSN 1664462x')).toEqual({ value: '1664-462X', valid: true })
    expect(normalizeIssn('1852-1003')).toEqual({ value: '1852-1003', valid: false })
    expect(normalizeIssn('1852-100')).toBeNull()
  })

  it('checks ISBN-13 and ISBN-10 and always answers the 13-digit form', () => {
    expect(normalizeIsbn('978-987-558-611-6')).toEqual({ value: '9789875586116', valid: true }) // CONICET 11336/149241
    expect(normalizeIsbn('978-0190870362')).toEqual({ value: '9780190870362', valid: true })
    expect(normalizeIsbn('ISBN 0-444-53601-X')).toEqual({ value: '9780444536013', valid: false })
    expect(normalizeIsbn('0-306-40615-2')).toEqual({ value: '9780306406157', valid: true })
    expect(normalizeIsbn('urn:isbn:0-8044-2957-X')).toEqual({ value: '9780804429573', valid: true })
    expect(normalizeIsbn('978-987-558-611-7')).toEqual({ value: '9789875586117', valid: false })
    expect(normalizeIsbn('978-987-558')).toBeNull()
  })
})

describe('classifyIdentifier', () => {
  it('classifies every kind of dc:identifier the CONICET page carries', () => {
    expect(classifyIdentifier('http://hdl.handle.net/11336/179477')).toEqual({ type: 'handle', value: '11336/179477' })
    expect(classifyIdentifier('1852-1002')).toEqual({ type: 'issn', value: '1852-1002' })
    expect(classifyIdentifier('978-987-558-611-6')).toEqual({ type: 'isbn', value: '9789875586116' })
    expect(classifyIdentifier('9789874817563')).toEqual({ type: 'isbn', value: '9789874817563' })
    expect(classifyIdentifier('CONICET Digital')).toBeNull()
    expect(classifyIdentifier('Cassiodoro, Gisela Eva; Paisajes mesetarios en Patagonia; 25; 2; 12-2016; 119-140')).toBeNull()
  })

  it('tells DOIs, handles, URNs, ARKs, PMIDs and URLs apart', () => {
    expect(classifyIdentifier('https://doi.org/10.19083/tesis/652851')).toEqual({ type: 'doi', value: '10.19083/tesis/652851' })
    expect(classifyIdentifier('https://hdl.handle.net/10.1000/182')).toEqual({ type: 'doi', value: '10.1000/182' })
    expect(classifyIdentifier('https://tesis.pucp.edu.pe/repositorio/handle/20.500.12404/24011')).toEqual({ type: 'handle', value: '20.500.12404/24011' })
    expect(classifyIdentifier('http://repo.edu.pe/handle/123456789/7')).toEqual({
      type: 'handle', value: '123456789/7', valid: false, problem: 'unconfigured DSpace handle prefix 123456789',
    })
    expect(classifyIdentifier('urn:nbn:de:101:1-2015')).toEqual({ type: 'urn', value: 'urn:nbn:de:101:1-2015' })
    expect(classifyIdentifier('urn:issn:0022-4073')).toEqual({ type: 'issn', value: '0022-4073' })
    expect(classifyIdentifier('https://n2t.net/ark:/13030/tf5p30086k')).toEqual({ type: 'ark', value: 'ark:/13030/tf5p30086k' })
    expect(classifyIdentifier('info:pmid/25123456')).toEqual({ type: 'pmid', value: '25123456' })
    expect(classifyIdentifier('https://revistas.inapl.gob.ar/index.php/cuadernos/article/view/946'))
      .toEqual({ type: 'url', value: 'https://revistas.inapl.gob.ar/index.php/cuadernos/article/view/946' })
    expect(classifyIdentifier('ISSN 1852-1003')).toEqual({ type: 'issn', value: '1852-1003', valid: false, problem: 'ISSN check digit fails' })
  })

  it('never turns a national identity number into an identifier', () => {
    for (const dni of ['45781236', '45781236-7', ' 4578 1236 ', 'DNI 45781236', 'Pasaporte N° 123456789', '001234567']) {
      expect(looksLikeNationalId(dni), dni).toBe(true)
      expect(classifyIdentifier(dni), dni).toBeNull()
    }
    for (const other of ['2422-7749', '9789874817563', '10.1000/12345678', '2019-03-11']) expect(looksLikeNationalId(other), other).toBe(false)
  })
})

describe('chooseLandingPage', () => {
  it('picks the repository\'s own page when dc:identifier mixes its handle with foreign ones', () => {
    const urls = [
      'https://hdl.handle.net/20.500.12759/46651',
      'https://alicia.concytec.gob.pe/vufind/Record/UPAO_b83dfa70dc9f7ef8cf99f5997cab9f10',
      'https://repositorio.upao.edu.pe/handle/20.500.12759/46651',
    ]
    expect(chooseLandingPage(urls, 'repositorio.upao.edu.pe')).toBe('https://repositorio.upao.edu.pe/handle/20.500.12759/46651')
    expect(chooseLandingPage(urls, 'https://www.repositorio.upao.edu.pe/oai/request')).toBe('https://repositorio.upao.edu.pe/handle/20.500.12759/46651')
    expect(chooseLandingPage(urls)).toBe('https://hdl.handle.net/20.500.12759/46651')
    expect(chooseLandingPage(urls, 'alicia.concytec.gob.pe')).toBe(urls[1])
  })

  it('falls back from the handle resolver to the first web page, never a DOI, a file or an unconfigured handle', () => {
    expect(chooseLandingPage(['CONICET Digital', 'http://hdl.handle.net/11336/149241', '978-987-558-611-6'], 'ri.conicet.gov.ar'))
      .toBe('http://hdl.handle.net/11336/149241')
    expect(chooseLandingPage(['https://doi.org/10.1111/aec.12336', 'https://repo.edu.pe/bitstream/handle/1/2/tesis.pdf',
      'http://hdl.handle.net/123456789/5', 'https://journal.example.org/article/view/9'])).toBe('https://journal.example.org/article/view/9')
    expect(chooseLandingPage(['https://doi.org/10.1111/aec.12336', 'https://repo.edu.pe/bitstreams/5c3e/download'])).toBeNull()
    expect(chooseLandingPage([])).toBeNull()
  })
})
