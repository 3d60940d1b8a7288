// The oai_dc input format on real records: CONICET's ListRecords and GetRecord pages, and PUCP theses from a CSV flattening.
import { describe, expect, it } from 'vitest'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { MappingResult, ResearchOutput } from '../../src/model/index.ts'
import { mapOaiDc, oaiDc } from '../../src/normalize/oai-dc.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { pucpTheses } from '../support/pucp-theses.ts'
import { realOai } from '../support/fixtures.ts'

// ─── inputs ─────────────────────────────────────────────────────────────────

/** Every live record of a real page, as the harvester stores it (parsePage keeps each metadata slice verbatim). */
function pageInputs(file: string): RawInput[] {
  const parsed = parsePage(realOai(file))
  if (!parsed.ok) throw new Error(`${file}: ${parsed.detail}`)
  return parsed.page.records.filter((r) => !r.deleted && r.metadata).map((r) => ({
    sourceId: 'conicet-ar', oaiIdentifier: r.identifier, datestamp: r.datestamp, harvestedAt: parsed.page.responseDate,
    metadataPrefix: 'oai_dc', metadata: r.metadata!, repositoryHost: 'ri.conicet.gov.ar', setSpecs: r.setSpecs,
  }))
}

const conicet = [...pageInputs('conicet-ar-listrecords-oai_dc.xml'), ...pageInputs('conicet-ar-getrecord-oai_dc.xml')]

const pucpInputs = () => pucpTheses()

const pucp = pucpInputs()



function find(inputs: RawInput[], suffix: string): RawInput {
  const input = inputs.find((i) => i.oaiIdentifier.endsWith(suffix))
  if (!input) throw new Error(`no record ${suffix}`)
  return input
}

function mapped(input: RawInput): { output: ResearchOutput; result: Extract<MappingResult, { ok: true }> } {
  const result = mapOaiDc(input)
  if (!result.ok) throw new Error(`${input.oaiIdentifier}: ${result.error}`)
  return { output: result.entities[0] as ResearchOutput, result }
}

/** A real record with documented values added before </oai_dc:dc>, for conventions the real pages lack. */
function withAdded(input: RawInput, elements: string): RawInput {
  return { ...input, metadata: input.metadata.replace('</oai_dc:dc>', `${elements}</oai_dc:dc>`) }
}

const COAR = {
  article: 'http://purl.org/coar/resource_type/c_6501', bookPart: 'http://purl.org/coar/resource_type/c_3248',
  doctoral: 'http://purl.org/coar/resource_type/c_db06', bachelor: 'http://purl.org/coar/resource_type/c_7a1f',
  conference: 'http://purl.org/coar/resource_type/c_c94f',
  open: 'http://purl.org/coar/access_right/c_abf2', embargoed: 'http://purl.org/coar/access_right/c_f1cf',
  restricted: 'http://purl.org/coar/access_right/c_16ec', closed: 'http://purl.org/coar/access_right/c_14cb',
  vor: 'http://purl.org/coar/version/c_970fb48d4fbd8a85',
}

// ─── every record ───────────────────────────────────────────────────────────

describe('oai_dc maps every real record into a valid ResearchOutput', () => {
  it('is registered under the oai_dc metadataPrefix', () => {
    expect(oaiDc.id).toBe('oai_dc')
    expect(oaiDc.map).toBe(mapOaiDc)
  })

  it.each([
    ['the CONICET ListRecords and GetRecord pages', conicet, 99],
    ['the PUCP theses rebuilt from the CSV flattening', pucp, 558],
  ])('%s: every record maps, validates against research-output.schema.json and keeps its provenance', (_, inputs, count) => {
    expect(inputs).toHaveLength(count)
    for (const input of inputs) {
      const { output, result } = mapped(input)
      expect(result.entities).toHaveLength(1)
      expect(validateEntity(output), input.oaiIdentifier).toEqual([])
      expect(output.id).toBe(`ro:${input.sourceId}:${input.oaiIdentifier}`)
      expect(output.provenance).toEqual([{
        sourceId: input.sourceId, oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp,
        harvestedAt: input.harvestedAt, metadataPrefix: 'oai_dc',
      }])
      expect(output.titles.length, input.oaiIdentifier).toBeGreaterThan(0)
      expect(output.issued, input.oaiIdentifier).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/)
      expect(output.landingPage, input.oaiIdentifier).toMatch(/^http:\/\/hdl\.handle\.net\/(11336|20\.500\.12404)\/\d+$/)
      expect(output.accessRight, input.oaiIdentifier).not.toBeNull()
      for (const code of output.languages) expect(code).toMatch(/^[a-z]{3}$/)
      for (const f of output.ford) expect(f.code).toMatch(/^\d\.\d\d\.\d\d$/)
      for (const id of output.identifiers.filter((i) => i.type === 'doi')) expect(id.value).toBe(id.value.toLowerCase())
      for (const issue of result.issues) expect(issue.path && issue.message, JSON.stringify(issue)).toBeTruthy()
    }
  })
})

