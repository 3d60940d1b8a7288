// ALICIA 2.1 dc.date.issued and OpenAIRE v4 Publication Date (datacite:date dateType="Issued") are mandatory for every record.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// Where the mappers report a date they could not read: oai_dc and oai_openaire by pointer, the DSpace formats by field.
const SOURCE_FIELDS = /^(?:\/issued|dc\.date\.issued|datacite\.dates?\.date(?:\.issued)?)$/i

export default defineRule({
  id: 'issued-date-missing',
  severity: 'error',
  sets: ['alicia', 'openaire'],
  references: [{ kind: 'alicia', element: 'dc.date.issued' }, { kind: 'openaire', field: 'datacite:date (dateType="Issued")' }],
  message: {
    es: 'El registro no tiene fecha de publicación (dc.date.issued), o la que tiene no se puede leer como fecha.',
    en: 'The record has no publication date (dc.date.issued), or the one it has cannot be read as a date.',
  },
  fix: {
    es: 'Llene dc.date.issued con la fecha de publicación como AAAA, AAAA-MM o AAAA-MM-DD, p. ej. «2023-05-10»; OpenAIRE la expone como datacite:date con dateType="Issued".',
    en: 'Fill dc.date.issued with the publication date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2023-05-10"; OpenAIRE exposes it as datacite:date with dateType="Issued".',
  },
  appliesTo: isResearchOutput,
  check: (entity, { issues }) => {
    if (!isResearchOutput(entity) || entity.issued) return []
    const unread = issues.filter((i) => i.value && SOURCE_FIELDS.test(i.path)).map((i) => i.value!)
    return [{ path: '/issued', values: [...new Set(unread)] }]
  },
})
