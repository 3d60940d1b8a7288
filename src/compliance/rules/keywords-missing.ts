// ALICIA 2.1 dc.subject (keywords) is recommended for every record; for theses it is mandatory (thesis-keywords-missing).
import { defineRule } from '../types.ts'
import { isResearchOutput, isThesis } from './record-scope.ts'

export default defineRule({
  id: 'keywords-missing',
  severity: 'warning',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.subject' }],
  message: {
    es: 'El registro no tiene palabras clave (dc.subject); son recomendadas para que el trabajo se encuentre por tema.',
    en: 'The record has no keywords (dc.subject); they are recommended so the work can be found by topic.',
  },
  fix: {
    es: 'Agregue un dc.subject por palabra clave, p. ej. «Riesgo de crédito» y «Sistema financiero».',
    en: 'Add one dc.subject per keyword, e.g. "Riesgo de crédito" and "Sistema financiero".',
  },
  appliesTo: (entity) => isResearchOutput(entity) && !isThesis(entity),
  check: (entity) =>
    isResearchOutput(entity) && !entity.keywords.some((k) => k.value.trim()) ? [{ path: '/keywords', values: [] }] : [],
})
