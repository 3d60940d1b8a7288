// The cerif_perucris input format on CONCYTEC's own PerúCRIS examples (one OAI-PMH response per entity, read with
// parsePage as the harvester stores them): explicit fields per entity, DNIs nowhere, purity, broken records.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Entity, Equipment, Funding, MappingResult, Organisation, Person, Project, ResearchOutput } from '../../src/model/index.ts'
import { cerifPerucris } from '../../src/normalize/cerif-perucris.ts'
import { formatFor } from '../../src/normalize/index.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { realOai } from '../support/fixtures.ts'
import { nationalIdValues, pageInputs } from '../support/page-inputs.ts'

const ENTITIES = ['publication', 'product', 'patent', 'person', 'orgunits', 'project', 'funding', 'equipment'] as const
const files = Object.fromEntries(ENTITIES.map((e) => [e, realOai(`perucris-guidelines-example-cerif-${e}.xml`)])) as Record<(typeof ENTITIES)[number], string>
const inputs = ENTITIES.flatMap((e) => pageInputs(files[e], { sourceId: 'perucris-example', metadataPrefix: 'cerif_perucris' }))

function mapped<T extends Entity>(oaiIdentifier: string): { result: Extract<MappingResult, { ok: true }>; entity: T } {
  const input = inputs.find((i) => i.oaiIdentifier === oaiIdentifier)
  if (!input) throw new Error(`no record ${oaiIdentifier}`)
  const result = cerifPerucris.map(input)
  if (!result.ok) throw new Error(`expected a mapping, got: ${result.error}`)
  expect(result.entities).toHaveLength(1)
  expect(validateEntity(result.entities[0]!)).toEqual([])
  return { result, entity: result.entities[0] as T }
}

const OPEN = 'http://purl.org/coar/access_right/c_abf2'
const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'
const FONDECYT = 'Fondo Nacional de Desarrollo Científico, Tecnológico y de Innovación Tecnológica'

describe('cerif_perucris: every record of the eight PerúCRIS examples', () => {
  it('is registered under its metadataPrefix', () => {
    expect(formatFor('cerif_perucris')).toBe(cerifPerucris)
  })

  it('maps all 16 records into valid entities of the kind their root names, the record\'s own entity only', () => {
    expect(inputs).toHaveLength(16)
    const kinds = inputs.map((input) => {
      const result = cerifPerucris.map(input)
      if (!result.ok) throw new Error(`${input.oaiIdentifier}: ${result.error}`)
      expect(result.entities).toHaveLength(1)
      expect(validateEntity(result.entities[0]!), input.oaiIdentifier).toEqual([])
      expect(result.entities[0]!.provenance).toEqual([{ sourceId: 'perucris-example', oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp, harvestedAt: input.harvestedAt, metadataPrefix: 'cerif_perucris' }])
      return result.entities[0]!.kind
    })
    expect(kinds).toEqual(['research-output', 'research-output', 'research-output', 'research-output', 'person',
      'organisation', 'organisation', 'organisation', 'organisation', 'organisation', 'project', 'funding', 'funding', 'funding', 'funding', 'equipment'])
  })

  it('no DNI of any fixture appears anywhere in any result (entities, issues, unmapped)', () => {
    const dnis = ENTITIES.flatMap((e) => nationalIdValues(files[e]))
    expect(dnis).toEqual(['10274789', '08755499', '10274587', '08974125', '10274785', '87554992', '07928457', '12870785', '07123450', '28759841'])
    const json = JSON.stringify(inputs.map((i) => cerifPerucris.map(i)))
    for (const dni of dnis) expect(json).not.toContain(dni)
  })

  it('no e-mail address of any fixture (persons, organisation units) appears anywhere in any result', () => {
    const json = JSON.stringify(inputs.map((i) => cerifPerucris.map(i)))
    expect(json).not.toMatch(/mailto:|@[a-z0-9-]+\.[a-z]/i)
  })
})

