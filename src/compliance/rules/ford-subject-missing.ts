// ALICIA 2.1 dc.subject.ocde is mandatory for every record, "conforme al vocabulario establecido" (OCDE FORD): it is how
// CONCYTEC counts production by field of science.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// A FORD code the vocabulary lacks: reported by pointer (oai_dc, oai_openaire) or by field (DSpace formats).
const SOURCE_FIELDS = /^(?:\/ford|dc\.subject\.ocde|datacite\.subjects?\.subject)$/i

export default defineRule({
  id: 'ford-subject-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.subject.ocde' }],
  message: {
    es: 'El registro no tiene clasificación OCDE FORD (dc.subject.ocde), o el código no está en el vocabulario.',
    en: 'The record has no OCDE FORD classification (dc.subject.ocde), or the code is not in the vocabulary.',
  },
  fix: {
    es: 'Llene dc.subject.ocde con la URI del campo OCDE FORD, p. ej. «https://purl.org/pe-repo/ocde/ford#5.02.04» (Negocios, Administración).',
    en: 'Fill dc.subject.ocde with the OCDE FORD URI, e.g. "https://purl.org/pe-repo/ocde/ford#5.02.04" (Business and Management).',
  },
  appliesTo: isResearchOutput,
  check: (entity, { issues }) => {
    if (!isResearchOutput(entity) || entity.ford.length > 0) return []
    const unread = issues.filter((i) => i.value && SOURCE_FIELDS.test(i.path)).map((i) => i.value!)
    return [{ path: '/ford', values: [...new Set(unread)] }]
  },
})
