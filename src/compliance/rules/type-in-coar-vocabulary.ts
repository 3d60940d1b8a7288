// ALICIA 2.1 dc.type takes a term of a controlled list (info:eu-repo, now COAR), and LA Referencia's validator rejects a
// dc:type off its list (anchors-mission §2.5): a value the vocabulary does not know is one no aggregator can classify.
import { defineRule } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// How the mappers word a type they could not translate: oai_dc "not a COAR resource type or a term we translate",
// oai_openaire "not a COAR resource type", DSpace dc.type and LA Referencia's oaire.resourceType "resource type not recognised".
const UNREAD_TYPE = { path: /^(?:\/type|dc\.type|oaire\.resourcetype)$/i, message: /not a COAR resource type|resource type not recognised/i }

export default defineRule({
  id: 'type-in-coar-vocabulary',
  severity: 'warning',
  sets: ['vocabulary'],
  references: [
    { kind: 'alicia', element: 'dc.type' },
    { kind: 'openaire', field: 'oaire:resourceType' },
    { kind: 'vocabulary', vocabulary: 'COAR Resource Types' },
  ],
  message: {
    es: 'Un valor de dc.type no corresponde a ningún tipo de recurso COAR ni a un término info:eu-repo: LA Referencia rechaza un dc.type fuera de su lista controlada.',
    en: 'A dc.type value matches no COAR resource type and no info:eu-repo term: LA Referencia rejects a dc.type off its controlled list.',
  },
  fix: {
    es: 'Reemplace el valor de dc.type por el término del vocabulario, p. ej. «info:eu-repo/semantics/bachelorThesis» (COAR «http://purl.org/coar/resource_type/c_7a1f») en lugar de «Tesis de licenciatura».',
    en: 'Replace the dc.type value with the vocabulary term, e.g. "info:eu-repo/semantics/bachelorThesis" (COAR "http://purl.org/coar/resource_type/c_7a1f") instead of "Tesis de licenciatura".',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    // With no readable type at all, resource-type-missing reports the element with these values (one finding, one fix);
    // this rule reports the extra values that could not be read beside a type that could.
    if (record.type.uri === null) return []
    return hitAt('/type', issuesOf(issues, UNREAD_TYPE))
  }),
})
