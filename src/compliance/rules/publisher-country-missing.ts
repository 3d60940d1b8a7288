// ALICIA 2.1 dc.publisher.country is mandatory for theses: the country code of the granting institution, `PE`.
// oai_dc carries it too (DSpace flattens it into a second dc:publisher), so every thesis copy is judged.
import { defineRule } from '../types.ts'
import { isThesis } from './record-scope.ts'

export default defineRule({
  id: 'publisher-country-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'alicia', element: 'dc.publisher.country' }],
  message: {
    es: 'La tesis no indica el país de publicación (dc.publisher.country), o el valor no es un código de país de dos letras.',
    en: 'The thesis does not state the country of publication (dc.publisher.country), or the value is not a two-letter country code.',
  },
  fix: {
    es: 'Llene dc.publisher.country con el código ISO 3166-1 de dos letras del país de la institución, p. ej. «PE» para el Perú.',
    en: 'Fill dc.publisher.country with the two-letter ISO 3166-1 code of the institution\'s country, e.g. "PE" for Peru.',
  },
  appliesTo: isThesis,
  check: (entity, { issues }) => {
    if (!isThesis(entity) || entity.publisherCountry) return []
    const unread = issues.filter((i) => i.value && /^dc\.publisher\.country$/i.test(i.path)).map((i) => i.value!)
    return [{ path: '/publisherCountry', values: [...new Set(unread)] }]
  },
})
