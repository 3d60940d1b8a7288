import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MappingResult, ResearchOutput } from '../../src/model/index.ts'
import { dspaceXoai } from '../../src/normalize/dspace-xoai.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { realOai } from '../support/fixtures.ts'

const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const docFixture = (name: string) => readFileSync(`${fromDocs}${name}`, 'utf8')
const xoaiFixtures = readdirSync(fromDocs).filter((f) => f.includes(' xoai '))

function input(metadata: string, repositoryHost?: string): RawInput {
  return {
    sourceId: 'test-source', oaiIdentifier: 'oai:repositorio.example.edu.pe:20.500.12759/99901',
    datestamp: '2023-06-01T15:20:11Z', harvestedAt: '2024-01-02T03:04:05Z', metadataPrefix: 'xoai', metadata,
    ...(repositoryHost ? { repositoryHost } : {}),
  }
}

function mapped(metadata: string, repositoryHost?: string): { result: Extract<MappingResult, { ok: true }>; output: ResearchOutput } {
  const result = dspaceXoai.map(input(metadata, repositoryHost))
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`)
  expect(result.entities).toHaveLength(1)
  const output = result.entities[0] as ResearchOutput
  expect(validateEntity(output)).toEqual([])
  return { result, output }
}

/** Every identity-document number in a raw fixture: 8–12 digit element values, and labelled ones ("DNI 4512…"). */
function nationalIds(raw: string): string[] {
  return [...raw.matchAll(/>\s*(\d{8,12})\s*</g), ...raw.matchAll(/DNI\s+(\d{8})/g)].map((m) => m[1]!)
}

describe('xoai: real records (LA Referencia code base)', () => {
  it('REDI (Uruguay): nested none/none levels, es + spa, an empty description, reponame in dc.source', () => {
    const { result, output } = mapped(realOai('lareferencia-redi-anii-uy-xoai.xml'))
    expect(output.titles).toEqual([{ value: 'Descripción de estados fenológicos de pecán.' }])
    expect(output.creators).toEqual([{ name: 'PROGRAMA NACIONAL PRODUCCIÓN FRUTÍCOLA' }])
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_93fc')
    expect(output.type.original).toEqual(['info:eu-repo/semantics/report'])
    expect(output.version?.uri).toBe('http://purl.org/coar/version/c_970fb48d4fbd8a85')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(output.languages).toEqual(['spa'])
    // dc.date holds accessioned/available timestamps and the typed issued year.
    expect(output.issued).toBe('2016')
    expect(output.keywords.map((k) => k.value)).toEqual(['NUEZ', 'FRUTALES', 'PECAN', 'FENOLOGIA'])
    expect(output.provenance[0]!.originalRepository).toBe('Ainfo')
    // `<field name="value"/>` is no field: not reported as unmapped.
    expect(result.unmapped).toEqual([])
  })

  it('Huelva (Spain): the ORCID LA Referencia appends after |||, a COAR type, a CC port licence', () => {
    const { output } = mapped(realOai('lareferencia-testres-uhu-huelva-xoai.xml'))
    expect(output.creators).toEqual([{ name: 'Banda Gallego, Trinidad', orcid: '0000-0001-7948-1684' }])
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_db06')
    expect(output.type.original).toContain('doctoral thesis')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(output.license?.uri).toBe('https://creativecommons.org/licenses/by-nc-nd/3.0/es/')
    expect(output.languages).toEqual(['spa'])
    expect(output.issued).toBe('2015')
    expect(output.identifiers).toContainEqual({ type: 'handle', value: '10272/11477' })
    expect(output.landingPage).toBe('http://hdl.handle.net/10272/11477')
    // Unqualified dc.description holds the abstracts in LA Referencia copies; XML indentation is gone, paragraphs stay.
    expect(output.abstracts).toHaveLength(2)
    expect(output.abstracts[0]!.value).toMatch(/^Nuestra Tesis Doctoral/)
    expect(output.abstracts[0]!.value).not.toMatch(/\n\s/)
  })

  it("LA Referencia's internal xoai, Algarve: title, creator, advisor, type, access, dates, handle, file and funding from the datacite/oaire blocks", () => {
    const { result, output } = mapped(realOai('lareferencia-testres-ualg-algarve-xoai.xml'))
    expect(output.titles).toEqual([{ value: 'Transporte de crustáceos vivos a bordo em ambiente refrigerado', lang: 'por' }])
    expect(output.creators).toEqual([{ name: 'Inácio, Mónica Isabel Marreiros' }])
    // contributorType Supervisor is the advisor; the HostingInstitution (the repository) is no person.
    expect(output.contributors).toEqual([{ name: 'Castro, Margarida', role: 'advisor' }])
    expect(output.type).toEqual({ uri: 'http://purl.org/coar/resource_type/c_bdcc', label: 'master thesis', original: ['http://purl.org/coar/resource_type/c_bdcc', 'master thesis'] })
    expect(output.accessRight).toEqual({ uri: 'http://purl.org/coar/access_right/c_abf2', label: 'open access' })
    // Open access: the Available timestamp is when it went online, not an embargo end.
    expect(output.embargoEnd).toBeNull()
    expect(output.issued).toBe('2008')
    expect(output.languages).toEqual(['por'])
    expect(output.keywords.map((k) => k.value)).toEqual(['Teses', 'Crustáceos', 'Conservação de crustáceos', 'Transporte de crustáceos'])
    expect(output.identifiers).toEqual([{ type: 'handle', value: '10400.1/760' }])
    expect(output.landingPage).toBe('http://hdl.handle.net/10400.1/760')
    expect(output.files).toEqual([{
      url: 'https://sapientia.ualg.pt/bitstream/10400.1/760/1/Tese%20M%c3%b3nica.pdf', mimeType: 'application/pdf',
      access: { uri: 'http://purl.org/coar/access_right/c_abf2', label: 'open access' },
    }])
    expect(output.funding).toEqual([{ funder: 'Fundação para a Ciência e Tecnologia', funderId: '10.13039/501100001871', programme: 'PDCT', awardNumber: '59366', origin: 'structured' }])
    expect(output.abstracts[0]).toEqual({ value: 'Dissertação mest., Biologia Marinha, Universidade do Algarve, 2008', lang: 'por' })
    expect(result.unmapped).toEqual(['dc.format', 'datacite.sizes.size'])
    // The e-mail nameIdentifier of the hosting institution is named by its scheme, its value appears nowhere.
    expect(JSON.stringify(result)).not.toContain('repositorio@ualg.pt')
    expect(result.issues.map((i) => i.path)).toEqual(['datacite.contributors.contributor.nameIdentifier', 'datacite.contributors.contributor', 'datacite.relatedIdentifiers.relatedIdentifier'])
  })

  it("LA Referencia's internal xoai, Udelar: datacite title and creators, oaire type and version, rights, typed year, ISSN, source OAI id", () => {
    const { result, output } = mapped(realOai('lareferencia-colibri-udelar-uy-datacite-xoai.xml'))
    expect(output.titles).toEqual([{ value: '«Lo que Maggiolo proponía no era una quimera» Entrevista a Rafael Guarga' }])
    expect(output.creators.map((c) => c.name)).toEqual(['Markarian, Vania', 'Secco, Lucía', 'Balás, Mariel'])
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_6501')
    expect(output.type.original).toEqual(['http://purl.org/coar/resource_type/c_6501', 'journal article', 'other'])
    expect(output.version).toEqual({ uri: 'http://purl.org/coar/version/c_970fb48d4fbd8a85', label: 'VoR' })
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by/', spdx: null })
    // Issued is DSpace's accession timestamp here; the typed year (2017, the citation's) sits under Accepted.
    expect(output.issued).toBe('2017')
    expect(output.languages).toEqual(['spa'])
    expect(output.identifiers).toEqual([
      { type: 'handle', value: '20.500.12008/10877' },
      { type: 'other', value: 'oai:colibri.udelar.edu.uy:20.500.12008/10877' },
    ])
    expect(output.relations).toEqual([
      { type: 'other', target: expect.stringMatching(/^Markarian, V\., Secco, L\., Balás, M\. "«Lo que Maggiolo/), targetType: 'text' },
      { type: 'isPartOf', target: '2301-0126', targetType: 'issn' },
    ])
    expect(output.publisher).toBe('CSE : ANEP-CFE')
    expect(output.provenance[0]!.originalRepository).toBe('COLIBRI')
    expect(result.unmapped).toEqual(['dc.format'])
    expect(result.issues).toEqual([{ path: 'datacite.rights', message: 'neither an access right nor a licence', value: expect.stringMatching(/^Las obras depositadas/) }])
  })
})

describe('xoai: a Peruvian thesis with RENATI fields and an embargo (written from the documentation)', () => {
  const raw = docFixture('a peruvian thesis in xoai with RENATI fields and an embargo.xml')
  const { result, output } = mapped(raw, 'repositorio.example.edu.pe')

  it('maps type, version, access right, embargo end, licence, language and dates', () => {
    expect(output.type).toEqual({ uri: 'http://purl.org/coar/resource_type/c_bdcc', label: 'master thesis', original: ['info:eu-repo/semantics/masterThesis'] })
    expect(output.version?.uri).toBe('http://purl.org/coar/version/c_970fb48d4fbd8a85')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_f1cf')
    expect(output.embargoEnd).toBe('2025-05-10')
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/4.0/', spdx: 'CC-BY-NC-ND-4.0' })
    expect(output.languages).toEqual(['spa'])
    expect(output.issued).toBe('2023-05-10')
  })

  it('maps titles with their languages, the FORD code, keywords, abstracts and the publisher country', () => {
    expect(output.titles.map((t) => t.lang)).toEqual(['es_PE', 'en_US'])
    expect(output.ford).toEqual([{ code: '5.02.04', uri: 'https://purl.org/pe-repo/ocde/ford#5.02.04', label: expect.any(String) }])
    expect(output.keywords.map((k) => k.value)).toEqual(['Gobierno electrónico', 'Calidad del servicio'])
    expect(output.abstracts.map((a) => a.lang)).toEqual(['es_PE', 'en_US'])
    expect(output.publisher).toBe('Universidad Nacional de Ejemplo')
    expect(output.publisherCountry).toBe('PE')
  })

  it('takes the author ORCID from the DSpace-CRIS authority and the advisor ORCID from renati.advisor.orcid', () => {
    expect(output.creators).toEqual([{ name: 'Huamán Torres, Luis Alberto', orcid: '0000-0002-1825-0097' }])
    expect(output.contributors.filter((c) => c.role === 'advisor')).toEqual([{ name: 'Quispe Mamani, Rosa Elena', orcid: '0000-0002-1694-233X', role: 'advisor' }])
    expect(output.contributors.filter((c) => c.role === 'juror').map((c) => c.name)).toEqual(['Rojas Vega, Carmen Julia', 'Salazar Ccori, Wilber', 'Mendoza Paredes, Iván'])
  })

  it('maps RENATI type, level and discipline and the thesis degree name, discipline and grantor', () => {
    expect(output.thesis).toEqual({
      level: { uri: 'https://purl.org/pe-repo/renati/level#maestro', label: expect.any(String) },
      renatiType: { uri: 'https://purl.org/pe-repo/renati/type#tesis', label: expect.any(String) },
      disciplineCode: '412077',
      degreeName: 'Maestro en Ciencias Administrativas',
      discipline: 'Ciencias Administrativas',
      grantor: 'Universidad Nacional de Ejemplo. Facultad de Ciencias Administrativas. Unidad de Posgrado',
    })
  })

  it('keeps the ORIGINAL bitstream as a file with MIME type and size, and the handle as identifier and landing page', () => {
    expect(output.files).toEqual([{ url: 'https://repositorio.example.edu.pe/bitstream/20.500.12759/99901/1/Huaman_tl.pdf', name: 'Huaman_tl.pdf', mimeType: 'application/pdf', size: 2483011 }])
    expect(output.identifiers).toEqual([{ type: 'handle', value: '20.500.12759/99901' }])
    expect(output.landingPage).toBe('https://hdl.handle.net/20.500.12759/99901')
  })

  it('drops the DNIs: they appear nowhere in the serialised result, only the field names are listed as unmapped', () => {
    const dnis = nationalIds(raw)
    expect(dnis).toEqual(expect.arrayContaining(['40718293', '09876543']))
    const json = JSON.stringify(result)
    for (const dni of dnis) expect(json).not.toContain(dni)
    expect(result.unmapped).toEqual(expect.arrayContaining(['renati.author.dni', 'renati.advisor.dni', 'dc.date.accessioned']))
    for (const name of result.unmapped) expect(name).toMatch(/^[a-z]+(?:\.[A-Za-z]+)+$/)
    expect(result.issues).toEqual([])
  })
})

describe('xoai: an article with the unconfigured handle prefix 123456789 (written from the documentation)', () => {
  const { result, output } = mapped(docFixture('an article in xoai with the unconfigured handle prefix 123456789 and an ISSN.xml'))

  it('flags the handle, offers no landing page and keeps the journal ISSN as an isPartOf relation', () => {
    expect(output.identifiers).toContainEqual({ type: 'handle', value: '123456789/1234', valid: false, problem: 'unconfigured DSpace handle prefix 123456789' })
    expect(output.identifiers).toContainEqual({ type: 'doi', value: '10.99999/rej.v12i2.345' })
    expect(output.identifiers).toContainEqual({ type: 'issn', value: '1727-558X' })
    expect(output.landingPage).toBeNull()
    expect(output.relations).toEqual([{ type: 'isPartOf', target: '1727-558X', targetType: 'issn' }])
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_6501')
    expect(output.ford.map((f) => f.code)).toEqual(['2.11.02'])
    expect(output.languages).toEqual(['eng'])
  })

  it('reads the grantAgreement relation and does not repeat the same award from the sponsorship sentence', () => {
    expect(output.funding).toEqual([{ funder: 'FONDECYT', programme: 'E038-2020-01', awardNumber: '089-2020-FONDECYT', origin: 'structured' }])
  })

  it('reports a bitstream served from localhost instead of publishing it', () => {
    expect(output.files).toEqual([])
    expect(result.issues).toContainEqual(expect.objectContaining({ path: 'bundles' }))
  })
})

describe('xoai: records that cannot be mapped', () => {
  it('a record cut off mid-element → ok:false with a diagnostic that does not carry the DNI', () => {
    const raw = docFixture('a broken xoai record cut off after the author DNI.xml')
    const result = dspaceXoai.map(input(raw))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error).toMatch(/malformed XML/)
    const dnis = nationalIds(raw)
    expect(dnis).toEqual(['41526374'])
    expect(JSON.stringify(result)).not.toContain('41526374')
  })

  it('an oai_dc record given as xoai → ok:false naming the root element', () => {
    const result = dspaceXoai.map(input('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not an xoai record.*oai_dc:dc/) })
  })

  it('an xoai record without fields → ok:false', () => {
    expect(dspaceXoai.map(input('<metadata xmlns="http://www.lyncode.com/xoai"><element name="bundles"/></metadata>')).ok).toBe(false)
  })
})

describe('xoai: every fixture', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it.each(xoaiFixtures)('%s: no identity number in the result, and the mapping is pure', (name) => {
    const raw = docFixture(name)
    const frozen = Object.freeze(input(raw))
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    const first = dspaceXoai.map(frozen)
    const second = dspaceXoai.map(frozen)
    expect(second).toEqual(first)
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
    expect(frozen.metadata).toBe(raw)
    const json = JSON.stringify(first)
    for (const id of nationalIds(raw)) expect(json).not.toContain(id)
    if (first.ok) for (const entity of first.entities) expect(validateEntity(entity)).toEqual([])
  })
})
