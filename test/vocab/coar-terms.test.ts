// info:eu-repo, free text and COAR URIs map to the COAR types, access rights and versions of the research note §2.4.
import { describe, expect, it } from 'vitest'
import derived from '../../data/vocab/coar-resource-types.json' with { type: 'json' }
import curated from '../../data/vocab/type-translations.json' with { type: 'json' }
import { accessRight, perucrisTypeLists, resourceType, version } from '../../src/vocab/index.ts'

const RT = 'http://purl.org/coar/resource_type/'
const AR = 'http://purl.org/coar/access_right/'
const V = 'http://purl.org/coar/version/'

describe('resourceType', () => {
  it('maps the info:eu-repo types as the ALICIA installer does', () => {
    const expected: Record<string, string> = {
      bachelorThesis: 'c_7a1f', masterThesis: 'c_bdcc', doctoralThesis: 'c_db06', article: 'c_6501', book: 'c_2f33',
      bookPart: 'c_3248', report: 'c_93fc', conferenceObject: 'c_c94f', workingPaper: 'c_8042', other: 'c_1843',
    }
    for (const [term, id] of Object.entries(expected)) {
      expect(resourceType(`info:eu-repo/semantics/${term}`)?.uri, term).toBe(`${RT}${id}`)
    }
  })

  it('agrees with every info:eu-repo exactMatch COAR declares in the PerúCRIS XSD', () => {
    const declared = Object.entries(derived.concepts).filter(([, c]) => c.infoEuRepo)
    expect(declared.length).toBeGreaterThan(10)
    for (const [uri, c] of declared) expect(resourceType(`info:eu-repo/semantics/${c.infoEuRepo}`)?.uri, c.infoEuRepo!).toBe(uri)
  })

  it('points every curated translation at a COAR concept it can label', () => {
    const targets = [...Object.values(curated.infoEuRepo), ...Object.values(curated.text)]
    for (const uri of targets) expect(resourceType(uri)?.uri, uri).toBe(uri)
  })

  it('reads the legacy Peruvian prefix, DSpace free text and COAR URIs in both schemes', () => {
    expect(resourceType('info:pe-repo/semantics/masterThesis')?.uri).toBe(`${RT}c_bdcc`)
    expect(resourceType('Tesis')?.uri).toBe(`${RT}c_46ec`)
    expect(resourceType('Artículo')?.uri).toBe(`${RT}c_6501`)
    expect(resourceType('articulo')?.uri).toBe(`${RT}c_6501`)
    expect(resourceType('Thesis')?.uri).toBe(`${RT}c_46ec`)
    expect(resourceType('Article')?.uri).toBe(`${RT}c_6501`)
    expect(resourceType('Trabajo de investigación')?.uri).toBe(`${RT}c_46ec`)
    expect(resourceType('Dataset')?.uri).toBe(`${RT}c_ddb1`)
    expect(resourceType('Data management plan')).toMatchObject({ uri: `${RT}c_ab20`, label: 'data management plan' })
    expect(resourceType('Plan de gestión de datos')?.uri).toBe(`${RT}c_ab20`)
    expect(resourceType('https://purl.org/coar/resource_type/c_7a1f/')?.uri).toBe(`${RT}c_7a1f`)
  })

  it('labels in English (as OpenAIRE v4 writes it) and keeps the original', () => {
    expect(resourceType(' info:eu-repo/semantics/bachelorThesis ')).toEqual({
      uri: `${RT}c_7a1f`, label: 'bachelor thesis', labelEs: 'proyecto fin de carrera', original: ' info:eu-repo/semantics/bachelorThesis ',
    })
  })

  it('gives null for unknown terms, versions and access levels', () => {
    for (const v of ['info:eu-repo/semantics/unknownThing', 'info:eu-repo/semantics/publishedVersion', 'info:eu-repo/semantics/openAccess', 'http://purl.org/coar/resource_type/c_zzzz', 'Missing']) {
      expect(resourceType(v), v).toBeNull()
    }
  })

  it('says which PerúCRIS CERIF list a type belongs to', () => {
    expect(perucrisTypeLists(`${RT}c_6501`)).toEqual(['publication'])
    expect(perucrisTypeLists(`${RT}c_ddb1`)).toEqual(['product'])
    expect(perucrisTypeLists(`${RT}c_15cd`)).toEqual(['patent'])
  })
})

describe('accessRight', () => {
  it('maps the info:eu-repo access levels as the research note says', () => {
    const expected: Record<string, string> = { openAccess: 'c_abf2', embargoedAccess: 'c_f1cf', restrictedAccess: 'c_16ec', closedAccess: 'c_14cb' }
    for (const [term, id] of Object.entries(expected)) expect(accessRight(`info:eu-repo/semantics/${term}`)?.uri, term).toBe(`${AR}${id}`)
  })

  it('translates the free text repositories use, as LA Referencia does', () => {
    const expected: Record<string, string> = {
      'Acceso Abierto': 'c_abf2', 'acceso abierto': 'c_abf2', 'open acess': 'c_abf2', 'openAccess': 'c_abf2', 'Open Access': 'c_abf2',
      'embargo': 'c_f1cf', 'Acceso restringido': 'c_16ec', 'acesso aberto': 'c_abf2', 'restrito': 'c_16ec', 'fechado': 'c_14cb',
      'info:eu-repo/semantics/openAcces': 'c_abf2',
    }
    for (const [text, id] of Object.entries(expected)) expect(accessRight(text)?.uri, text).toBe(`${AR}${id}`)
  })

  it('accepts COAR URIs in http and https and labels them', () => {
    expect(accessRight('https://purl.org/coar/access_right/c_abf2')).toEqual({ uri: `${AR}c_abf2`, label: 'open access', labelEs: 'acceso abierto' })
    expect(accessRight('http://purl.org/coar/access_right/c_f1cf')?.uri).toBe(`${AR}c_f1cf`)
  })

  it('does not take licences for access levels', () => {
    expect(accessRight('https://creativecommons.org/licenses/by/4.0/')).toBeNull()
    expect(accessRight('Atribución 2.5 Perú')).toBeNull()
  })
})

describe('version', () => {
  it('maps the info:eu-repo versions to COAR', () => {
    const expected: Record<string, string> = {
      draft: 'c_b1a7d7d4d402bcce', submittedVersion: 'c_71e4c1898caa6e32', acceptedVersion: 'c_ab4af688f83e57aa',
      publishedVersion: 'c_970fb48d4fbd8a85', updatedVersion: 'c_e19f295774971610',
    }
    for (const [term, id] of Object.entries(expected)) expect(version(`info:eu-repo/semantics/${term}`)?.uri, term).toBe(`${V}${id}`)
  })

  it('reads COAR abbreviations, JAV names and URIs', () => {
    expect(version('VoR')).toEqual({ uri: `${V}c_970fb48d4fbd8a85`, label: 'VoR', labelEs: 'versión publicada' })
    expect(version('Accepted Manuscript')?.uri).toBe(`${V}c_ab4af688f83e57aa`)
    expect(version('https://purl.org/coar/version/c_be7fb7dd8ff6fe43')?.uri).toBe(`${V}c_be7fb7dd8ff6fe43`)
    expect(version('info:eu-repo/semantics/article')).toBeNull()
  })
})
