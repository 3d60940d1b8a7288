// ALICIA 2.1 dc.relation.isPartOf is mandatory if applicable for journal articles: `urn:issn:` and the journal's ISSN,
// preferably the ISSN-L. A warning, since the record cannot show that the journal has an ISSN.
import { defineRule } from '../types.ts'
import { isResearchOutput } from './record-scope.ts'

// COAR contribution to journal (c_3e5a) and its narrower journal article, research article, review article, data
// paper, editorial and letter to the editor.
const JOURNAL_CONTRIBUTIONS = new Set(['c_3e5a', 'c_6501', 'c_2df8fbb1', 'c_dcae04bc', 'c_beb9', 'c_b239', 'c_545b']
  .map((id) => `http://purl.org/coar/resource_type/${id}`))

export default defineRule({
  id: 'article-issn-missing',
  severity: 'warning',
  sets: ['alicia'],
  references: [{ kind: 'alicia', element: 'dc.relation.isPartOf' }],
  message: {
    es: 'El artículo no indica el ISSN de su revista en dc.relation.isPartOf.',
    en: 'The article does not give its journal\'s ISSN in dc.relation.isPartOf.',
  },
  fix: {
    es: 'Llene dc.relation.isPartOf con «urn:issn:» y el ISSN de la revista con guion, de preferencia el ISSN-L, p. ej. «urn:issn:1852-1002». Si el ISSN ya está en dc.identifier.issn, cópielo aquí: ALICIA lo busca en dc.relation.isPartOf.',
    en: 'Fill dc.relation.isPartOf with "urn:issn:" and the journal\'s ISSN with its hyphen, preferably the ISSN-L, e.g. "urn:issn:1852-1002". If the ISSN is already in dc.identifier.issn, copy it here: ALICIA looks for it in dc.relation.isPartOf.',
  },
  appliesTo: (entity) => isResearchOutput(entity) && entity.type.uri !== null && JOURNAL_CONTRIBUTIONS.has(entity.type.uri),
  // An ISSN the record gives only as an identifier of its own is the value to move, so it is reported.
  check: (entity) => {
    if (!isResearchOutput(entity)) return []
    if (entity.relations.some((r) => r.type === 'isPartOf' && r.targetType === 'issn')) return []
    return [{ path: '/relations', values: entity.identifiers.filter((i) => i.type === 'issn').map((i) => i.value) }]
  },
})
