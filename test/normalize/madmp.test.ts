// The madmp input format on the three real RDA examples and two maDMPs written from the docs (1.0, Peruvian 1.2):
// version detection and upgrade, explicit fields, schema issues that never stop the mapping, no e-mail anywhere.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DataManagementPlan, MappingResult } from '../../src/model/index.ts'
import { formatFor } from '../../src/normalize/index.ts'
import { madmp, mapMadmp } from '../../src/normalize/madmp.ts'
import { detectVersion } from '../../src/normalize/madmp/detect-version.ts'
import { validatesAs12 } from '../../src/normalize/madmp/input-schema.ts'
import { upgradeTo12 } from '../../src/normalize/madmp/upgrade.ts'
import { normalizeAward } from '../../src/normalize/cluster/dedup-keys.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { sharedFixtures } from '../support/fixtures.ts'

const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const real = (name: string) => readFileSync(`${sharedFixtures}madmp/${name}`, 'utf8')
const written = (name: string) => readFileSync(`${fromDocs}${name}`, 'utf8')

const fixtures = {
  minimal: real('ex8-dmp-minimal-content.json'),
  long: real('ex9-dmp-long.json'),
  embargo: real('ex4-dataset-embargo.json'),
  v10: written('a maDMP 1.0 with a funded project and a grant id.json'),
  peru: written('a Peruvian maDMP 1.2 for a PROCIENCIA-funded project with CSV and XLSX datasets and an embargo.json'),
}

function input(metadata: string, identifier = '10.0000/00.0.1234'): RawInput {
  return {
    sourceId: 'pgd-test', oaiIdentifier: identifier, datestamp: '2024-01-01T00:00:00Z', harvestedAt: '2024-01-02T03:04:05Z',
    metadataPrefix: 'madmp', metadata,
  }
}

function plan(result: MappingResult): DataManagementPlan {
  if (!result.ok) throw new Error(result.error)
  expect(result.entities).toHaveLength(1)
  return result.entities[0] as DataManagementPlan
}

function mapped(metadata: string) {
  const result = mapMadmp(input(metadata))
  if (!result.ok) throw new Error(result.error)
  return { result, dmp: plan(result), messages: result.issues.map((i) => `${i.path} ${i.message}`) }
}

const edit = (text: string, change: (doc: { dmp: Record<string, any> } & Record<string, any>) => void) => {
  const doc = JSON.parse(text)
  change(doc)
  return JSON.stringify(doc)
}

afterEach(() => { vi.useRealTimers() })

describe('the madmp format is registered', () => {
  it('under its prefix, and the vendored schemas are the ones in ../shared, byte for byte', () => {
    expect(formatFor('madmp')).toBe(madmp)
    const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex')
    const vendored = fileURLToPath(new URL('../../schemas/vendor/madmp/', import.meta.url))
    for (const v of ['1.1', '1.2']) {
      expect(sha(`${vendored}${v}/maDMP-schema-${v}.json`)).toBe(sha(`${sharedFixtures}madmp/JSON-schema/${v}/maDMP-schema-${v}.json`))
    }
  })
})