// ─── CONICET ────────────────────────────────────────────────────────────────

describe('oai_dc on CONICET records', () => {
  it('GetRecord 11336/149241: a book part, published version, open, CC BY-NC-ND 2.5 AR, Spanish, with an ISBN', () => {
    const { output } = mapped(find(conicet, '11336/149241'))
    expect(output.type).toEqual({ uri: COAR.bookPart, label: 'book part', original: ['info:eu-repo/semantics/bookPart', 'info:ar-repo/semantics/parte de libro'] })
    expect(output.version?.uri).toBe(COAR.vor)
    expect(output.accessRight?.uri).toBe(COAR.open)
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/2.5/ar/', spdx: null })
    expect(output.languages).toEqual(['spa'])
    expect(output.issued).toBe('2019')
    expect(output.embargoEnd).toBeNull()
    expect(output.publisher).toBe('Universidad Nacional de Quilmes')
    expect(output.identifiers).toEqual([
      { type: 'handle', value: '11336/149241' },
      { type: 'isbn', value: '9789875586116' },
      { type: 'url', value: 'http://www.unq.edu.ar/advf/documentos/5da9f2de18f72.pdf' }, // dc:relation altIdentifier/url
    ])
    expect(output.landingPage).toBe('http://hdl.handle.net/11336/149241')
    expect(output.files).toEqual([]) // three dc:format application/pdf, but no file URL
    expect(output.keywords.slice(0, 3).map((k) => k.value)).toEqual(['BIOINFORMÁTICA', 'EMPRENDEDORISMO', 'STARTUPS'])
  })

  it('turns CONICET\'s "Fil:" descriptions into affiliations, not abstracts', () => {
    const { output } = mapped(find(conicet, '11336/149241'))
    expect(output.abstracts).toHaveLength(1)
    expect(output.abstracts[0]!.value).toMatch(/^La bioinformática nace/)
    expect(output.creators).toEqual([
      { name: 'Balatti, Galo Ezequiel', affiliations: ['Consejo Nacional de Investigaciones Científicas y Técnicas. Oficina de Coordinación Administrativa Ciudad Universitaria. Instituto de Física de Buenos Aires. Universidad de Buenos Aires. Facultad de Ciencias Exactas y Naturales. Instituto de Física de Buenos Aires; Argentina'] },
      { name: 'Flórez Zapata, Nathalia V.', affiliations: ['Universidad en Envigado; Colombia'] },
    ])
    expect(output.contributors).toEqual([{ name: 'Pellegrini, Pablo Ariel', role: 'contributor' }])
    const first = mapped(find(conicet, '11336/179477')).output
    expect(first.abstracts).toHaveLength(2) // Spanish and English, no Fil: line
    expect(first.creators[0]!.affiliations).toEqual([
      'Consejo Nacional de Investigaciones Científicas y Técnicas; Argentina',
      'Secretaría de Cultura de la Nación. Dirección Nacional de Cultura y Museos. Instituto Nacional de Antropología y Pensamiento Latinoamericano; Argentina',
      'Universidad de Buenos Aires; Argentina',
    ])
    // "No especifica;" is CONICET's placeholder for a missing affiliation.
    expect(mapped(find(conicet, '11336/51190')).output.creators[0]).toEqual({ name: 'Kauw, Mark' })
  })

  it('11336/179477: an article with the journal\'s two ISSNs, issued 2016-12', () => {
    const { output } = mapped(find(conicet, '11336/179477'))
    expect(output.type.uri).toBe(COAR.article)
    expect(output.issued).toBe('2016-12')
    expect(output.license?.uri).toBe('https://creativecommons.org/licenses/by-nc/2.5/ar/')
    expect(output.identifiers.filter((i) => i.type === 'issn').map((i) => i.value)).toEqual(['1852-1002', '2422-7749'])
  })

  it('takes DOIs from dc:relation altIdentifier (OpenAIRE v3), soft hyphens and resolver prefixes included', () => {
    expect(mapped(find(conicet, '11336/23263')).output.identifiers).toContainEqual({ type: 'doi', value: '10.1111/aec.12336' })
    expect(mapped(find(conicet, '11336/107187')).output.identifiers).toContainEqual({ type: 'doi', value: '10.15451/ec2020-03-9.09-1-14' })
    const withIssn = mapped(find(conicet, '11336/4622')).output
    expect(withIssn.identifiers).toContainEqual({ type: 'doi', value: '10.1016/s0167-2991(10)75168-5' })
    expect(withIssn.identifiers).toContainEqual({ type: 'isbn', value: '9780444536013' })
    expect(withIssn.relations).toEqual([{ type: 'isPartOf', target: '0167-2991', targetType: 'issn' }])
  })

  it('maps the access levels: restricted doctoral thesis 11336/79743, closed 11336/217042', () => {
    const thesis = mapped(find(conicet, '11336/79743')).output
    expect(thesis.type.uri).toBe(COAR.doctoral)
    expect(thesis.accessRight?.uri).toBe(COAR.restricted)
    expect(thesis.issued).toBe('2019-03-11')
    expect(thesis.contributors.map((c) => c.name)).toEqual(['Fungo, Fernando Gabriel', 'Morales, Gustavo Marcelo'])
    expect(mapped(find(conicet, '11336/217042')).output.accessRight?.uri).toBe(COAR.closed)
  })

  it('keeps the CC licence written as Spanish text (11336/114400) and the undetermined language (11336/51190)', () => {
    expect(mapped(find(conicet, '11336/114400')).output.license?.uri).toBe('https://creativecommons.org/licenses/by-nc-sa/2.5/ar/')
    expect(mapped(find(conicet, '11336/51190')).output.languages).toEqual(['und'])
  })

  it('11336/212181: a conference object whose extra "Book" type is kept verbatim and reported', () => {
    const { output, result } = mapped(find(conicet, '11336/212181'))
    expect(output.type.uri).toBe(COAR.conference)
    expect(output.type.original).toEqual(['info:eu-repo/semantics/conferenceObject', 'info:ar-repo/semantics/documento de conferencia', 'Jornada', 'Book'])
    expect(result.issues).toContainEqual({ path: '/type', message: `several resource types; kept ${COAR.conference}`, value: 'Book' })
    expect(result.unmapped).toEqual(['dc:coverage', 'dc:identifier']) // "Nacional"; the citation and "CONICET Digital"
  })

  it('places CONICET\'s Argentine FORD URIs (purl.org/becyt/ford) as FORD subjects once the vocabulary reads them, else keeps and reports them', () => {
    const { output, result } = mapped(find(conicet, '11336/149241'))
    const becyt = ['https://purl.org/becyt/ford/1.2', 'https://purl.org/becyt/ford/1', 'https://purl.org/becyt/ford/5.2', 'https://purl.org/becyt/ford/5']
    if (output.ford.length) {
      expect(output.ford.map((f) => f.code)).toEqual(['1.02.00', '1.00.00', '5.02.00', '5.00.00'])
    } else {
      expect(output.keywords.map((k) => k.value)).toEqual(expect.arrayContaining(becyt))
      expect(result.issues.filter((i) => i.path === '/ford').map((i) => i.value)).toEqual(becyt)
    }
  })
})

