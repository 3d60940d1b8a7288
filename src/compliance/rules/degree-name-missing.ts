// ALICIA 2.1 thesis.degree.name is mandatory for theses: the exact degree or title granted, as RENATI registers it.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'degree-name-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'thesis.degree.name' }],
  message: {
    es: 'La tesis no indica la denominación del grado o título (thesis.degree.name).',
    en: 'The thesis does not give the name of the degree (thesis.degree.name).',
  },
  fix: {
    es: 'Llene thesis.degree.name con la denominación que otorga la universidad, p. ej. «Maestro en Ciencias Administrativas».',
    en: 'Fill thesis.degree.name with the degree as the university grants it, e.g. "Maestro en Ciencias Administrativas".',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.thesis?.degreeName?.trim() ? [{ path: '/thesis/degreeName', values: [] }] : [],
})
