// ALICIA 2.1 dc.description.abstract is mandatory for every record: it is what a reader and a search engine judge the work by.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

export default defineRule({
  id: 'abstract-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.description.abstract' }],
  message: {
    es: 'El registro no tiene resumen (dc.description.abstract).',
    en: 'The record has no abstract (dc.description.abstract).',
  },
  fix: {
    es: 'Llene dc.description.abstract con el resumen del trabajo; un resumen en otro idioma va como otro valor con su idioma, p. ej. «en».',
    en: 'Fill dc.description.abstract with the abstract of the work; an abstract in another language goes in a further value with its language, e.g. "en".',
  },
  appliesTo: isResearchOutput,
  check: (entity) =>
    isResearchOutput(entity) && !entity.abstracts.some((a) => a.value.trim()) ? [{ path: '/abstracts', values: [] }] : [],
})