describe('cerif_perucris: publications', () => {
  it('Publications/1532, a journal article: type, open access, FORD, ORCID and affiliation, licence, language, version, ids', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Publications/1532')
    expect(o.type).toEqual({ uri: 'http://purl.org/coar/resource_type/c_6501', label: 'journal article', original: ['http://purl.org/coar/resource_type/c_6501'] })
    expect(o.accessRight?.uri).toBe(OPEN)
    expect(o.embargoEnd).toBeNull()
    expect(o.ford).toEqual([{ code: '5.01.01', uri: 'https://purl.org/pe-repo/ocde/ford#5.01.01', label: expect.any(String) }])
    expect(o.creators).toEqual([{ name: 'Blumen, Sheyla', orcid: '0000-0002-9960-7413', affiliations: ['Pontificia Universidad Católica del Perú'] }])
    // PerúCRIS's own licence form, CCAttribution(BY-NC-ND/4.0/).
    expect(o.license).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/4.0/', spdx: 'CC-BY-NC-ND-4.0' })
    expect(o.languages).toEqual(['eng'])
    expect(o.version?.uri).toBe('http://purl.org/coar/version/c_970fb48d4fbd8a85')
    expect(o.issued).toBe('2008-03-22')
    expect(o.identifiers).toEqual([
      { type: 'doi', value: '10.1037/0022-3514.66.5.950' },
      { type: 'other', value: 'wos:200814929007' },
      { type: 'url', value: 'http://revistas.pucp.edu.pe/index.php/psicologia/article/view/1138/1099' },
    ])
    expect(o.relations).toEqual([{ type: 'isPartOf', target: '0254-9247', targetType: 'issn' }])
    expect(o.publisher).toBe('Pontificia Universidad Católica del Perú')
    expect(o.keywords.map((k) => k.value)).toEqual(['Motivation', 'Emotional development', 'Psychosocial development', 'Giftedness', 'Talent', 'Social emotional development', 'Poverty conditions'])
    expect(result.unmapped).toEqual(['EndPage', 'Issue', 'StartPage', 'Volume'])
    expect(result.issues).toEqual([])
  })

  it('Publications/2, a thesis: embargo end from Access endDate, FORD, RENATI type and level, advisor and jurors, project funding', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Publications/2')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_7a1f')
    expect(o.accessRight?.uri).toBe(EMBARGOED)
    expect(o.embargoEnd).toBe('2025-01-01')
    expect(o.ford.map((f) => f.code)).toEqual(['2.11.04'])
    expect(o.languages).toEqual(['spa'])
    expect(o.license?.spdx).toBe('CC-BY-NC-ND-4.0')
    expect(o.thesis).toEqual({
      renatiType: { uri: 'https://purl.org/pe-repo/renati/type#tesis', label: expect.any(String) },
      degreeName: 'Ingeniero industrial',
      level: { uri: 'https://purl.org/pe-repo/renati/level#bachiller', label: expect.any(String) },
      disciplineCode: '77885',
      grantor: 'Universidad Peruana de Ciencias Aplicadas. Facultad de Ingeniería',
    })
    expect(o.creators).toEqual([{ name: 'Vallejo Santa María, Helí Jesús' }])
    expect(o.contributors).toEqual([
      { name: 'Gutiérrez González, Martín Eduardo', affiliations: ['Universidad Nacional San Luis Gonzaga'], role: 'advisor' },
      { name: 'Mariátegui Suarez, Miriam Josefina', role: 'juror' },
      { name: 'Lozada Martin, Rubén Jesús', role: 'juror' },
    ])
    expect(o.funding).toEqual([{ funder: FONDECYT, funderId: '10.13039/501100010751', awardNumber: '168-2007', awardTitle: 'Beca para estudios de Ingeniería en la UPC', origin: 'structured' }])
    expect(o.relations).toEqual([{ type: 'isOutputOf', target: '168-2007', targetType: 'award' }])
    expect(o.identifiers).toEqual([{ type: 'handle', value: '10757/273436' }])
    expect(o.landingPage).toBe('http://repositorioacademico.upc.edu.pe/upc/handle/10757/273436')
    expect(o.publisher).toBe('Universidad Peruana de Ciencias Aplicadas')
    expect(result.unmapped).toEqual([])
  })
})

