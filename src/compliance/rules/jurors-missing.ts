// ALICIA 2.1 renati.juror is mandatory for theses: RENATI registers the jury that approved the work, one value per juror.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'jurors-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'renati.juror' }],
  message: {
    es: 'La tesis no tiene jurados (renati.juror).',
    en: 'The thesis has no jurors (renati.juror).',
  },
  fix: {
    es: 'Agregue un renati.juror por miembro del jurado, en la forma «Apellidos, Nombres», p. ej. «Paredes Soto, Ana Lucía».',
    en: 'Add one renati.juror per member of the jury, written "Surnames, Given names", e.g. "Paredes Soto, Ana Lucía".',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.contributors.some((c) => c.role === 'juror') ? [{ path: '/contributors', values: [] }] : [],
})
