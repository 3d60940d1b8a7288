// Creative Commons in every form repositories write it -> canonical URI and SPDX id; access levels are not licences.
import { describe, expect, it } from 'vitest'
import { license } from '../../src/vocab/index.ts'

const BY_NC_SA_4 = { uri: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', spdx: 'CC-BY-NC-SA-4.0' }

describe('license', () => {
  it('reads one CC licence from every URL form: http, https, no trailing slash, deed, legalcode', () => {
    for (const v of [
      'https://creativecommons.org/licenses/by-nc-sa/4.0/', 'http://creativecommons.org/licenses/by-nc-sa/4.0/',
      'https://creativecommons.org/licenses/by-nc-sa/4.0', 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.es',
      'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.es_ES', 'http://creativecommons.org/licenses/by-nc-sa/4.0/legalcode',
      'https://creativecommons.org/licenses/by-nc-sa/4.0/legalcode.es', 'http://www.creativecommons.org/licenses/by-nc-sa/4.0/',
      ' <https://creativecommons.org/licenses/by-nc-sa/4.0/> ',
    ]) expect(license(v), v).toEqual(BY_NC_SA_4)
  })

  it('reads free-text codes and names', () => {
    expect(license('CC BY 4.0')).toEqual({ uri: 'https://creativecommons.org/licenses/by/4.0/', spdx: 'CC-BY-4.0' })
    expect(license('CC-BY-NC-SA-4.0')).toEqual(BY_NC_SA_4)
    expect(license('Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International')).toEqual(BY_NC_SA_4)
    expect(license('Atribución-NoComercial-CompartirIgual 4.0 Internacional')).toEqual(BY_NC_SA_4)
    expect(license('CCAttribution(BY-NC-ND/4.0/)')).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc-nd/4.0/', spdx: 'CC-BY-NC-ND-4.0' })
  })

  it('keeps national ports apart from the unported licence: SPDX id only where SPDX lists the port', () => {
    expect(license('http://creativecommons.org/licenses/by/2.5/pe/')).toEqual({ uri: 'https://creativecommons.org/licenses/by/2.5/pe/', spdx: null })
    expect(license('Atribución 2.5 Perú')).toEqual({ uri: 'https://creativecommons.org/licenses/by/2.5/pe/', spdx: null })
    expect(license('https://creativecommons.org/licenses/by/2.5/')).toEqual({ uri: 'https://creativecommons.org/licenses/by/2.5/', spdx: 'CC-BY-2.5' })
    expect(license('https://creativecommons.org/licenses/by-sa/3.0/de/')).toEqual({ uri: 'https://creativecommons.org/licenses/by-sa/3.0/de/', spdx: 'CC-BY-SA-3.0-DE' })
    expect(license('https://creativecommons.org/licenses/by-nc-nd/3.0/igo/')?.spdx).toBe('CC-BY-NC-ND-3.0-IGO')
  })

  it('recognises version-less mentions without inventing a version', () => {
    expect(license('https://creativecommons.org/licenses/by-nc/')).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc/', spdx: null })
    expect(license('Licencia Creative Commons – Reconocimiento (CC BY)')).toEqual({ uri: 'https://creativecommons.org/licenses/by/', spdx: null })
    expect(license('Creative Commons Attribution‐NonCommercial')).toEqual({ uri: 'https://creativecommons.org/licenses/by-nc/', spdx: null })
  })

  it('knows CC0, the Public Domain Mark and a few non-CC licences', () => {
    expect(license('https://creativecommons.org/publicdomain/zero/1.0/legalcode')).toEqual({ uri: 'https://creativecommons.org/publicdomain/zero/1.0/', spdx: 'CC0-1.0' })
    expect(license('CC0')?.spdx).toBe('CC0-1.0')
    expect(license('http://opensource.org/licenses/mit-license.php')).toEqual({ uri: 'https://opensource.org/licenses/MIT', spdx: 'MIT' })
  })

  it('does not take access levels, errors or prose for licences', () => {
    for (const v of [
      'info:eu-repo/semantics/openAccess', 'http://purl.org/coar/access_right/c_abf2', 'Acceso abierto',
      'An error occurred on the license name.', 'Licensed by the author under Creative Commons', 'Creative Commons',
      'https://creativecommons.org/licenses/xx/4.0/', 'https://creativecommons.org/licenses/by/9.0/', 'Atribución al autor original del trabajo',
    ]) expect(license(v), v).toBeNull()
  })
})