describe('cerif_perucris: a product and a patent', () => {
  it('Products/7123451, a dataset under embargo: end date, licence URL, FORD, DOI, the collection it is part of, its project', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Products/7123451')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_ddb1')
    expect(o.titles).toEqual([{ value: 'Estudio sobre Acoso Sexual Callejero en Lima y Callao 2019', lang: 'es' }])
    expect(o.accessRight?.uri).toBe(EMBARGOED)
    expect(o.embargoEnd).toBe('2022-12-31')
    expect(o.license).toEqual({ uri: 'https://creativecommons.org/licenses/by/4.0/', spdx: 'CC-BY-4.0' })
    expect(o.ford.map((f) => f.code)).toEqual(['5.04.05'])
    expect(o.languages).toEqual(['spa'])
    expect(o.creators.map((c) => c.name)).toEqual(['Sánchez Merino, Sonia Maribel', 'Morris Adrianzen, Carlos Alberto'])
    expect(o.abstracts[0]!.value).toMatch(/^Estudio de Opinión en Lima Metropolitana/)
    expect(o.identifiers).toContainEqual({ type: 'doi', value: '10.15381/pc.v24i1.16559' })
    expect(o.relations).toEqual([
      { type: 'isPartOf', target: '20.500.12534/7IHNLW', targetType: 'handle' },
      // The project is named only by its id: as the OAI identifier its record has in this CRIS.
      { type: 'isOutputOf', target: 'oai:cris.example.org:Projects/112347', targetType: 'other' },
    ])
    expect(result.unmapped).toEqual(['GeneratedBy', 'VersionInfo'])
  })

  it('Patents/712178: patent type, issued on approval, FORD, INDECOPI as publisher, the patent number, the project funding', () => {
    const { result, entity: o } = mapped<ResearchOutput>('oai:cris.example.org:Patents/712178')
    expect(o.type.uri).toBe('http://purl.org/coar/resource_type/c_15cd')
    expect(o.issued).toBe('2012-11-13')
    expect(o.ford.map((f) => f.code)).toEqual(['1.04.03'])
    expect(o.publisher).toBe('Instituto Nacional de Defensa de la Competencia y de la Protección de la Propiedad Intelectual')
    expect(o.publisherCountry).toBe('PE')
    expect(o.identifiers).toContainEqual({ type: 'other', value: 'patent:000056-2010' })
    expect(o.creators).toEqual([{ name: 'Zárate Aguilar, Lizeth María' }, { name: 'Chaco Gómez, Marco Antonio' }])
    expect(o.funding).toEqual([{ funder: FONDECYT, funderId: '10.13039/501100010751', awardNumber: '160-2017', awardTitle: expect.stringMatching(/^Estudio preliminar/), origin: 'structured' }])
    expect(o.relations).toContainEqual({ type: 'other', target: 'patent:000056-2010', targetType: 'other' })
    expect(o.accessRight).toBeNull()
    // The example's ORCID fails its ISO 7064 check digit: reported, not kept.
    expect(result.issues).toEqual([{ path: '/creators/1/orcid', message: expect.stringMatching(/check digit/), value: 'https://orcid.org/0000-0001-7291-6401' }])
    expect(result.unmapped).toEqual(['Holders', 'RegistrationDate', 'Type[@scheme=https://purl.org/pe-repo/indecopi/propiedadIntelectual]'])
  })
})

describe('cerif_perucris: a person and organisation units', () => {
  it('Persons/20181231 passes the allow-list only: name, ORCID, affiliation names', () => {
    const { result, entity: p } = mapped<Person>('oai:cris.example.org:Persons/20181231')
    expect(Object.keys(p).sort()).toEqual(['affiliations', 'id', 'kind', 'name', 'orcid', 'provenance'])
    expect(p).toMatchObject({
      name: 'Mejía García, Telmo Agustín', orcid: '0000-0001-6150-3056',
      affiliations: ['CENTRO DE INVESTIGACION EN NEUROBIOLOGIA CELULAR ROXTEL AREQUIPA - CINC ROXTEL', 'UNIVERSIDAD NACIONAL DE SAN AGUSTIN'],
    })
    expect(result.unmapped).toEqual(['AlternativeScopusAuthorID', 'ElectronicAddress', 'Gender', 'Identifier', 'ResearcherID', 'ScopusAuthorID'])
    expect(JSON.stringify(result)).not.toMatch(/12870785|roxtel\.pe|"m"/)
  })

  it('OrgUnits/349876: name, acronym, RUC, ROR, ISNI and Scopus ids, the first Type, the country of its address', () => {
    const { result, entity: org } = mapped<Organisation>('oai:cris.example.org:OrgUnits/349876')
    expect(org).toMatchObject({
      name: 'Universidad Nacional de Trujillo', acronym: 'UNITRU', country: 'PE',
      identifiers: [
        { type: 'ruc', value: '20172557628' }, { type: 'ror', value: '001b4cb05' },
        { type: 'isni', value: '0000000122239184' }, { type: 'scopus-affiliation-id', value: '60587282' },
      ],
      type: { uri: 'https://purl.org/pe-repo/ocde/sectorInstitucional#ensenanzaSuperior', label: 'ensenanzaSuperior' },
    })
    expect(result.unmapped).toEqual(expect.arrayContaining(['ElectronicAddress', 'PostAddress', 'Subject', 'Type[@scheme=https://purl.org/pe-repo/sunedu/tipoInstitucion]']))
  })

  it('a dependency names its parent by the OAI identifier of the parent\'s record', () => {
    const { entity: org } = mapped<Organisation>('oai:cris.example.org:OrgUnits/349877')
    expect(org.parent).toBe('oai:cris.example.org:OrgUnits/3298975')
    expect(org.type?.uri).toBe('https://purl.org/pe-repo/concytec/tipoSubunidad#unidadDeInvestigacionOInnovacion')
  })
})

