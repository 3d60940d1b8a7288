// ALICIA 2.1 dc.title and OpenAIRE v4 datacite:title are mandatory for every record: without a title nothing lists or cites it.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'title-missing',
  severity: 'error',
  sets: ['alicia', 'openaire'],
  references: [{ kind: 'alicia', element: 'dc.title' }, { kind: 'openaire', field: 'datacite:title' }],
  message: {
    es: 'El registro no tiene título (dc.title).',
    en: 'The record has no title (dc.title).',
  },
  fix: {
    es: 'Llene dc.title con el título tal como figura en la portada del trabajo, p. ej. «Plan de negocio para crear una central de riesgo crediticio».',
    en: 'Fill dc.title with the title as printed on the title page, e.g. "Plan de negocio para crear una central de riesgo crediticio".',
  },
  appliesTo: isResearchOutput,
  check: (entity) =>
    isResearchOutput(entity) && !entity.titles.some((t) => t.value.trim()) ? [{ path: '/titles', values: [] }] : [],
})
