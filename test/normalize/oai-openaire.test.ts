// The oai_openaire input format (OpenAIRE Literature v4): the guidelines' own journal-article sample, and a Peruvian
// master thesis written from the field pages (embargo, FORD, FONDECYT funding, advisor). Explicit fields, not snapshots.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MappingResult, ResearchOutput } from '../../src/model/index.ts'
import { formatFor } from '../../src/normalize/index.ts'
import { oaiOpenaire } from '../../src/normalize/oai-openaire.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { realOai } from '../support/fixtures.ts'
import { nationalIdValues } from '../support/page-inputs.ts'

const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const sample = realOai('openaire-guidelines-sample-journalarticle-oai_openaire.xml')
const thesisXml = readFileSync(`${fromDocs}a peruvian master thesis in oai_openaire with an embargo, a FORD subject and FONDECYT funding.xml`, 'utf8')

function input(metadata: string): RawInput {
  return {
    sourceId: 'demo-openaire', oaiIdentifier: 'oai:redcti.demo:openaire/sample_journalarticle1', datestamp: '2021-08-30T00:00:00Z',
    harvestedAt: '2024-01-02T03:04:05Z', metadataPrefix: 'oai_openaire', metadata, repositoryHost: 'repositorio.example.edu.pe',
  }
}