describe('cerif_perucris: a project, fundings and equipment', () => {
  it('Projects/112345: titles, award numbers, dates, status, OCDE project type, funder, funding link, OAMandate', () => {
    const { result, entity: p } = mapped<Project>('oai:cris.example.org:Projects/112345')
    expect(p.titles[0]!.value).toMatch(/^Impacto de la pandemia por COVID-19/)
    expect(p.acronym).toBe('COVID-19')
    expect(p.awardNumbers).toEqual(['1498'])
    expect(p.identifiers).toEqual([
      { type: 'project-reference', value: '1498' }, { type: 'handle', value: '20.500.12390/6415' },
      { type: 'url', value: 'http://proyectoscti.concytec.gob.pe/index.php/buscador/ficha_proyecto/2359' },
    ])
    expect(p.start).toBe('2020-11-01')
    expect(p.end).toBe('2021-05-31')
    expect(p.status).toEqual({ uri: 'https://purl.org/pe-repo/concytec/estadoProyecto#activo', label: 'activo' })
    expect(p.type).toEqual({ uri: 'https://purl.org/pe-repo/ocde/tipoProyecto#investigacionBasica', label: 'investigacionBasica' })
    expect(p.funders).toEqual([{ name: 'Institutto Nacional de Salud', acronym: 'INS', identifiers: [{ type: 'ruc', value: '20131263130' }] }])
    expect(p.fundings).toEqual(['oai:cris.example.org:Fundings/612352'])
    expect(p.oaMandate).toEqual({ mandated: true })
    expect(result.unmapped).toEqual(['Keyword', 'ResearchLine', 'Subject', 'Uses', 'geoLocations'])
  })

  it('Projects/112345: team and consortium by role, people through the allow-list, ORCIDs that fail their check reported', () => {
    const { result, entity: p } = mapped<Project>('oai:cris.example.org:Projects/112345')
    expect(p.team).toEqual([
      { name: 'Rojas Jordán, María Claudia', role: 'coordinator' },
      { name: 'Velásquez Incio, Miguel Jordán', affiliations: ['Seguro Social de Salud'], role: 'principalInvestigator' },
      { name: 'Hernández Gutierrez, Margarita Isabel', role: 'contact' },
      { name: 'Dávila Gómez, Juan Ernesto', affiliations: ['Universidad Nacional Mayor de San Marcos'], role: 'member' },
    ])
    expect(p.organisations.map((o) => [o.role, o.acronym ?? o.name, o.identifiers[0]?.value])).toEqual([
      ['partner', 'UNMSM', '20148092282'], ['contractor', 'ESSALUD', '20131257750'],
      ['inkindContributor', 'Instituto Prame', '20601884777'], ['member', 'Instituto Nacional de Salud Preventiva', '20504846286'],
    ])
    expect(result.issues.map((i) => i.path)).toEqual(['/team/1/orcid', '/team/2/orcid'])
  })

  it('Fundings: type, funder with its Crossref Funder ID, award number, amount and currency, OAMandate with its policy, PartOf', () => {
    const programme = mapped<Funding>('oai:cris.example.org:Fundings/875477').entity
    expect(programme).toMatchObject({
      type: { uri: 'https://www.openaire.eu/cerif-profile/vocab/OpenAIRE_Funding_Types#FundingProgramme', label: 'FundingProgramme' },
      funder: { name: FONDECYT, acronym: 'FONDECYT', identifiers: [{ type: 'crossref-funder-id', value: '10.13039/501100010751' }] },
      awardNumber: 'E031',
      oaMandate: { mandated: true, uri: 'https://www.fondecyt.gob.pe/documentos/politica_de_acceso_abierto_Fondecyt.pdf' },
    })
    expect(programme.partOf).toBeUndefined()
    const call = mapped<Funding>('oai:cris.example.org:Fundings/257748').entity
    // `uri=""`: mandated, no policy URI.
    expect(call).toMatchObject({ awardNumber: 'E031-2018-01-NERC', oaMandate: { mandated: true }, partOf: 'oai:cris.example.org:Fundings/875477' })
    expect(call.oaMandate).toEqual({ mandated: true })
    const grant = mapped<Funding>('oai:cris.example.org:Fundings/258471').entity
    expect(grant).toMatchObject({ awardNumber: '007-2019', amount: { value: 149601500, currency: 'PEN' }, partOf: 'oai:cris.example.org:Fundings/257748' })
    expect(grant.type?.label).toBe('Grant')
    const covid = mapped<Funding>('oai:cris.example.org:Fundings/612347')
    expect(covid.entity).toMatchObject({ awardNumber: '075-2020-FONDECYT', amount: { value: 171500, currency: 'PEN' }, oaMandate: { mandated: true } })
    expect(covid.result.unmapped).toEqual(['Acronym', 'Description', 'Duration', 'ExecutedAmount', 'Keyword'])
  })

  it('Equipments/987654: name, type and owner with its RUC', () => {
    const { result, entity: e } = mapped<Equipment>('oai:cris.example.org:Equipments/987654')
    expect(e.name).toEqual([{ value: 'Cromatógrafo de gases con detector de flama o llama', lang: 'es' }])
    expect(e.type).toEqual({ uri: 'https://purl.org/pe-repo/concytec/equipamiento#cromatografos', label: 'cromatografos' })
    expect(e.owner).toEqual({ name: 'Instituto de Investigaciones de la Amazonía Peruana', acronym: 'IIAP', identifiers: [{ type: 'ruc', value: '20450265820' }] })
    expect(result.unmapped).toContain('Funded')
  })
})

