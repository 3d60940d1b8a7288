// ALICIA 2.1 dc.rights and OpenAIRE v4 datacite:rights take one of four access levels (COAR Access Rights); LA Referencia's
// validator asks for exactly one dc:rights among them (anchors-mission §2.5). Without it nobody can tell open from closed.
import { accessRight } from '../../vocab/index.ts'
import { defineRule } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// oai_openaire reports an access term it could not translate under the pointer, and a file's accessRightsURI under oaire:file.
const UNREAD_ACCESS = { path: /^\/accessRight$/, message: /not a COAR access right/i }
const UNREAD_FILE_ACCESS = { path: /^oaire:file$/i, message: /accessRightsURI is not a COAR access right/i }

export default defineRule({
  id: 'access-right-in-coar-vocabulary',
  severity: 'warning',
  sets: ['vocabulary'],
  references: [
    { kind: 'alicia', element: 'dc.rights' },
    { kind: 'openaire', field: 'datacite:rights' },
    { kind: 'vocabulary', vocabulary: 'COAR Access Rights' },
  ],
  message: {
    es: 'Un valor de dc.rights no es uno de los cuatro niveles de acceso (COAR Access Rights): el registro no dice de forma legible si es abierto, embargado, restringido o cerrado.',
    en: 'A dc.rights value is not one of the four access levels (COAR Access Rights): the record does not say in a readable way whether it is open, embargoed, restricted or closed.',
  },
  fix: {
    es: 'Reemplace el valor de dc.rights por el término, p. ej. «info:eu-repo/semantics/openAccess» en lugar de «Disponible en línea»; una licencia va en dc.rights.uri y una explicación de la restricción puede quedar como texto aparte.',
    en: 'Replace the dc.rights value with the term, e.g. "info:eu-repo/semantics/openAccess" instead of "Disponible en línea"; a licence goes in dc.rights.uri and an explanation of a restriction may stay as separate text.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    // With an access level found, other unreadable dc:rights texts are statements (conditions, institutional terms), not attempts.
    // With no readable access level, access-right-missing reports the element with these values.
    if (!record.accessRight) return hitAt('/files', issuesOf(issues, UNREAD_FILE_ACCESS))
    const attempts = issuesOf(issues, UNREAD_ACCESS)
    const offVocabulary = record.accessRight && !accessRight(record.accessRight.uri) ? [record.accessRight.uri] : []
    return [...hitAt('/accessRight', attempts, offVocabulary), ...hitAt('/files', issuesOf(issues, UNREAD_FILE_ACCESS))]
  }),
})