describe('version detection and upgrade', () => {
  const parse = (text: string) => JSON.parse(text) as Record<string, unknown>

  it('reads the version a document declares: $schema (RDA examples), dmp.schema (DMPRoadmap), a media type', () => {
    expect(detectVersion(parse(fixtures.minimal), validatesAs12)).toEqual({ version: '1.2', declared: true })
    expect(detectVersion(parse(fixtures.v10), validatesAs12)).toEqual({ version: '1.0', declared: true })
    expect(detectVersion({ $schema: 'application/vnd.org.rd-alliance.dmp-common.v1.1+json', dmp: {} }, validatesAs12)).toEqual({ version: '1.1', declared: true })
  })

  it('without a declaration: 1.2 when it validates as 1.2 or uses 1.2 fields, else 1.1 (1.0 cannot be told apart)', () => {
    const undeclared = (text: string) => { const d = parse(text); delete d.$schema; delete (d.dmp as Record<string, unknown>).schema; return d }
    expect(detectVersion(undeclared(fixtures.minimal), validatesAs12)).toEqual({ version: '1.2', declared: false })
    // The 1.0 document has zone-less date-times, which 1.2 rejects, and no 1.2-only field.
    expect(detectVersion(undeclared(fixtures.v10), validatesAs12)).toEqual({ version: '1.1', declared: false })
    // contact_id as an array exists only since 1.2, even in a document 1.2 rejects.
    const arrays = undeclared(fixtures.v10)
    ;(arrays.dmp as any).contact.contact_id = [(arrays.dmp as any).contact.contact_id]
    expect(detectVersion(arrays, validatesAs12)).toEqual({ version: '1.2', declared: false })
    const { dmp, messages } = mapped(JSON.stringify(undeclared(fixtures.minimal)))
    expect(dmp.sourceVersion).toBe('1.2')
    expect(messages).toContain('/ no version declared: read as maDMP 1.2')
  })

  it('upgrades 1.0 to the 1.2 shape without touching its input, and says what it changed', () => {
    const doc = parse(fixtures.v10)
    const before = JSON.stringify(doc)
    const upgraded = upgradeTo12(doc)
    expect(JSON.stringify(doc)).toBe(before)
    const dmp = upgraded.doc.dmp as any
    expect(dmp.created).toBe('2021-03-02T14:05:00Z')
    expect(dmp.modified).toBe('2021-06-15T09:30:00Z')
    expect(dmp.contact.affiliation).toEqual([expect.objectContaining({ name: 'Universidad Nacional de Huancavelica' })])
    expect(dmp.project[0].funding[0].funder_name).toMatch(/^Fondo Nacional de Desarrollo Científico/)
    expect(dmp.project[0].funding[0].name).toBeUndefined()
    expect(upgraded.changes).toEqual([
      '/dmp/created: no time zone, read as UTC (1.2 requires one)',
      '/dmp/modified: no time zone, read as UTC (1.2 requires one)',
      '/dmp/contact/affiliation: one object made an array (1.2)',
      '/dmp/project/0/funding/0/name: read as funder_name',
    ])
  })
})

describe('the real RDA examples (maDMP 1.2)', () => {
  it('ex8, the minimal DMP: title, dmp_id, contact, one dataset, and no schema violation', () => {
    const { dmp, messages, result } = mapped(fixtures.minimal)
    expect(dmp).toMatchObject({
      id: 'dmp:pgd-test:10.0000/00.0.1234', kind: 'dmp', title: 'Minimal DMP', language: 'eng', sourceVersion: '1.2',
      created: '2018-07-23T10:10:23Z', modified: '2019-02-06T15:30:42Z', ethical_issues_exist: 'unknown',
      dmp_id: { identifier: '10.0000/00.0.1234', type: 'doi' }, project: [],
    })
    expect(dmp.dataset).toEqual([{ title: 'Placeholder dataset', dataset_id: { identifier: '10.0000/00.0.5678', type: 'doi' }, personal_data: 'unknown', sensitive_data: 'unknown' }])
    // 0000-0000-0000-0000 fails the ORCID check digit: the name stays, the identifier does not.
    expect(dmp.contact).toEqual({ name: 'Charlie Chaplin' })
    expect(messages).toEqual(['/dmp/contact/contact_id an ORCID whose check digit fails is not published'])
    expect(result.unmapped).toEqual([])
  })

  it('ex4, the embargo: a CSV distribution whose licence starts two years after the dataset is issued', () => {
    const { dmp, result } = mapped(fixtures.embargo)
    const [dataset] = dmp.dataset
    expect(dataset).toMatchObject({ title: 'Cool data', issued: '2019-06-30', dataset_id: { identifier: '10.5281/zenodo.1200361', type: 'doi' } })
    expect(dataset!.distribution).toEqual([{
      title: 'Raw data', format: ['text/csv'], byte_size: 100000, data_access: 'open', available_until: '2029-01-30',
      license: [{ license_ref: 'https://creativecommons.org/licenses/by/4.0/', start_date: '2021-06-30' }],
    }])
    expect(dataset!.distribution![0]!.license![0]!.start_date! > dataset!.issued!).toBe(true)
    expect(result.unmapped).toEqual(['dmp.dataset[].distribution[].description'])
  })

  it('ex9, the long DMP: contributors, the openEO project and its grant, three datasets and their hosts', () => {
    const { dmp, messages, result } = mapped(fixtures.long)
    expect(dmp.title).toBe('DMP for our new project')
    expect(dmp.contact).toEqual({ name: 'John Smith', id: { identifier: 'https://www.tiss.tuwien.ac.at/person/2351952424', type: 'other' } })
    expect(dmp.contributor).toEqual([
      { name: 'Leo Messi', role: ['ProjectLeader'] },
      { name: 'Robert Lewandowski', id: { identifier: '0000-0002-4929-7875', type: 'orcid' }, role: ['ContactPerson', 'DataManager'] },
      { name: 'Cristiano Ronaldo', id: { identifier: 'https://www.tiss.tuwien.ac.at/person/305962565', type: 'other' }, role: ['DataCurator'] },
    ])
    const [project] = dmp.project
    expect(project).toMatchObject({
      title: expect.stringMatching(/^openEO - a common, open source interface/), start: '2017-10-01', end: '2020-09-30',
      project_id: [{ identifier: 'https://tiss.tuwien.ac.at/api/pdb/rest/project/v3/1428966', type: 'http-pdb' }],
    })
    // The example's funder_id has an empty identifier: the funding keeps its name and grant, without a funder id.
    expect(project!.funding).toEqual([{ funder_name: 'European Commission - Framework Programme', grant_id: { identifier: 'EO-2-2017', type: 'other' } }])
    expect(messages).toContain('/dmp/project/0/funding/0/funder_id an identifier without a value is left out')
    expect(dmp.dataset.map((d) => [d.title, d.personal_data, d.sensitive_data])).toEqual([
      ['Client application', 'no', 'no'], ['Image collection', 'no', 'yes'], ['Interviews', 'yes', 'no'],
    ])
    expect(dmp.dataset.map((d) => d.distribution?.map((x) => [x.data_access, x.format ?? [], x.license?.map((l) => l.start_date) ?? []]))).toEqual([
      [['open', [], ['2020-09-30']]], [['closed', [], []]], [['open', ['audio/mpeg'], ['2021-01-01']]],
    ])
    expect(dmp.dataset[2]!.distribution![0]!.host).toEqual({ title: 'Zenodo', url: 'https://www.re3data.org/repository/r3d100010468', pid_system: ['doi'] })
    expect(result.unmapped).toEqual(expect.arrayContaining(['dmp.ethical_issues_report', 'dmp.dataset[].distribution[].host.description', 'dmp.dataset[].distribution[].license[].license_name']))
  })
})