describe('cerif_perucris: records that cannot be mapped, and purity', () => {
  afterEach(() => { vi.restoreAllMocks() })
  const thesis = inputs.find((i) => i.oaiIdentifier === 'oai:cris.example.org:Publications/2')!
  const withMetadata = (metadata: string): RawInput => ({ ...thesis, metadata })

  it('a record cut off after a DNI → ok:false with a diagnostic that does not carry the DNI', () => {
    const cut = thesis.metadata.slice(0, thesis.metadata.indexOf('10274789') + 20)
    const result = cerifPerucris.map(withMetadata(cut))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/not well-formed XML/) })
    expect(JSON.stringify(result)).not.toContain('10274789')
  })

  it('a root that is none of the eight entities → ok:false naming it', () => {
    const result = cerifPerucris.map(withMetadata('<Event xmlns="https://purl.org/pe-repo/cerif-profile/1.0/" id="Events/1"><Name>Congreso</Name></Event>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/<Event>.*expected one of Publication, Product, Patent, Person, OrgUnit, Project, Funding, Equipment/) })
  })

  it('an OpenAIRE CRIS record given as cerif_perucris → ok:false naming the namespace', () => {
    const result = cerifPerucris.map(withMetadata('<Person xmlns="https://www.openaire.eu/cerif-profile/1.1/" id="1"/>'))
    expect(result).toEqual({ ok: false, error: expect.stringMatching(/namespace https:\/\/www\.openaire\.eu\/cerif-profile\/1\.1\//) })
  })

  it('every record maps to deep-equal output twice, with no clock or randomness, leaving the input untouched', () => {
    const now = vi.spyOn(Date, 'now')
    const random = vi.spyOn(Math, 'random')
    for (const input of inputs) {
      const frozen = Object.freeze({ ...input })
      const first = cerifPerucris.map(frozen)
      expect(cerifPerucris.map(frozen)).toEqual(first)
      expect(frozen.metadata).toBe(input.metadata)
    }
    expect(now).not.toHaveBeenCalled()
    expect(random).not.toHaveBeenCalled()
  })
})
