// ALICIA 2.1 dc.contributor.author is mandatory for every record: the work must say who wrote it.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'author-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.contributor.author' }],
  message: {
    es: 'El registro no tiene autor (dc.contributor.author).',
    en: 'The record has no author (dc.contributor.author).',
  },
  fix: {
    es: 'Agregue un dc.contributor.author por autor, en la forma «Apellidos, Nombres», p. ej. «Quispe Salazar, Maria Elizabeth».',
    en: 'Add one dc.contributor.author per author, written "Surnames, Given names", e.g. "Quispe Salazar, Maria Elizabeth".',
  },
  appliesTo: isResearchOutput,
  check: (entity) =>
    isResearchOutput(entity) && !entity.creators.some((c) => c.name.trim()) ? [{ path: '/creators', values: [] }] : [],
})
