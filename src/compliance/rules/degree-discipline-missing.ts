// ALICIA 2.1 thesis.degree.discipline is mandatory for theses: the name of the study programme the degree belongs to.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'degree-discipline-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'thesis.degree.discipline' }],
  message: {
    es: 'La tesis no indica el programa de estudios (thesis.degree.discipline).',
    en: 'The thesis does not name its study programme (thesis.degree.discipline).',
  },
  fix: {
    es: 'Llene thesis.degree.discipline con el nombre del programa de estudios, p. ej. «Ciencias Administrativas»; su código va en renati.discipline.',
    en: 'Fill thesis.degree.discipline with the name of the study programme, e.g. "Ciencias Administrativas"; its code goes in renati.discipline.',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.thesis?.discipline?.trim() ? [{ path: '/thesis/discipline', values: [] }] : [],
})
