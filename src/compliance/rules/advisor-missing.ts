// ALICIA 2.1 dc.contributor.advisor is mandatory for theses: RENATI registers who supervised each work leading to a degree.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'advisor-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'alicia', element: 'dc.contributor.advisor' }],
  message: {
    es: 'La tesis no tiene asesor (dc.contributor.advisor).',
    en: 'The thesis has no advisor (dc.contributor.advisor).',
  },
  fix: {
    es: 'Llene dc.contributor.advisor con el asesor en la forma «Apellidos, Nombres», p. ej. «Castillo Romero, Jorge Luis», y su ORCID en renati.advisor.orcid.',
    en: 'Fill dc.contributor.advisor with the advisor, written "Surnames, Given names", e.g. "Castillo Romero, Jorge Luis", and their ORCID in renati.advisor.orcid.',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) =>
    isThesisWithRenati(entity) && !entity.contributors.some((c) => c.role === 'advisor')
      ? [{ path: '/contributors', values: [] }]
      : [],
})