describe('written from the docs', () => {
  it('a maDMP 1.0 exported by DMPRoadmap: upgraded, its grant id cleaned, its DNI-valued contributor id dropped', () => {
    const { dmp, messages, result } = mapped(fixtures.v10)
    expect(dmp).toMatchObject({
      title: 'Plan de gestión de datos: diversidad genética de la papa nativa en Huancavelica', language: 'spa', sourceVersion: '1.0',
      created: '2021-03-02T14:05:00Z', modified: '2021-06-15T09:30:00Z',
      dmp_id: { identifier: 'https://dmp.ejemplo.edu.pe/plans/48213', type: 'url' },
      contact: {
        name: 'María Quispe Huamán', id: { identifier: '0000-0002-1825-0097', type: 'orcid' },
        affiliation: [{ name: 'Universidad Nacional de Huancavelica', affiliation_id: { identifier: 'https://www.unh.edu.pe/', type: 'url' } }],
      },
      contributor: [{ name: 'José Mamani Condori', role: ['http://credit.niso.org/contributor-roles/investigation'] }],
    })
    expect(dmp.project).toEqual([{
      title: 'Diversidad genética y conservación in situ de la papa nativa en Huancavelica',
      description: 'Caracterización molecular de 120 accesiones de papa nativa.', start: '2020-01-15', end: '2022-12-31',
      funding: [{
        funder_id: { identifier: 'https://www.fondecyt.gob.pe/', type: 'url' },
        funder_name: 'Fondo Nacional de Desarrollo Científico, Tecnológico y de Innovación Tecnológica (FONDECYT)',
        funding_status: 'granted', grant_id: { identifier: '112-2019-FONDECYT', type: 'other' },
      }],
    }])
    // The grant id is the key to the project: with or without its "Contrato N°" label it is one award.
    expect(normalizeAward(dmp.project[0]!.funding![0]!.grant_id!.identifier)).toBe(normalizeAward('Contrato N° 112-2019-FONDECYT'))
    expect(dmp.dataset[0]).toMatchObject({
      dataset_id: { identifier: '10.99999/unh.papa.2022.001', type: 'doi' }, issued: '2022-12-31', language: 'spa',
      distribution: [{ format: ['text/csv'], data_access: 'open', license: [{ license_ref: 'https://creativecommons.org/licenses/by/4.0/', start_date: '2022-12-31' }] }],
    })
    expect(messages).toEqual([
      // The 1.0 schema's own example date-time ("2019-03-13 13:13") is not RFC 3339: reported, then upgraded.
      '/dmp/created maDMP 1.1 schema: must match format "date-time"',
      '/dmp/modified maDMP 1.1 schema: must match format "date-time"',
      '/dmp/created upgraded from 1.0: no time zone, read as UTC (1.2 requires one)',
      '/dmp/modified upgraded from 1.0: no time zone, read as UTC (1.2 requires one)',
      '/dmp/contact/affiliation upgraded from 1.0: one object made an array (1.2)',
      '/dmp/project/0/funding/0/name upgraded from 1.0: read as funder_name',
      '/dmp/contributor/0/contributor_id an identifier that looks like a national identity number is not published',
    ])
    expect(result.unmapped).toEqual(['dmp.contact.affiliation[].abbreviation', 'dmp.dmproadmap_template', 'dmp.ethical_issues_description', 'dmp.extensions[]'])
  })

  it('a 1.0 document without what 1.0 requires gets maDMP 1.0 issues, and is still mapped', () => {
    const { dmp, messages } = mapped(edit(fixtures.v10, (d) => { delete d.dmp.project[0].end; delete d.dmp.project[0].funding[0].grant_id }))
    expect(messages).toEqual(expect.arrayContaining([
      "/dmp/project/0 maDMP 1.0: must have required property 'end'",
      "/dmp/project/0/funding/0 maDMP 1.0: must have required property 'grant_id'",
    ]))
    expect(dmp.project[0]!.funding![0]).not.toHaveProperty('grant_id')
  })

  it('a Peruvian maDMP 1.2: PROCIENCIA grant, a CSV and an XLSX dataset, an embargoed distribution, no schema violation', () => {
    const { dmp, messages, result } = mapped(fixtures.peru)
    expect(dmp).toMatchObject({
      title: 'Plan de gestión de datos del proyecto «Calidad del agua del río Rímac y salud infantil en Lima Metropolitana»',
      language: 'spa', sourceVersion: '1.2', ethical_issues_exist: 'yes',
      // -05:00 (Lima) to UTC.
      created: '2022-09-05T15:00:00Z', modified: '2023-03-20T21:45:12Z',
      dmp_id: { identifier: '10.99999/pgd.prociencia.2022.0042', type: 'doi' },
      contact: { name: 'Rosa Elena Huamaní Torres', id: { identifier: '0000-0002-1825-0097', type: 'orcid' } },
    })
    expect(dmp.project[0]!.funding).toEqual([{
      funder_id: { identifier: 'https://prociencia.gob.pe/', type: 'url' },
      funder_name: 'Programa Nacional de Investigación Científica y Estudios Avanzados (PROCIENCIA)',
      funding_status: 'granted', grant_id: { identifier: 'PE501078563-2022', type: 'other' },
    }])
    expect(normalizeAward(dmp.project[0]!.funding![0]!.grant_id!.identifier)).toBe(normalizeAward('contrato PE501078563-2022'))
    const [water, survey] = dmp.dataset
    expect(water!.distribution![0]).toMatchObject({ format: ['text/csv'], byte_size: 5242880, license: [{ license_ref: 'https://creativecommons.org/licenses/by/4.0/', start_date: '2024-10-31' }] })
    expect(survey!.distribution![0]).toMatchObject({
      format: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], data_access: 'open', available_until: '2035-12-31',
      license: [{ license_ref: 'https://creativecommons.org/licenses/by-nc/4.0/', start_date: '2027-03-31' }],
    })
    // The embargo (maDMP FAQ): the licence starts two years after the dataset is issued.
    expect(survey!.issued).toBe('2025-03-31')
    expect(survey!.distribution![0]!.license![0]!.start_date! > survey!.issued!).toBe(true)
    expect(survey).toMatchObject({ personal_data: 'yes', sensitive_data: 'yes' })
    // The contributors keep their names; an e-mail, a DNI and a broken ORCID used as identifiers are all dropped.
    expect(dmp.contributor).toEqual([{ name: 'Jorge Luis Pérez Salazar', role: ['DataManager'] }, { name: 'Lucía Ccori Apaza', role: ['DataCollector'] }])
    expect(messages).toEqual([
      '/dmp/contributor/0/contributor_id an e-mail address used as an identifier is not published',
      '/dmp/contributor/1/contributor_id/0 an identifier that looks like a national identity number is not published',
      '/dmp/contributor/1/contributor_id/1 an ORCID whose check digit fails is not published',
    ])
    expect(result.unmapped).toEqual(['dmp.dataset[].distribution[].issued', 'dmp.dataset[].security_and_privacy[]', 'dmp.ethical_issues_description'])
  })
})

