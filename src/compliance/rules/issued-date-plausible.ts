// ALICIA 2.1 dc.date.issued is the publication date. LA Referencia's DynamicYearRange validator accepts a year within
// now − 100 … now + 2 by default (anchors-mission §3.4); redcti is looser on the past (1900: digitised older works are
// deposited too) and stricter on the future (one year: a date set for an issue in press). Date-dependent.
import { defineRule } from '../types.ts'
import { firstDay, isPartialDate, yearsAfter } from './quality-dates.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const EARLIEST_YEAR = '1900'
const MAX_YEARS_AHEAD = 1

export default defineRule({
  id: 'issued-date-plausible',
  severity: 'warning',
  sets: ['dates'],
  references: [{ kind: 'alicia', element: 'dc.date.issued' }, { kind: 'openaire', field: 'datacite:date (dateType="Issued")' }],
  message: {
    es: 'La fecha de publicación (dc.date.issued) no es verosímil: es anterior a 1900 o está más de un año en el futuro.',
    en: 'The publication date (dc.date.issued) is not plausible: it is before 1900 or more than a year in the future.',
  },
  fix: {
    es: 'Corrija dc.date.issued con la fecha en que se publicó o sustentó el trabajo, p. ej. «2019» en lugar de «2091» o «1019»; la fecha de ingreso al repositorio va en dc.date.accessioned, no aquí.',
    en: 'Correct dc.date.issued with the date the work was published or defended, e.g. "2019" instead of "2091" or "1019"; the date of deposit goes in dc.date.accessioned, not here.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { today }) => {
    const issued = record.issued
    if (!issued || !isPartialDate(issued)) return []
    const tooEarly = issued.slice(0, 4) < EARLIEST_YEAR
    const tooLate = firstDay(issued) > yearsAfter(today, MAX_YEARS_AHEAD)
    return tooEarly || tooLate ? [{ path: '/issued', values: [issued] }] : []
  }),
})
