// ALICIA 2.1 dc.identifier.isbn is mandatory if applicable for books: a warning, since the record cannot show whether
// the book was given an ISBN at all.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

const BOOK = 'http://purl.org/coar/resource_type/c_2f33'

export default defineRule({
  id: 'book-isbn-missing',
  severity: 'warning',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.identifier.isbn' }],
  message: {
    es: 'El libro no tiene ISBN (dc.identifier.isbn), obligatorio cuando el libro lo tiene.',
    en: 'The book has no ISBN (dc.identifier.isbn), which is mandatory when the book has one.',
  },
  fix: {
    es: 'Llene dc.identifier.isbn con el ISBN que figura en la página de créditos del libro, p. ej. «978-950-34-0705-9».',
    en: 'Fill dc.identifier.isbn with the ISBN printed on the book\'s copyright page, e.g. "978-950-34-0705-9".',
  },
  appliesTo: (entity) => isResearchOutput(entity) && entity.type.uri === BOOK,
  check: (entity) =>
    isResearchOutput(entity) && !entity.identifiers.some((i) => i.type === 'isbn') ? [{ path: '/identifiers', values: [] }] : [],
})
