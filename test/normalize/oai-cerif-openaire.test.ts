// The oai_cerif_openaire input format (OpenAIRE CRIS profile). No real response is in our material: the fixtures are
// the guidelines' own samples, copied into OAI-PMH responses and named as written from the documentation.
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Entity, Equipment, Funding, MappingResult, Organisation, Person, Project, ResearchOutput } from '../../src/model/index.ts'
import { cerifPerucris } from '../../src/normalize/cerif-perucris.ts'
import { formatFor } from '../../src/normalize/index.ts'
import { oaiCerifOpenaire } from '../../src/normalize/oai-cerif-openaire.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { nationalIdValues, pageInputs } from '../support/page-inputs.ts'

const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const fixtureNames = readdirSync(fromDocs).filter((f) => f.includes('OpenAIRE CRIS')).sort()
const fixtures = Object.fromEntries(fixtureNames.map((f) => [f, readFileSync(`${fromDocs}${f}`, 'utf8')]))
const inputs = fixtureNames.flatMap((f) => pageInputs(fixtures[f]!, { sourceId: 'cris-example', metadataPrefix: 'oai_cerif_openaire' }))

function mapped<T extends Entity>(oaiIdentifier: string): { result: Extract<MappingResult, { ok: true }>; entity: T } {
  const input = inputs.find((i) => i.oaiIdentifier === oaiIdentifier)
  if (!input) throw new Error(`no record ${oaiIdentifier}`)
  const result = oaiCerifOpenaire.map(input)
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`)
  expect(result.entities).toHaveLength(1)
  expect(validateEntity(result.entities[0]!)).toEqual([])
  return { result, entity: result.entities[0] as T }
}

const EC = { name: 'European Commission', acronym: 'EC', identifiers: [{ type: 'crossref-funder-id', value: '10.13039/501100000780' }] }

describe('oai_cerif_openaire: every fixture written from the OpenAIRE CRIS guidelines', () => {
  it('is registered under its metadataPrefix, and every fixture says where it comes from', () => {
    expect(formatFor('oai_cerif_openaire')).toBe(oaiCerifOpenaire)
    expect(fixtureNames).toHaveLength(8)
    for (const name of fixtureNames) expect(fixtures[name], name).toMatch(/Written from the documentation[\s\S]*openaire\/guidelines-cris-managers samples\/openaire_cerif_xml_example_\w+\.xml\s+@[0-9a-f]{8}/)
  })

  it('maps all 11 records into valid entities, namespaces 1.1 and 1.2 alike', () => {
    expect(inputs).toHaveLength(11)
    const kinds = inputs.map((input) => {
      const result = oaiCerifOpenaire.map(input)
      if (!result.ok) throw new Error(`${input.oaiIdentifier}: ${result.error}`)
      expect(validateEntity(result.entities[0]!), input.oaiIdentifier).toEqual([])
      return result.entities[0]!.kind
    }).sort()
    expect(kinds).toEqual(['equipment', 'funding', 'funding', 'funding', 'organisation', 'organisation', 'person', 'project',
      'research-output', 'research-output', 'research-output'])
  })

  it('no national identity number of any fixture appears anywhere in any result', () => {
    const ids = fixtureNames.flatMap((f) => nationalIdValues(fixtures[f]!))
    expect(ids.sort()).toEqual(['40718293', '45127893'])
    const json = JSON.stringify(inputs.map((i) => oaiCerifOpenaire.map(i)))
    for (const id of ids) expect(json).not.toContain(id)
    expect(json).not.toMatch(/mailto:|tel:\+|fax:\+/)
  })
})

describe('oai_cerif_openaire: outputs', () => {
  it('Publications/812348: embargoed journal article with end date, ORCID, FORD, licence, language, journal ISSN, EC project', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Publications/812348')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_6501')
    expect(o.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_f1cf')
    expect(o.embargoEnd).toBe('2017-05-31')
    expect(o.issued).toBe('2013-06-14')
    expect(o.languages).toEqual(['eng'])
    expect(o.ford.map((f) => f.code)).toEqual(['1.02.01'])
    // CCAttribution(CCBY): CC BY without a version, so no SPDX id.
    expect(o.license).toEqual({ uri: 'https://creativecommons.org/licenses/by/', spdx: null })
    expect(o.creators).toEqual([
      { name: 'Hoogerwerf, Maarten' },
      { name: 'Manghi, Paolo', orcid: '0000-0001-7291-3210', affiliations: ['CNR'] },
      { name: 'Rettberg, Najla' },
    ])
    expect(o.identifiers).toEqual([{ type: 'doi', value: '10.2218/ijdc.v8i1.257' }])
    expect(o.funding).toEqual([{ funder: 'European Commission', funderId: '10.13039/501100000780', awardNumber: '283595', awardTitle: '2nd-Generation Open Access Infrastructure for Research in Europe', origin: 'structured' }])
    expect(o.relations).toEqual([
      { type: 'isPartOf', target: '1746-8256', targetType: 'issn' },
      { type: 'isOutputOf', target: '283595', targetType: 'award' },
    ])
    expect(result.issues).toEqual([])
  })

  it('cfResProd/729487: an open dataset with CC0, its DOI, the parts it has and the article that references it', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:cfResProd/729487')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_ddb1')
    expect(o.accessRight?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(o.embargoEnd).toBeNull()
    expect(o.license).toEqual({ uri: 'https://creativecommons.org/publicdomain/zero/1.0/', spdx: 'CC0-1.0' })
    expect(o.creators).toEqual([{ name: 'Singhal, Sonal' }, { name: 'Moritz, Craig' }])
    expect(o.identifiers).toEqual([{ type: 'doi', value: '10.5061/dryad.4gh6hf5g' }])
    // The sample's `Keywords` (for Keyword) is read all the same.
    expect(o.keywords).toEqual([{ value: 'Hybridization', lang: 'en' }, { value: 'Speciation', lang: 'en' }])
    expect(o.relations).toEqual([
      { type: 'hasPart', target: '10.5061/dryad.4gh6hf5g/1', targetType: 'doi' },
      { type: 'hasPart', target: '10.5061/dryad.4gh6hf5g/2', targetType: 'doi' },
      { type: 'other', target: '10.1111/j.1558-5646.2011.01539.x', targetType: 'doi' },
    ])
    expect(result.unmapped).toEqual(['VersionInfo'])
  })

  it('Patents/712178: issued on publication, the patent office as publisher, the predecessor by its record', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Patents/712178')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_15cd')
    expect(o.issued).toBe('2017-08-08')
    expect(o.publisher).toBe('European Patent Office')
    expect(o.publisherCountry).toBe('BR')
    expect(o.identifiers).toEqual([
      { type: 'other', value: 'patent:BR20161110203' },
      { type: 'url', value: 'https://worldwide.espacenet.com/patent/search?q=pn%3DBR112016010203A2' },
    ])
    expect(o.relations).toEqual([{ type: 'other', target: 'oai:cris.example.org:Patents/712179', targetType: 'other' }])
    expect(result.unmapped).toEqual(['Holders', 'RegistrationDate'])
  })
})

describe('oai_cerif_openaire: project, fundings, person, organisation units, equipment', () => {
  it('Projects/112345: award number, dates, EC funder, funding link, OAMandate, consortium and a PI with ORCID', () => {
    const { result, entity: p } = mapped<Project>('oai:cris.example.org:Projects/112345')
    expect(p.acronym).toBe('OpenAIREplus')
    expect(p.awardNumbers).toEqual(['283595'])
    // `<Identifier type="">http://www.openaire.eu</Identifier>` (the sample's FIXME): an untyped URL is a url.
    expect(p.identifiers).toEqual([{ type: 'project-reference', value: '283595' }, { type: 'url', value: 'http://www.openaire.eu' }])
    expect([p.start, p.end]).toEqual(['2011-12-01', '2014-05-31'])
    expect(p.funders).toEqual([EC])
    // The sample's ids (112345, 612352) are not the tails of its OAI identifiers: kept as written.
    expect(p.fundings).toEqual(['612352'])
    expect(p.oaMandate).toEqual({ mandated: true })
    expect(p.organisations.map((o) => [o.role, o.acronym])).toEqual([['coordinator', 'NKUA'], ['partner', 'CNR']])
    expect(p.team).toEqual([{ name: 'Manghi, Paolo', orcid: '0000-0001-7291-3210', affiliations: ['CONSIGLIO NAZIONALE DELLE RICERCHE'], role: 'principalInvestigator' }])
    expect(result.unmapped).toEqual(['Keyword'])
  })

  it('Fundings: the programme with funder and amount, the one with two mandate periods, the contract with its award', () => {
    const fp7 = mapped<Funding>('oai:cris.example.org:Fundings/612345').entity
    expect(fp7).toMatchObject({ title: [{ value: 'Seventh Framework Programme', lang: 'en' }], funder: EC, amount: { value: 50500000000, currency: 'EUR' } })
    expect(fp7.type?.label).toBe('FundingProgramme')
    expect(fp7.oaMandate).toBeUndefined()
    const ri = mapped<Funding>('oai:cris.example.org:Fundings/612347')
    expect(ri.entity.oaMandate).toEqual({ mandated: true })
    expect(ri.entity.partOf).toBe('612346')
    expect(ri.result.issues).toEqual([{ path: 'OAMandate', message: '2 mandates stated; kept the first one in force' }])
    const contract = mapped<Funding>('oai:cris.example.org:Fundings/612352').entity
    expect(contract).toMatchObject({ awardNumber: '283595', oaMandate: { mandated: true }, partOf: '612347' })
    expect(contract.type?.uri).toBe('https://www.openaire.eu/cerif-profile/vocab/OpenAIRE_Funding_Types#Contract')
  })

  it('Persons/2123451: name, ORCID and affiliation only; the DNI, e-mail, phone and other ids are never read', () => {
    const { result, entity: p } = mapped<Person>('oai:cris.example.org:Persons/2123451')
    expect(Object.keys(p).sort()).toEqual(['affiliations', 'id', 'kind', 'name', 'orcid', 'provenance'])
    expect(p).toMatchObject({ name: 'Houssos, Nikos', orcid: '0000-0002-5277-285X', affiliations: ['National Documentation Centre'] })
    expect(result.unmapped).toEqual(['ElectronicAddress', 'Identifier', 'ResearcherID', 'ScopusAuthorID'])
  })

  it('OrgUnits: the EC with its FundRefID element and untyped URL, a department with its RORID element and parent', () => {
    const ec = mapped<Organisation>('oai:cris.example.org:OrgUnits/310001').entity
    expect(ec).toMatchObject({ ...EC, identifiers: [...EC.identifiers, { type: 'url', value: 'https://europa.eu/' }] })
    expect(ec.type).toEqual({ uri: 'https://w3id.org/cerif/vocab/OrganisationTypes#Intergovernmental', label: 'Intergovernmental' })
    const mvz = mapped<Organisation>('oai:cris.example.org:OrgUnits/301248').entity
    expect(mvz).toMatchObject({ name: 'Museum of Vertebrate Zoology', identifiers: [{ type: 'ror', value: '05x2bcf33' }], parent: '329384' })
  })

  it('82394874 (profile 1.2): equipment name and owner', () => {
    const { result, entity: e } = mapped<Equipment>('oai:cris.example.org:82394874')
    expect(e.name).toEqual([{ value: 'SkyArrow 650 TCNS operated by IBIMET CNR', lang: 'en' }])
    expect(e.owner).toEqual({ name: 'CONSIGLIO NAZIONALE DELLE RICERCHE', acronym: 'CNR', identifiers: [] })
    expect(result.unmapped).toEqual(['Description', 'Identifier'])
  })
})

