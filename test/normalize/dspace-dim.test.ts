import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MappingResult, ResearchOutput } from '../../src/model/index.ts'
import { dspaceDim } from '../../src/normalize/dspace-dim.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'

const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const docFixture = (name: string) => readFileSync(`${fromDocs}${name}`, 'utf8')
const dimFixtures = readdirSync(fromDocs).filter((f) => f.includes(' dim '))

function input(metadata: string): RawInput {
  return {
    sourceId: 'test-source', oaiIdentifier: 'oai:repositorio.example.edu.pe:20.500.12759/99950',
    datestamp: '2024-03-18T21:04:52Z', harvestedAt: '2024-04-01T00:00:00Z', metadataPrefix: 'dim', metadata,
  }
}

function mapped(metadata: string): { result: Extract<MappingResult, { ok: true }>; output: ResearchOutput } {
  const result = dspaceDim.map(input(metadata))
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`)
  expect(result.entities).toHaveLength(1)
  const output = result.entities[0] as ResearchOutput
  expect(validateEntity(output)).toEqual([])
  return { result, output }
}

/** A dim record from `[schema, element, qualifier, value]` rows, for the core's edge cases. */
function dim(rows: [string, string, string | null, string][]): string {
  const fields = rows.map(([schema, element, qualifier, value]) =>
    `<dim:field mdschema="${schema}" element="${element}"${qualifier ? ` qualifier="${qualifier}"` : ''}>${value}</dim:field>`)
  return `<dim:dim xmlns:dim="http://www.dspace.org/xmlns/dspace/dim">${fields.join('')}</dim:dim>`
}

function nationalIds(raw: string): string[] {
  return [...raw.matchAll(/>\s*(\d{8,12})\s*</g), ...raw.matchAll(/DNI\s+(\d{8})/g)].map((m) => m[1]!)
}

describe('dim: a Peruvian doctoral thesis with advisor ORCID and two jurors (written from the documentation)', () => {
  const raw = docFixture('a peruvian doctoral thesis in dim with advisor ORCID and two jurors.xml')
  const { result, output } = mapped(raw)

  it('maps type, access right, licence, language, FORD code (http form, field level) and issued year', () => {
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_db06')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(output.embargoEnd).toBeNull()
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by/4.0/', spdx: 'CC-BY-4.0' })
    expect(output.languages).toEqual(['spa'])
    expect(output.ford).toEqual([{ code: '3.03.00', uri: 'https://purl.org/pe-repo/ocde/ford#3.03.00', label: expect.any(String) }])
    expect(output.issued).toBe('2024')
  })

  it('pairs the bare renati.advisor.orcid with the advisor, keeps two jurors, and refuses an ORCID whose check digit fails', () => {
    expect(output.contributors).toEqual([
      { name: 'Castillo Romero, Jorge Luis', orcid: '0000-0002-1694-233X', role: 'advisor' },
      { name: 'Paredes Soto, Ana Lucía', role: 'juror' },
      { name: 'Yupanqui Ríos, Edwin', role: 'juror' },
    ])
    expect(output.creators).toEqual([{ name: 'Ccahuana Luna, María Fernanda' }])
    expect(result.issues).toContainEqual({ path: 'dc.contributor.author', message: 'ORCID check digit fails', value: '0000-0002-1825-0098' })
  })

  it('maps RENATI level, type and discipline code and the degree name, discipline and grantor', () => {
    expect(output.thesis?.level?.uri).toBe('https://purl.org/pe-repo/renati/level#doctor')
    expect(output.thesis?.renatiType?.uri).toBe('https://purl.org/pe-repo/renati/type#tesis')
    expect(output.thesis?.disciplineCode).toBe('912019')
    expect(output.thesis?.degreeName).toBe('Doctor en Ciencias de la Salud')
    expect(output.thesis?.discipline).toBe('Ciencias de la Salud')
    expect(output.thesis?.grantor).toBe('Universidad Nacional de Ejemplo. Escuela de Posgrado')
  })

  it('reads a FONDECYT contract from the sponsorship sentence, keeping funder and award number', () => {
    expect(output.funding).toEqual([{ funder: 'CONCYTEC', programme: 'FONDECYT', awardNumber: '123-2019-FONDECYT', origin: 'text' }])
  })

  it('drops the DNI, the carné de extranjería and a labelled DNI: none appears in the serialised result', () => {
    const ids = nationalIds(raw)
    expect(ids).toEqual(expect.arrayContaining(['07654321', '001234567', '45127890']))
    const json = JSON.stringify(result)
    for (const id of ids) expect(json).not.toContain(id)
    expect(result.unmapped).toEqual(expect.arrayContaining(['renati.author.cext', 'renati.advisor.dni', 'dc.identifier.citation']))
    expect(result.issues).toContainEqual({ path: 'dc.identifier.other', message: expect.stringMatching(/national identity number/) })
  })
})

describe('dim: a dataset with CONCYTEC sponsorship and a contract number (written from the documentation)', () => {
  const { result, output } = mapped(docFixture('a dataset in dim with CONCYTEC sponsorship and a contract number.xml'))

  it('maps the dataset type, the DOI, the area-level FORD code and the month', () => {
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_ddb1')
    expect(output.identifiers).toContainEqual({ type: 'doi', value: '10.99999/ejemplo.datos.2023.001' })
    expect(output.ford.map((f) => f.code)).toEqual(['1.05.00'])
    expect(output.issued).toBe('2023-11')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(output.license?.spdx).toBe('CC-BY-4.0')
    expect(output.thesis).toBeNull()
  })

  it('turns "CONCYTEC-PROCIENCIA … contrato PE501078563-2022" into a text funding reference', () => {
    expect(output.funding).toEqual([{ funder: 'CONCYTEC', programme: 'PROCIENCIA', awardNumber: 'PE501078563-2022', origin: 'text' }])
  })

  it('ignores UUID authorities (no ORCID in them) and leaves nothing unmapped', () => {
    expect(output.creators).toEqual([{ name: 'Tello Gamarra, Pedro' }, { name: 'Vilca Huanca, Sonia' }])
    expect(result.unmapped).toEqual([])
  })
})

describe('dim: the shared core on edge cases', () => {
  it('does not guess which of two advisors a single renati.advisor.orcid belongs to', () => {
    const { result, output } = mapped(dim([
      ['dc', 'title', null, 'T'], ['dc', 'contributor', 'advisor', 'Uno, A'], ['dc', 'contributor', 'advisor', 'Dos, B'],
      ['renati', 'advisor', 'orcid', 'https://orcid.org/0000-0002-1825-0097'],
    ]))
    expect(output.contributors.every((c) => c.orcid === undefined)).toBe(true)
    expect(result.issues).toContainEqual(expect.objectContaining({ path: 'renati.advisor.orcid', message: expect.stringMatching(/not paired/) }))
  })

  it('reads the OpenAIRE v3 embargo date inside dc.date, and an unknown field holding a bare DNI is named, not copied', () => {
    const { result, output } = mapped(dim([
      ['dc', 'title', null, 'T'], ['dc', 'date', null, 'info:eu-repo/date/embargoEnd/2026-01-31'],
      ['local', 'autor', 'documento', '44556677'], ['renati', 'author', 'pasaporte', 'AB1234567'],
    ]))
    expect(output.embargoEnd).toBe('2026-01-31')
    expect(result.unmapped).toEqual(['local.autor.documento', 'renati.author.pasaporte'])
    const json = JSON.stringify(result)
    expect(json).not.toContain('44556677')
    expect(json).not.toContain('AB1234567')
  })

  it('reports a sponsorship that names no funder or award, and keeps a CC URL found in dc.rights as the licence', () => {
    const { result, output } = mapped(dim([
      ['dc', 'title', null, 'T'], ['dc', 'description', 'sponsorship', 'Autofinanciado'],
      ['dc', 'rights', null, 'info:eu-repo/semantics/closedAccess'], ['dc', 'rights', null, 'https://creativecommons.org/licenses/by-sa/4.0/'],
    ]))
    expect(output.funding).toEqual([])
    expect(result.issues).toContainEqual({ path: 'dc.description.sponsorship', message: expect.any(String), value: 'Autofinanciado' })
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_14cb')
    expect(output.license?.spdx).toBe('CC-BY-SA-4.0')
  })

  it('keeps an ISSN without its hyphen (8 digits, like a DNI) in dc.identifier.issn', () => {
    const { output } = mapped(dim([['dc', 'title', null, 'T'], ['dc', 'identifier', 'issn', '1727558X'], ['dc', 'identifier', 'issn', '16099117']]))
    expect(output.identifiers).toEqual([{ type: 'issn', value: '1727-558X' }, { type: 'issn', value: '1609-9117' }])
  })
})

describe('dim: records that cannot be mapped', () => {
  it('a record cut off mid-field → ok:false with a diagnostic that does not carry the DNI', () => {
    const raw = docFixture('a broken dim record cut off after the advisor DNI.xml')
    const result = dspaceDim.map(input(raw))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/malformed XML/) })
    expect(nationalIds(raw)).toEqual(['42817364'])
    expect(JSON.stringify(result)).not.toContain('42817364')
  })

  it('an xoai record given as dim → ok:false naming the root element', () => {
    const result = dspaceDim.map(input('<metadata xmlns="http://www.lyncode.com/xoai"/>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not a dim record.*metadata/) })
  })
})

describe('dim: every fixture', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it.each(dimFixtures)('%s: no identity number in the result, and the mapping is pure', (name) => {
    const raw = docFixture(name)
    const frozen = Object.freeze(input(raw))
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    const first = dspaceDim.map(frozen)
    expect(dspaceDim.map(frozen)).toEqual(first)
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
    const json = JSON.stringify(first)
    for (const id of nationalIds(raw)) expect(json).not.toContain(id)
    if (first.ok) for (const entity of first.entities) expect(validateEntity(entity)).toEqual([])
  })
})
