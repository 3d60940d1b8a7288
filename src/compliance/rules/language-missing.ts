// ALICIA 2.1 dc.language.iso is mandatory for every record, "conforme al vocabulario" (ISO 639).
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

const SOURCE_FIELDS = /^(?:\/languages|dc\.language(?:\.iso)?)$/i

export default defineRule({
  id: 'language-missing',
  severity: 'error',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.language.iso' }],
  message: {
    es: 'El registro no indica el idioma (dc.language.iso), o el valor no es un código ISO 639.',
    en: 'The record does not state its language (dc.language.iso), or the value is not an ISO 639 code.',
  },
  fix: {
    es: 'Llene dc.language.iso con el código ISO 639-3 del idioma del texto, p. ej. «spa» para español o «eng» para inglés.',
    en: 'Fill dc.language.iso with the ISO 639-3 code of the language of the text, e.g. "spa" for Spanish or "eng" for English.',
  },
  appliesTo: isResearchOutput,
  check: (entity, { issues }) => {
    if (!isResearchOutput(entity) || entity.languages.length > 0) return []
    const unread = issues.filter((i) => i.value && SOURCE_FIELDS.test(i.path)).map((i) => i.value!)
    return [{ path: '/languages', values: [...new Set(unread)] }]
  },
})