describe('oai_cerif_openaire: records that cannot be mapped, and purity', () => {
  afterEach(() => { vi.restoreAllMocks() })
  const person = inputs.find((i) => i.oaiIdentifier === 'oai:cris.example.org:Persons/2123451')!
  const withMetadata = (metadata: string): RawInput => ({ ...person, metadata })

  it('a record cut off after the DNI → ok:false, and the diagnostic does not carry it', () => {
    const result = oaiCerifOpenaire.map(withMetadata(person.metadata.slice(0, person.metadata.indexOf('40718293') + 12)))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not well-formed XML/) })
    expect(JSON.stringify(result)).not.toContain('40718293')
  })

  it('an Event (an OpenAIRE CRIS entity the model has no home for) → ok:false naming it', () => {
    const result = oaiCerifOpenaire.map(withMetadata('<Event xmlns="https://www.openaire.eu/cerif-profile/1.1/" id="583475"><Acronym>MTSR 2012</Acronym></Event>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/^oai_cerif_openaire: <Event> is not an entity we map/) })
  })

  it('the two profiles do not take each other\'s records', () => {
    expect(oaiCerifOpenaire.map(withMetadata('<Person xmlns="https://purl.org/pe-repo/cerif-profile/1.0/" id="1"/>')).ok).toBe(false)
    expect(cerifPerucris.map(person).ok).toBe(false)
  })

  it('every record maps to deep-equal output twice, with no clock or randomness, leaving the input untouched', () => {
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    for (const input of inputs) {
      const frozen = Object.freeze({ ...input })
      expect(oaiCerifOpenaire.map(frozen)).toEqual(oaiCerifOpenaire.map(frozen))
      expect(frozen.metadata).toBe(input.metadata)
    }
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
  })
})
