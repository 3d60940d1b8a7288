// ALICIA 2.1 dc.subject is "obligatorio para trabajos conducentes a grados o títulos": mandatory for theses.
import { defineRule } from '../types.ts'
import { isThesis } from './record-scope.ts'

export default defineRule({
  id: 'thesis-keywords-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'alicia', element: 'dc.subject' }],
  message: {
    es: 'La tesis no tiene palabras clave (dc.subject), obligatorias en los trabajos conducentes a grado o título.',
    en: 'The thesis has no keywords (dc.subject), which are mandatory for works leading to a degree.',
  },
  fix: {
    es: 'Agregue un dc.subject por palabra clave de la tesis, p. ej. «Riesgo de crédito» y «Sistema financiero».',
    en: 'Add one dc.subject per keyword of the thesis, e.g. "Riesgo de crédito" and "Sistema financiero".',
  },
  appliesTo: isThesis,
  check: (entity) =>
    isThesis(entity) && !entity.keywords.some((k) => k.value.trim()) ? [{ path: '/keywords', values: [] }] : [],
})
