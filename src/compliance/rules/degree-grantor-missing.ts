// ALICIA 2.1 thesis.degree.grantor is mandatory for theses: the official name of the institution (and unit) granting the degree.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'degree-grantor-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'thesis.degree.grantor' }],
  message: {
    es: 'La tesis no indica la institución que otorga el grado o título (thesis.degree.grantor).',
    en: 'The thesis does not name the institution granting the degree (thesis.degree.grantor).',
  },
  fix: {
    es: 'Llene thesis.degree.grantor con el nombre oficial de la institución y de la unidad que otorga el grado, p. ej. «Universidad Peruana de Ciencias Aplicadas (UPC). Escuela de Postgrado».',
    en: 'Fill thesis.degree.grantor with the official name of the institution and unit granting the degree, e.g. "Universidad Peruana de Ciencias Aplicadas (UPC). Escuela de Postgrado".',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.thesis?.grantor?.trim() ? [{ path: '/thesis/grantor', values: [] }] : [],
})
