// ALICIA 2.1 asks for dc.date.embargoEnd on embargoed records; on a record marked otherwise the date contradicts
// dc.rights: either the files are embargoed and dc.rights says wrong, or the date is left over. A lifted embargo
// (open access, end date passed) keeps its date in DSpace, and that is no contradiction. Date-dependent.
import { defineRule } from '../types.ts'
import { isPartialDate, lastDay } from './quality-dates.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'
const OPEN = 'http://purl.org/coar/access_right/c_abf2'

export default defineRule({
  id: 'embargo-end-without-embargo',
  severity: 'info',
  sets: ['embargo'],
  references: [{ kind: 'alicia', element: 'dc.date.embargoEnd' }, { kind: 'alicia', element: 'dc.rights' }],
  message: {
    es: 'El registro tiene fecha de fin de embargo (dc.date.embargoEnd) pero dc.rights no lo marca como embargado.',
    en: 'The record has an embargo end date (dc.date.embargoEnd) but dc.rights does not mark it as embargoed.',
  },
  fix: {
    es: 'Si los archivos están embargados, ponga «info:eu-repo/semantics/embargoedAccess» en dc.rights; si no, borre la fecha de dc.date.embargoEnd (p. ej. «2030-01-01») que quedó de un embargo anterior.',
    en: 'If the files are embargoed, put "info:eu-repo/semantics/embargoedAccess" in dc.rights; if not, delete the dc.date.embargoEnd date (e.g. "2030-01-01") left from an earlier embargo.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { today }) => {
    const end = record.embargoEnd
    const access = record.accessRight?.uri
    // No access level at all is access-right-missing's finding, not a contradiction.
    if (!end || !access || access === EMBARGOED) return []
    if (access === OPEN && isPartialDate(end) && lastDay(end) < today) return []
    return [{ path: '/embargoEnd', values: [end, access] }]
  }),
})
