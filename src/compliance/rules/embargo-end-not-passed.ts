// An embargo holds access back until its end date (ALICIA 2.1 dc.date.embargoEnd); once that date has passed nothing is
// held back any more, yet DSpace says embargoedAccess until someone edits dc.rights (DSpace#10529: an expired bitstream
// embargo is still c_f1cf). Date-dependent: `redcti check` recomputes it with that day's date.
import { defineRule, type RuleHit } from '../types.ts'
import { isPartialDate, lastDay } from './quality-dates.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

/** `2025` lapses after 2025-12-31; the item opens on the end date itself, so it is lapsed only after that day. */
const lapsed = (end: string, today: string) => isPartialDate(end) && lastDay(end) < today

export default defineRule({
  id: 'embargo-end-not-passed',
  severity: 'warning',
  sets: ['embargo'],
  references: [
    { kind: 'alicia', element: 'dc.rights' },
    { kind: 'alicia', element: 'dc.date.embargoEnd' },
  ],
  message: {
    es: 'El embargo ya terminó (la fecha de dc.date.embargoEnd pasó), pero el registro o su archivo sigue marcado como acceso embargado.',
    en: 'The embargo is over (the dc.date.embargoEnd date has passed), but the record or its file is still marked as embargoed access.',
  },
  fix: {
    es: 'Cambie dc.rights a «info:eu-repo/semantics/openAccess» (y la política de acceso del archivo en DSpace), o, si el embargo se prorrogó, actualice dc.date.embargoEnd con la nueva fecha, p. ej. «2026-05-10».',
    en: 'Change dc.rights to "info:eu-repo/semantics/openAccess" (and the file\'s access policy in DSpace) or, if the embargo was extended, update dc.date.embargoEnd with the new date, e.g. "2026-05-10".',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { today }) => {
    const hits: RuleHit[] = []
    if (record.accessRight?.uri === EMBARGOED && record.embargoEnd && lapsed(record.embargoEnd, today)) {
      hits.push({ path: '/accessRight', values: [record.accessRight.uri, record.embargoEnd] })
    }
    record.files.forEach((file, i) => {
      const end = file.embargoEnd ?? record.embargoEnd
      if (file.access?.uri === EMBARGOED && end && lapsed(end, today)) hits.push({ path: `/files/${i}/access`, values: [file.name ?? file.url, end] })
    })
    return hits
  }),
})