describe('schema violations are reported, and what can be mapped still is', () => {
  it('paths and messages from the official schema, never the offending value', () => {
    const broken = edit(fixtures.minimal, (d) => {
      d.dmp.contact.mbox = 'Charlie <charlie.secret@studio.example>'
      d.dmp.dataset[0].personal_data = 'maybe'
      delete d.dmp.ethical_issues_exist
      d.dmp.language = 'xx'
    })
    const { dmp, result } = mapped(broken)
    expect(result.issues.filter((i) => i.message.startsWith('maDMP 1.2 schema'))).toEqual(expect.arrayContaining([
      { path: '/dmp', message: "maDMP 1.2 schema: must have required property 'ethical_issues_exist'" },
      { path: '/dmp/contact/mbox', message: 'maDMP 1.2 schema: must match format "email"' },
      { path: '/dmp/dataset/0/personal_data', message: 'maDMP 1.2 schema: must be equal to one of the allowed values: yes, no, unknown' },
      { path: '/dmp/language', message: 'maDMP 1.2 schema: must be equal to one of the allowed values: a code from the list' },
    ]))
    expect(dmp).toMatchObject({ title: 'Minimal DMP', language: 'und', ethical_issues_exist: 'unknown' })
    expect(dmp.dataset[0]!.personal_data).toBe('unknown')
    expect(validateEntity(dmp)).toEqual([])
    expect(JSON.stringify(result)).not.toContain('charlie.secret')
  })

  it('text that is not JSON, or JSON that is not a maDMP, is refused with a reason that quotes nothing', () => {
    const cut = '{"dmp": {"title": "x", "contact": {"mbox": "someone@private.example", "name"'
    const refused = mapMadmp(input(cut))
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^the metadata is not valid JSON at line 1, column \d+/) })
    expect(JSON.stringify(refused)).not.toContain('someone@private.example')
    expect(mapMadmp(input('{"title": "a plan without its dmp wrapper"}'))).toEqual({ ok: false, error: 'not a maDMP document: no top-level "dmp" object' })
  })
})

