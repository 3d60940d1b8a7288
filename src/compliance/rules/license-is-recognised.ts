// ALICIA 2.1 dc.rights.uri states the licence condition as a licence URI: a reader (and a machine) must know what reuse
// is allowed. A text no licence table recognises, or a Creative Commons licence without its version, does not say it.
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// DSpace dc.rights.uri and LA Referencia's oaire.licenseCondition: "licence not recognised"; oai_openaire: "not a licence we recognise".
const UNREAD_LICENCE = {
  path: /^(?:\/license|dc\.rights\.uri|oaire\.licensecondition)$/i,
  message: /^(?:licence not recognised|not a licence we recognise)$/i,
}

/**
 * "CC BY" without a version: the mapper keeps `https://creativecommons.org/licenses/by/` with no SPDX id, since the
 * terms differ from version to version. A country port (`…/by-nc-nd/2.5/pe/`) also has no SPDX id, and rightly:
 * SPDX lists few ports, and PUCP's theses carry the Peruvian 2.5 ports.
 */
const CC_WITHOUT_VERSION = /^https?:\/\/creativecommons\.org\/licenses\/[a-z-]+\/$/

export default defineRule({
  id: 'license-is-recognised',
  severity: 'warning',
  sets: ['vocabulary'],
  references: [
    { kind: 'alicia', element: 'dc.rights.uri' },
    { kind: 'openaire', field: 'oaire:licenseCondition' },
    { kind: 'vocabulary', vocabulary: 'Creative Commons licence URIs and SPDX' },
  ],
  message: {
    es: 'La licencia (dc.rights.uri) no es una URI de licencia reconocible, o es una licencia Creative Commons sin versión: no queda claro qué usos se permiten.',
    en: 'The licence (dc.rights.uri) is not a recognisable licence URI, or it is a Creative Commons licence without a version: which uses are allowed is unclear.',
  },
  fix: {
    es: 'Escriba en dc.rights.uri la URI completa de la licencia con su versión, p. ej. «https://creativecommons.org/licenses/by/4.0/» o «https://creativecommons.org/licenses/by-nc-nd/2.5/pe/», y quite de dc.rights los textos de error de DSpace como «An error occurred getting the license - uri.».',
    en: 'Write the full licence URI with its version in dc.rights.uri, e.g. "https://creativecommons.org/licenses/by/4.0/" or "https://creativecommons.org/licenses/by-nc-nd/2.5/pe/", and remove DSpace error texts such as "An error occurred getting the license - uri." from dc.rights.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    // With no readable licence, license-missing reports the element with these values.
    const hits: RuleHit[] = record.license ? hitAt('/license', issuesOf(issues, UNREAD_LICENCE)) : []
    if (record.license && record.license.spdx === null && CC_WITHOUT_VERSION.test(record.license.uri)) {
      hits.push({ path: '/license/uri', values: [record.license.uri] })
    }
    return hits
  }),
})
