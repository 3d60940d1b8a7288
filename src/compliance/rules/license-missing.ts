// ALICIA 2.1 dc.rights.uri (the licence condition) is mandatory for every record: a reader must know what reuse is allowed.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// oai_dc flattens dc.rights.uri into dc:rights, and DSpace sites put licences in dc.rights too: an unreadable value
// there may be the broken licence (real PUCP record 20.500.12404/22787: "An error occurred getting the license - uri.").
const SOURCE_FIELDS = /^(?:\/license|dc[:.]rights(?:\.uri)?|oaire\.licensecondition(?:\..+)?)$/i

export default defineRule({
  id: 'license-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.rights.uri' }],
  message: {
    es: 'El registro no tiene condición de licencia (dc.rights.uri), o el valor no es una licencia reconocible.',
    en: 'The record has no licence condition (dc.rights.uri), or the value is not a licence we recognise.',
  },
  fix: {
    es: 'Llene dc.rights.uri con la URI de la licencia, p. ej. «https://creativecommons.org/licenses/by/4.0/»; el nivel de acceso va aparte, en dc.rights.',
    en: 'Fill dc.rights.uri with the licence URI, e.g. "https://creativecommons.org/licenses/by/4.0/"; the access level goes separately, in dc.rights.',
  },
  appliesTo: isResearchOutput,
  check: (entity, { issues }) => {
    if (!isResearchOutput(entity) || entity.license) return []
    const unread = issues.filter((i) => i.value && SOURCE_FIELDS.test(i.path)).map((i) => i.value!)
    return [{ path: '/license', values: [...new Set(unread)] }]
  },
})
