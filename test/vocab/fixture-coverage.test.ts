// Every type, rights, language, FORD, RENATI and identifier-scheme value in the real fixtures maps to a term.
import { describe, expect, it } from 'vitest'
import {
  accessRight, identifierScheme, isNationalIdScheme, language, license, lookupFord, renatiLevel, renatiType,
  resourceType, rightsStatement, version,
} from '../../src/vocab/index.ts'
import { fixtureFiles, fixtureValues, type Kind } from './fixture-values.ts'

const found = fixtureValues()

const maps: Record<Kind, (value: string) => boolean> = {
  // dc:type also carries the version (OpenAIRE v3 publishedVersion; COAR "VoR"/"NA" in LA Referencia xoai).
  'type': (v) => Boolean(resourceType(v) ?? version(v)),
  // dc:rights carries the access level, the licence (URI or name), and sometimes neither (rights-statements.json).
  'rights': (v) => Boolean(accessRight(v) ?? license(v) ?? rightsStatement(v)),
  'language': (v) => language(v) !== null,
  'renati-type': (v) => renatiType(v) !== null,
  'renati-level': (v) => renatiLevel(v) !== null,
  'ford': (v) => lookupFord(v) !== null,
  'identifier-scheme': (v) => identifierScheme(v) !== null,
}

describe('the values the real fixtures carry', () => {
  it('were all read: every fixture file contributes, and the known values are there', () => {
    const files = new Set([...Object.values(found)].flatMap((m) => [...m.values()].flatMap((s) => [...s])))
    const expected = [
      fixtureFiles.pucpCsv, fixtureFiles.alicia, ...fixtureFiles.dublinCore, ...fixtureFiles.openaire, ...fixtureFiles.xoai,
      'oai/real/perucris-guidelines-example-cerif-publication.xml', 'oai/real/perucris-guidelines-example-cerif-product.xml',
      'oai/real/perucris-guidelines-example-cerif-patent.xml', ...fixtureFiles.madmp,
    ]
    expect(expected.filter((f) => !files.has(f))).toEqual([])
    expect([...found.type.keys()]).toEqual(expect.arrayContaining([
      'info:eu-repo/semantics/bachelorThesis', 'tesis de grado', 'tesis de maestría', 'info:ar-repo/semantics/artículo', 'Jornada', 'NA',
    ]))
    expect([...found.rights.keys()]).toEqual(expect.arrayContaining([
      'info:eu-repo/semantics/closedAccess', 'Atribución 2.5 Perú', 'http://creativecommons.org/licenses/by-nc-nd/2.5/pe/',
      'acceso abierto', 'An error occurred on the license name.', 'CCAttribution(BY-NC-ND/4.0/)',
    ]))
    expect([...found.language.keys()]).toEqual(expect.arrayContaining(['spa', 'eng', 'español', 'es_PE', 'und', 'por', 'sp']))
    expect([...found.ford.keys()].filter((v) => v.startsWith('http://')).length).toBeGreaterThan(0)
    // The PUCP CSV alone has 17 distinct dc:rights values (oai/real/PROVENANCE.md).
    expect([...found.rights.values()].filter((s) => s.has(fixtureFiles.pucpCsv)).length).toBe(17)
  })

  for (const kind of Object.keys(maps) as Kind[]) {
    it(`leave no ${kind} value unmapped`, () => {
      const unmapped = [...found[kind]].filter(([v]) => !maps[kind](v)).map(([v, files]) => `${JSON.stringify(v)}  (${[...files].join(', ')})`)
      expect(unmapped, `unmapped ${kind} values:\n${unmapped.join('\n')}`).toEqual([])
    })
  }

  it('map to the terms they mean', () => {
    expect(resourceType('tesis de grado')?.uri).toBe('http://purl.org/coar/resource_type/c_7a1f')
    expect(resourceType('tesis de maestría')?.uri).toBe('http://purl.org/coar/resource_type/c_bdcc')
    expect(resourceType('info:ar-repo/semantics/parte de libro')?.uri).toBe('http://purl.org/coar/resource_type/c_3248')
    expect(resourceType('Jornada')?.uri).toBe('http://purl.org/coar/resource_type/c_c94f')
    expect(version('NA')?.uri).toBe('http://purl.org/coar/version/c_be7fb7dd8ff6fe43')
    expect(accessRight('acceso abierto')?.uri).toBe('http://purl.org/coar/access_right/c_abf2')
    expect(license('Atribución-NoComercial-SinDerivadas 2.5 Perú')).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/2.5/pe/', spdx: null })
    expect(license('Atribución-NoComercial-CompartirIgual 2.5 Argentina (CC BY-NC-SA 2.5 AR)')?.uri).toBe('https://creativecommons.org/licenses/by-nc-sa/2.5/ar/')
    expect(rightsStatement('An error occurred getting the license - uri.')?.kind).toBe('placeholder')
    expect(language('español')).toBe('spa')
    expect(language('und')).toBe('und')
    expect(isNationalIdScheme('http://purl.org/pe-repo/concytec/terminos#dni')).toBe(true)
    expect(isNationalIdScheme('https://purl.org/pe-repo/concytec/terminos#ruc')).toBe(false)
  })
})
