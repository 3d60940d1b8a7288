// ALICIA 2.1 renati.discipline ("código del programa") is mandatory for theses: the INEI programme code RENATI files
// the degree under.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'renati-discipline-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'renati.discipline' }],
  message: {
    es: 'La tesis no tiene el código del programa de estudios (renati.discipline).',
    en: 'The thesis has no study programme code (renati.discipline).',
  },
  fix: {
    es: 'Llene renati.discipline con el código del programa en el clasificador del INEI, p. ej. «412077» o «https://purl.org/pe-repo/inei/cpesutpt#412077».',
    en: 'Fill renati.discipline with the programme\'s code in INEI\'s classification, e.g. "412077" or "https://purl.org/pe-repo/inei/cpesutpt#412077".',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.thesis?.disciplineCode?.trim() ? [{ path: '/thesis/disciplineCode', values: [] }] : [],
})