describe('every output, over every fixture', () => {
  const all = Object.entries(fixtures)

  it('passes validateEntity', () => {
    for (const [name, text] of all) expect(validateEntity(plan(mapMadmp(input(text)))), name).toEqual([])
  })

  it('carries no e-mail address, and no national identity number, from the fixture anywhere in the result', () => {
    for (const [name, text] of all) {
      const emails = [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => m[0])
      expect(emails.length, name).toBeGreaterThan(0)
      const json = JSON.stringify(mapMadmp(input(text)))
      for (const email of emails) expect(json, `${name}: ${email}`).not.toContain(email)
      expect(json).not.toContain('@')
      for (const dni of ['41234567', '45879632']) expect(json).not.toContain(dni)
    }
  })

  it('is pure: the same text gives the same result whatever the clock says, and the input is not touched', () => {
    for (const [name, text] of all) {
      const raw = input(text)
      const frozen = JSON.stringify(raw)
      vi.useFakeTimers({ toFake: ['Date'] })
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'))
      const first = mapMadmp(raw)
      vi.setSystemTime(new Date('2049-12-31T23:59:59Z'))
      const second = mapMadmp(raw)
      vi.useRealTimers()
      expect(second, name).toEqual(first)
      expect(JSON.stringify(raw)).toBe(frozen)
    }
  })
})
