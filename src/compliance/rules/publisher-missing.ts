// ALICIA 2.1 dc.publisher is mandatory for every record: the entity responsible for the work (for a thesis, the university).
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'publisher-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.publisher' }],
  message: {
    es: 'El registro no indica la entidad responsable de la publicación (dc.publisher).',
    en: 'The record does not name the entity responsible for publishing it (dc.publisher).',
  },
  fix: {
    es: 'Llene dc.publisher con el nombre de la entidad responsable; en una tesis, la universidad, p. ej. «Pontificia Universidad Católica del Perú».',
    en: 'Fill dc.publisher with the name of the responsible entity; for a thesis, the university, e.g. "Pontificia Universidad Católica del Perú".',
  },
  appliesTo: isResearchOutput,
  check: (entity) =>
    isResearchOutput(entity) && !entity.publisher?.trim() ? [{ path: '/publisher', values: [] }] : [],
})
