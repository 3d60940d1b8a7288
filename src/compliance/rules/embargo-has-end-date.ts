// Art. 39.5: publicly funded research data are made public "salvo las excepciones" CONCYTEC's directives set; an
// embargo is such an exception only while it ends, and one without an end never lifts. ALICIA 2.1 makes
// dc.date.embargoEnd mandatory for every embargoed record.
import { defineRule, type RuleHit } from '../types.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

export default defineRule({
  id: 'embargo-has-end-date',
  severity: 'error',
  sets: ['embargo'],
  references: [
    { kind: 'article', article: '39.5' },
    { kind: 'alicia', element: 'dc.date.embargoEnd' },
    { kind: 'openaire', field: 'datacite:date (dateType="Available")' },
  ],
  message: {
    es: 'El registro (o uno de sus archivos) está embargado pero no indica cuándo termina el embargo: un embargo sin fecha de fin nunca se levanta.',
    en: 'The record (or one of its files) is embargoed but does not say when the embargo ends: an embargo without an end date never lifts.',
  },
  fix: {
    es: 'Llene dc.date.embargoEnd con la fecha de fin, p. ej. «2025-05-10»; en oai_dc DSpace debe exponerla como «info:eu-repo/date/embargoEnd/2025-05-10» en dc:date, no como una fecha suelta.',
    en: 'Fill dc.date.embargoEnd with the end date, e.g. "2025-05-10"; in oai_dc DSpace must expose it as "info:eu-repo/date/embargoEnd/2025-05-10" in dc:date, not as a bare date.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record) => {
    const hits: RuleHit[] = []
    if (record.accessRight?.uri === EMBARGOED && !record.embargoEnd) hits.push({ path: '/embargoEnd', values: [record.accessRight.uri] })
    record.files.forEach((file, i) => {
      if (file.access?.uri === EMBARGOED && !file.embargoEnd && !record.embargoEnd) hits.push({ path: `/files/${i}/embargoEnd`, values: [file.name ?? file.url] })
    })
    return hits
  }),
})
