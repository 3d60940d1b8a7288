// ALICIA 2.1 dc.identifier.isbn identifies a book or a chapter's book; the ISBN check digit (mod 11 for ISBN-10,
// mod 10 for ISBN-13) exists to catch mistyped numbers, which would name another book or none.
import { normalizeIsbn } from '../../normalize/shared/identifiers.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// An ISBN the mappers had to drop: DSpace dc.identifier.isbn "not a valid ISBN"; LA Referencia's datacite "not a ISBN identifier".
const DROPPED_ISBN = { path: /./, message: /^not an? (?:valid )?ISBN(?:-1[03])?(?: identifier)?$/i }

export default defineRule({
  id: 'isbn-check-digit',
  severity: 'warning',
  sets: ['identifiers'],
  references: [{ kind: 'alicia', element: 'dc.identifier.isbn' }, { kind: 'identifier', scheme: 'ISBN' }],
  message: {
    es: 'Un ISBN del registro no supera el dígito de control: está mal escrito y no identifica el libro.',
    en: 'An ISBN of the record fails its check digit: it is mistyped and does not identify the book.',
  },
  fix: {
    es: 'Corrija dc.identifier.isbn copiando el ISBN de la página legal del libro, p. ej. «978-612-4146-11-4».',
    en: "Correct dc.identifier.isbn by copying the ISBN from the book's copyright page, e.g. \"978-612-4146-11-4\".",
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const hits: RuleHit[] = []
    // An ISBN-10 is kept as ISBN-13 with a recomputed check digit, so the mapper's valid:false is what remembers the mistake.
    record.identifiers.forEach((id, i) => {
      if (id.type === 'isbn' && (id.valid === false || normalizeIsbn(id.value)?.valid === false)) hits.push({ path: `/identifiers/${i}`, values: [id.value] })
    })
    return [...hits, ...hitAt('/identifiers', issuesOf(issues, DROPPED_ISBN))]
  }),
})