function mapped(metadata: string): { result: Extract<MappingResult, { ok: true }>; output: ResearchOutput } {
  const result = oaiOpenaire.map(input(metadata))
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`)
  expect(result.entities).toHaveLength(1)
  const output = result.entities[0] as ResearchOutput
  expect(validateEntity(output)).toEqual([])
  return { result, output }
}

describe('oai_openaire: the OpenAIRE guidelines sample (a journal article from EuropePMC)', () => {
  const { result, output } = mapped(sample)

  it('is registered under its metadataPrefix', () => {
    expect(formatFor('oai_openaire')).toBe(oaiOpenaire)
  })

  it('maps type URI, version, access right, licence and language', () => {
    expect(output.type).toEqual({ uri: 'http://purl.org/coar/resource_type/c_6501', label: 'journal article', original: ['http://purl.org/coar/resource_type/c_6501', 'journal article'] })
    expect(output.version).toEqual({ uri: 'http://purl.org/coar/version/c_71e4c1898caa6e32', label: 'SMUR' })
    expect(output.accessRight).toEqual({ uri: 'http://purl.org/coar/access_right/c_abf2', label: 'open access' })
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc/4.0/', spdx: 'CC-BY-NC-4.0' })
    expect(output.languages).toEqual(['eng'])
  })

  it('on open access, Available is not an embargo end; with no Issued date there is no issued date', () => {
    expect(output.embargoEnd).toBeNull()
    expect(output.issued).toBeNull()
    expect(result.unmapped).toEqual(expect.arrayContaining(['datacite:date[@dateType=Accepted]', 'datacite:date[@dateType=Available]']))
  })

  it('keeps the one ORCID the sample gives, on the right creator', () => {
    expect(output.creators.map((c) => c.name)).toEqual(['Pettersson, Fredrik', 'Bergonzini, Giulia', 'Cassani, Carlo', 'Wallentin, Carl‐Johan'])
    expect(output.creators.filter((c) => c.orcid)).toEqual([{ name: 'Wallentin, Carl‐Johan', orcid: '0000-0003-1983-9378' }])
  })

  it('reads the identifier, the alternate DOI and PMC number, the landing page and the PDF file', () => {
    expect(output.identifiers).toEqual([
      { type: 'url', value: 'http://europepmc.org/articles/PMC5574022' },
      { type: 'doi', value: '10.1002/chem.201701589' },
      { type: 'other', value: 'pmcid:PMC5574022' },
    ])
    expect(output.landingPage).toBe('http://europepmc.org/articles/PMC5574022')
    expect(output.files).toEqual([{
      url: 'http://europepmc.org/articles/PMC5574022?pdf=render', mimeType: 'application/pdf',
      access: { uri: 'http://purl.org/coar/access_right/c_abf2', label: 'open access' },
    }])
  })

  it('turns the fundingReference into a structured funding with stream, award number, URI and title', () => {
    expect(output.funding).toEqual([{
      funder: 'European Commission', programme: 'H2020 Marie Skłodowska-Curie Actions', awardNumber: '660668',
      awardTitle: 'ACT against AMR', awardUri: 'http://cordis.europa.eu/project/rcn/195983_en.html', origin: 'structured',
    }])
  })

  it('relates the work to its journal by both ISSNs and by citationTitle; volume and pages have no home', () => {
    expect(output.relations).toEqual([
      { type: 'isPartOf', target: '0947-6539', targetType: 'issn' },
      { type: 'isPartOf', target: '1521-3765', targetType: 'issn' },
      { type: 'isPartOf', target: 'Chemistry', targetType: 'text' },
    ])
    expect(result.unmapped).toEqual(expect.arrayContaining(['citationVolume', 'citationIssue', 'citationStartPage', 'citationEndPage']))
  })

  it('keeps title, abstract, keywords and publisher as written', () => {
    expect(output.titles).toEqual([{ value: 'Redox‐Neutral Dual Functionalization of Electron‐Deficient Alkenes', lang: 'eng' }])
    expect(output.abstracts).toHaveLength(1)
    expect(output.abstracts[0]!.value).toMatch(/^Visible‐light photoredox catalysis .* broad substrate scope\.$/)
    expect(output.keywords.map((k) => k.value)).toEqual(['acyl radicals', 'cascade transformation', 'multicomponent reactions', 'photoredox catalysis'])
    expect(output.ford).toEqual([])
    expect(output.publisher).toBe('John Wiley and Sons Inc.')
    expect(result.issues).toEqual([])
  })
})

describe('oai_openaire: a Peruvian master thesis written from the v4 field pages', () => {
  const { result, output } = mapped(thesisXml)

  it('maps type URI, access right, embargo end (Available on c_f1cf), issued, licence, language and version', () => {
    expect(output.type.uri).toBe('http://purl.org/coar/resource_type/c_bdcc')
    expect(output.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_f1cf')
    expect(output.embargoEnd).toBe('2025-05-10')
    expect(output.issued).toBe('2023-05-10')
    expect(output.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/4.0/', spdx: 'CC-BY-NC-ND-4.0' })
    expect(output.languages).toEqual(['spa'])
    expect(output.version?.uri).toBe('http://purl.org/coar/version/c_970fb48d4fbd8a85')
  })

  it('reads the FORD code from valueURI and keeps the other subject as a keyword', () => {
    expect(output.ford).toEqual([{ code: '5.02.04', uri: 'https://purl.org/pe-repo/ocde/ford#5.02.04', label: expect.any(String) }])
    expect(output.keywords).toEqual([{ value: 'Gobierno electrónico', lang: 'es' }])
  })

  it('creator ORCID and affiliation; the Supervisor is the advisor with an ORCID; the hosting institution is no person', () => {
    expect(output.creators).toEqual([{ name: 'Huamán Torres, Luis Alberto', orcid: '0000-0002-1825-0097', affiliations: ['Universidad Nacional de San Agustín de Arequipa'] }])
    expect(output.contributors).toEqual([{ name: 'Quispe Mamani, Rosa Elena', orcid: '0000-0002-1694-233X', role: 'advisor' }])
    expect(result.unmapped).toContain('datacite:contributor[@contributorType=HostingInstitution]')
  })

  it('funding with the bare Crossref Funder ID, the handle as identifier and landing page, the embargoed file', () => {
    expect(output.funding).toEqual([{
      funder: 'Fondo Nacional de Desarrollo Científico, Tecnológico y de Innovación Tecnológica', funderId: '10.13039/501100010751',
      programme: 'Becas de maestría', awardNumber: '237-2019-FONDECYT', awardTitle: 'Maestría en Gestión Pública',
      awardUri: 'https://www.fondecyt.gob.pe/convocatorias/E033-2019-01', origin: 'structured',
    }])
    expect(output.identifiers).toEqual([{ type: 'handle', value: '20.500.12773/99901' }])
    expect(output.landingPage).toBe('https://hdl.handle.net/20.500.12773/99901')
    expect(output.files).toEqual([{
      url: 'https://repositorio.example.edu.pe/bitstream/20.500.12773/99901/1/Huaman_tl.pdf', mimeType: 'application/pdf',
      access: { uri: 'http://purl.org/coar/access_right/c_f1cf', label: 'embargoed access' },
    }])
  })

  it('never reads a DNI nameIdentifier: its value appears nowhere, only the scheme is listed', () => {
    const ids = nationalIdValues(thesisXml)
    expect(ids).toEqual(['29384756'])
    const json = JSON.stringify(result)
    for (const id of ids) expect(json).not.toContain(id)
    expect(result.unmapped).toContain('datacite:nameIdentifier[@nameIdentifierScheme=DNI]')
  })
})

describe('oai_openaire: records that cannot be mapped, and purity', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it('a record cut off mid-element → ok:false with a diagnostic', () => {
    const result = oaiOpenaire.map(input(thesisXml.slice(0, thesisXml.indexOf('<datacite:dates>') + 40)))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not well-formed XML/) })
    expect(JSON.stringify(result)).not.toContain('29384756')
  })

  it('an oai_dc record given as oai_openaire → ok:false naming the root element', () => {
    const result = oaiOpenaire.map(input('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"/>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/expected an OpenAIRE v4 <resource>.*found <oai_dc:dc>/) })
  })

  it.each([['the guidelines sample', sample], ['the Peruvian thesis', thesisXml]])('%s maps to deep-equal output twice, with no clock or randomness, leaving the input untouched', (_name, xml) => {
    const frozen = Object.freeze(input(xml))
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    const first = oaiOpenaire.map(frozen)
    expect(oaiOpenaire.map(frozen)).toEqual(first)
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
    expect(frozen.metadata).toBe(xml)
  })
})