// ─── PUCP ───────────────────────────────────────────────────────────────────

describe('oai_dc on PUCP theses rebuilt from the CSV flattening', () => {
  it('hdl 20.500.12404/24011: a closed bachelor thesis, FORD 5.02.01, issued 2022 (not the accession date)', () => {
    const { output, result } = mapped(find(pucp, '20.500.12404/24011'))
    expect(output.type).toEqual({ uri: COAR.bachelor, label: 'bachelor thesis', original: ['info:eu-repo/semantics/bachelorThesis'] })
    expect(output.accessRight?.uri).toBe(COAR.closed)
    expect(output.ford).toEqual([{ code: '5.02.01', uri: 'https://purl.org/pe-repo/ocde/ford#5.02.01', label: expect.any(String) }])
    expect(output.keywords.map((k) => k.value)).toEqual(['Tipos de cambio--Perú', 'Ganancias--Perú', 'Mercado de capitales--Perú'])
    // dc:date = accessioned, available (2023-01-16T18:51:24Z), issued 2022, 2023-01-16
    expect(output.issued).toBe('2022')
    expect(output.languages).toEqual(['spa'])
    expect(output.publisher).toBe('Pontificia Universidad Católica del Perú')
    expect(output.publisherCountry).toBe('PE')
    expect(output.contributors).toEqual([{ name: 'Orihuela Paredes, José Carlos', role: 'contributor' }])
    expect(output.identifiers).toEqual([{ type: 'handle', value: '20.500.12404/24011' }])
    expect(output.landingPage).toBe('http://hdl.handle.net/20.500.12404/24011')
    expect(output.license).toBeNull()
    expect(result.issues).toEqual([])
    expect(result.unmapped).toEqual([])
  })

  it('hdl 20.500.12404/16724: embargoed, but oai_dc names no embargo end, which is reported rather than guessed', () => {
    const { output, result } = mapped(find(pucp, '20.500.12404/16724'))
    expect(output.accessRight?.uri).toBe(COAR.embargoed)
    expect(output.embargoEnd).toBeNull() // 2024-01-01 is among the bare dc:date values, unlabelled
    expect(output.issued).toBe('2019-12')
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/2.5/pe/', spdx: null })
    expect(result.issues).toEqual([{ path: '/embargoEnd', message: expect.stringContaining('embargoed access without') }])
  })

  it('hdl 20.500.12404/22787: DSpace\'s licence error texts become diagnostics, never a licence', () => {
    const { output, result } = mapped(find(pucp, '20.500.12404/22787'))
    expect(output.accessRight?.uri).toBe(COAR.open)
    expect(output.license).toBeNull()
    expect(result.issues.map((i) => [i.path, i.value])).toEqual([
      ['dc:rights', 'An error occurred on the license name.'],
      ['dc:rights', 'An error occurred getting the license - uri.'],
    ])
  })

  it('hdl 20.500.12404/12696: when the licence name and URI disagree, the URI wins and the name is reported', () => {
    const { output, result } = mapped(find(pucp, '20.500.12404/12696'))
    expect(output.license?.uri).toBe('https://creativecommons.org/licenses/by-nd/2.5/pe/')
    expect(result.issues).toEqual([{ path: '/license', message: expect.stringContaining('disagree'), value: 'Atribución-NoComercial 2.5 Perú' }])
  })

  it('reads the http:// FORD form, English theses, theses without dc:type and with two authors', () => {
    const httpFord = pucp.filter((i) => i.metadata.includes('>http://purl.org/pe-repo/ocde/ford#'))
    expect(httpFord).toHaveLength(37)
    for (const input of httpFord) expect(mapped(input).output.ford[0]?.uri, input.oaiIdentifier).toMatch(/^https:\/\/purl\.org\/pe-repo\/ocde\/ford#\d\.\d\d\.\d\d$/)
    expect(pucp.filter((i) => mapped(i).output.languages[0] === 'eng')).toHaveLength(10)
    const untyped = mapped(find(pucp, '20.500.12404/25030')).output
    expect(untyped.type).toEqual({ uri: null, label: null, original: [] })
    expect(untyped.ford.map((f) => f.code)).toEqual(['5.06.00'])
    expect(pucp.filter((i) => mapped(i).output.creators.length === 2)).toHaveLength(7)
  })

  it('leaves no PUCP element unmapped and reports exactly the known problems', () => {
    const issues = pucp.flatMap((i) => mapped(i).result.issues.map((issue) => `${issue.path} ${issue.value ?? ''}`.trim()))
    expect(issues.sort()).toEqual([
      '/embargoEnd',
      '/license Atribución-NoComercial 2.5 Perú',
      '/license Atribución-NoComercial 2.5 Perú',
      'dc:rights An error occurred getting the license - uri.',
      'dc:rights An error occurred on the license name.',
    ])
    expect(pucp.flatMap((i) => mapped(i).result.unmapped)).toEqual([])
  })
})

// ─── conventions the real pages lack ────────────────────────────────────────

describe('oai_dc conventions absent from the real pages, on a real record with documented values added', () => {
  const base = find(conicet, '11336/149241')

  it('an ORCID only when the value carries one, checksum verified (values from the Huelva xoai record and the PerúCRIS patent sample)', () => {
    const { output, result } = mapped(withAdded(base,
      '<dc:creator>Banda Gallego, Trinidad|||0000-0001-7948-1684</dc:creator>' +
      '<dc:contributor>Chaco Gómez, Marco Antonio (https://orcid.org/0000-0001-7291-6401)</dc:contributor>'))
    expect(output.creators[2]).toEqual({ name: 'Banda Gallego, Trinidad', orcid: '0000-0001-7948-1684' })
    expect(output.creators[0]!.orcid).toBeUndefined()
    expect(output.contributors[1]).toEqual({ name: 'Chaco Gómez, Marco Antonio', role: 'contributor' })
    expect(result.issues).toContainEqual({ path: '/contributors/1/orcid', message: expect.stringContaining('check digit'), value: 'https://orcid.org/0000-0001-7291-6401' })
  })

  it('OpenAIRE v3 embargo end, grant agreement, urn:issn and dataset relations (the guidelines\' own examples)', () => {
    const { output } = mapped(withAdded(base,
      '<dc:date>info:eu-repo/date/embargoEnd/2025-12-31</dc:date>' +
      '<dc:relation>info:eu-repo/grantAgreement/EC/FP7/244909/EU/Making Capabilities Work/WorkAble</dc:relation>' +
      '<dc:relation>info:eu-repo/grantAgreement/EC/FP7/12345/EU/My%2FProject/</dc:relation>' +
      '<dc:relation>urn:issn:0167-2991</dc:relation>' +
      '<dc:relation>info:eu-repo/semantics/dataset/doi/10.1234/789.1</dc:relation>' +
      '<dc:relation>https://github.com/concytec-pe/Peru-CRIS</dc:relation>'))
    expect(output.embargoEnd).toBe('2025-12-31')
    expect(output.issued).toBe('2019') // the embargo end is not a publication date
    expect(output.funding).toEqual([
      { funder: 'EC', programme: 'FP7', awardNumber: '244909', awardTitle: 'Making Capabilities Work', origin: 'structured' },
      { funder: 'EC', programme: 'FP7', awardNumber: '12345', awardTitle: 'My/Project', origin: 'structured' },
    ])
    expect(output.relations).toEqual([
      { type: 'isPartOf', target: '0167-2991', targetType: 'issn' },
      { type: 'hasDataset', target: '10.1234/789.1', targetType: 'doi' },
      { type: 'other', target: 'https://github.com/concytec-pe/Peru-CRIS', targetType: 'url' },
    ])
    expect(validateEntity(output)).toEqual([])
  })

  it('a file URL in dc:identifier becomes a file with the record\'s single MIME type, never the landing page', () => {
    const { output } = mapped(withAdded(base, '<dc:identifier>https://ri.conicet.gov.ar/bitstream/handle/11336/149241/CONICET_Digital_Nro.pdf</dc:identifier>'))
    expect(output.files).toEqual([{ url: 'https://ri.conicet.gov.ar/bitstream/handle/11336/149241/CONICET_Digital_Nro.pdf', mimeType: 'application/pdf' }])
    expect(output.landingPage).toBe('http://hdl.handle.net/11336/149241')
  })

  it('never lets a national identity number (the DNI of the PerúCRIS patent sample) into the output or a diagnostic', () => {
    const dni = '07928457'
    const result = mapOaiDc(withAdded(base,
      `<dc:identifier>${dni}</dc:identifier><dc:creator>Chaco Gómez, Marco Antonio DNI ${dni}</dc:creator>` +
      `<dc:rights>DNI ${dni}</dc:rights><dc:relation>${dni}</dc:relation><dc:subject>${dni}</dc:subject><dc:language>${dni}</dc:language>`))
    expect(result.ok).toBe(true)
    expect(JSON.stringify(result)).not.toContain(dni)
    if (!result.ok) return
    expect((result.entities[0] as ResearchOutput).creators[2]).toEqual({ name: 'Chaco Gómez, Marco Antonio' })
    expect(result.issues.filter((i) => i.message.includes('withheld') || i.message.includes('national identity')).length).toBeGreaterThanOrEqual(5)
  })
})

// ─── purity and failure ─────────────────────────────────────────────────────

describe('oai_dc is pure and never throws', () => {
  it('maps the same input to deep-equal output, and leaves the input untouched', () => {
    for (const input of [...conicet.slice(0, 20), ...pucp.slice(0, 20)]) {
      const before = structuredClone(input)
      expect(mapOaiDc(input)).toEqual(mapOaiDc(input))
      expect(input).toEqual(before)
    }
  })

  it('a broken record gives ok:false with a diagnostic', () => {
    const base = find(conicet, '11336/149241')
    const truncated = mapOaiDc({ ...base, metadata: base.metadata.slice(0, base.metadata.length / 2) })
    expect(truncated).toEqual({ ok: false, error: expect.stringMatching(/^the metadata is not well-formed XML: /) })
    const unescaped = mapOaiDc({ ...base, metadata: base.metadata.replace('Quilmes</dc:publisher>', 'Quilmes & Co</dc:publisher>') })
    expect(unescaped.ok).toBe(false)
    expect(mapOaiDc({ ...base, metadata: '' })).toMatchObject({ ok: false })
    expect(mapOaiDc({ ...base, metadata: '<oai_openaire:resource xmlns:oai_openaire="http://namespace.openaire.eu/schema/oaire/"/>' }))
      .toEqual({ ok: false, error: 'expected an <oai_dc:dc> record, found <oai_openaire:resource>' })
  })
})

// ─── the reason for restricted access ───────────────────────────────────────

describe('oai_dc: a rights statement beside a restricted access term is the record\'s accessReason', () => {
  // CONCYTEC's guidance (and our dataset rule's fix) asks for the reason as text in dc:rights next to the access term;
  // no real record in the fixtures states one, so these add it to a real CONICET restricted-access record.
  const restricted = conicet.find((i) => i.metadata.includes('<dc:rights>info:eu-repo/semantics/restrictedAccess</dc:rights>'))!
  const closed = pucp.find((i) => i.metadata.includes('info:eu-repo/semantics/closedAccess'))!
  const open = conicet.find((i) => i.metadata.includes('<dc:rights>info:eu-repo/semantics/openAccess</dc:rights>'))!
  const reason = 'Contiene datos personales de pacientes'

  it('is taken from the statement on a restricted and on a metadata-only record, and stays valid', () => {
    expect(mapped(restricted).output.accessReason).toBeUndefined()
    const { output } = mapped(withAdded(restricted, `<dc:rights>${reason}</dc:rights>`))
    expect(output.accessRight?.uri).toBe(COAR.restricted)
    expect(output.accessReason).toBe(reason)
    expect(validateEntity(output)).toEqual([])
    expect(mapped(withAdded(closed, `<dc:rights>${reason}</dc:rights>`)).output).toMatchObject({ accessRight: { uri: COAR.closed }, accessReason: reason })
  })

  it('is not a licence, not set on open access, and publishes no e-mail address or national ID', () => {
    expect(mapped(withAdded(restricted, '<dc:rights>Licencia de uso no comercial</dc:rights>')).output.accessReason).toBeUndefined()
    expect(mapped(withAdded(open, `<dc:rights>${reason}</dc:rights>`)).output.accessReason).toBeUndefined()
    expect(mapped(withAdded(restricted, '<dc:rights>Solicitar el acceso a datos.investigacion@conicet.gov.ar</dc:rights>')).output.accessReason)
      .toBe('Solicitar el acceso a [e-mail]')
    expect(mapped(withAdded(restricted, '<dc:rights>Autorización del titular DNI 45678912</dc:rights>')).output.accessReason).toBeUndefined()
  })
})
