// ALICIA 2.1 dates (dc.date.issued, dc.date.embargoEnd) are W3CDTF: LA Referencia's validator accepts `YYYY`,
// `YYYY-MM`, `YYYY-MM-DD` or a full timestamp and nothing else (anchors-mission §2.5); "10/05/2023" or "s.f." is lost.
import { defineRule } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isPartialDate } from './quality-dates.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// oai_dc: "dc:date is not a W3CDTF date" at /issued (DSpace flattens every dc.date.* into dc:date) and "embargo end is
// not a YYYY-MM-DD date" at /embargoEnd; oai_openaire: "datacite:date … is not an ISO 8601 date"; DSpace: "not a date"
// under dc.date.issued or dc.date.embargoEnd; LA Referencia's datacite dates: "not a date" under datacite.dates.date.*.
const UNREAD_ISSUED = {
  path: /^(?:\/issued|dc\.date\.issued|datacite\.dates?\.date(?:\.(?:issued|accepted))?)$/i,
  message: /not an? (?:W3CDTF |ISO 8601 )?date/i,
}
const UNREAD_EMBARGO_END = {
  path: /^(?:\/embargoEnd|dc\.date\.embargoend|datacite\.dates?\.date\.available)$/i,
  message: /not an? (?:YYYY-MM-DD )?date/i,
}

export default defineRule({
  id: 'dates-well-formed',
  severity: 'warning',
  sets: ['dates'],
  references: [{ kind: 'alicia', element: 'dc.date.issued' }, { kind: 'alicia', element: 'dc.date.embargoEnd' }],
  message: {
    es: 'Una fecha del registro (dc.date.issued o dc.date.embargoEnd) no está en formato AAAA, AAAA-MM o AAAA-MM-DD y no se puede leer.',
    en: 'A date of the record (dc.date.issued or dc.date.embargoEnd) is not written as YYYY, YYYY-MM or YYYY-MM-DD and cannot be read.',
  },
  fix: {
    es: 'Escriba la fecha de dc.date.issued o dc.date.embargoEnd en formato W3CDTF, p. ej. «2023-05-10» en lugar de «10/05/2023», o «2023» si solo se conoce el año.',
    en: 'Write the dc.date.issued or dc.date.embargoEnd date in W3CDTF, e.g. "2023-05-10" instead of "10/05/2023", or "2023" when only the year is known.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const { issued, embargoEnd } = record
    return [
      // With no readable issued date, issued-date-missing reports the element with these values.
      ...(issued ? hitAt('/issued', issuesOf(issues, UNREAD_ISSUED), !isPartialDate(issued) ? [issued] : []) : []),
      ...hitAt('/embargoEnd', issuesOf(issues, UNREAD_EMBARGO_END), embargoEnd && !isPartialDate(embargoEnd) ? [embargoEnd] : []),
    ]
  }),
})
