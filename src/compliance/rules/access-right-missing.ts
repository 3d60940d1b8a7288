// ALICIA 2.1 dc.rights (the access level) and OpenAIRE v4 Access Rights (datacite:rights, a COAR URI) are mandatory for
// every record: without it an aggregator cannot tell an open work from a closed one.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// oai_dc reports an unreadable dc:rights under its field name, oai_openaire under the pointer, DSpace under the field.
const SOURCE_FIELDS = /^(?:\/accessRight|dc[:.]rights(?:\.accessrights)?|datacite\.rights)$/i

export default defineRule({
  id: 'access-right-missing',
  severity: 'error',
  sets: ['alicia', 'openaire'],
  references: [{ kind: 'alicia', element: 'dc.rights' }, { kind: 'openaire', field: 'datacite:rights' }],
  message: {
    es: 'El registro no tiene nivel de acceso (dc.rights), o el valor no es uno de los cuatro términos de acceso.',
    en: 'The record has no access level (dc.rights), or the value is not one of the four access terms.',
  },
  fix: {
    es: 'Llene dc.rights con el término de acceso, p. ej. «info:eu-repo/semantics/openAccess» (o …/embargoedAccess, …/restrictedAccess, …/closedAccess; en OpenAIRE, el COAR «http://purl.org/coar/access_right/c_abf2»); la licencia va aparte, en dc.rights.uri.',
    en: 'Fill dc.rights with the access term, e.g. "info:eu-repo/semantics/openAccess" (or …/embargoedAccess, …/restrictedAccess, …/closedAccess; in OpenAIRE, COAR "http://purl.org/coar/access_right/c_abf2"); the licence goes separately, in dc.rights.uri.',
  },
  appliesTo: isResearchOutput,
  check: (entity, { issues }) => {
    if (!isResearchOutput(entity) || entity.accessRight) return []
    const unread = issues.filter((i) => i.value && SOURCE_FIELDS.test(i.path)).map((i) => i.value!)
    return [{ path: '/accessRight', values: [...new Set(unread)] }]
  },
})
