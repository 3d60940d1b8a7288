// Art. 39.5: entities whose research is publicly funded make its data public, "salvo las excepciones señaladas en las
// directivas" of CONCYTEC. A dataset that is not open should show its exception: an embargo with an end date, or a
// restriction whose reason the record states. Whether the data were publicly funded is decided per project, not here.
import { defineRule } from '../types.ts'
import { isDataset, onResearchOutputs } from './quality-scope.ts'

const OPEN = 'http://purl.org/coar/access_right/c_abf2'
const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

export default defineRule({
  id: 'dataset-open-or-justified',
  severity: 'warning',
  sets: ['open-data'],
  references: [{ kind: 'article', article: '39.5' }, { kind: 'alicia', element: 'dc.rights' }],
  message: {
    es: 'El conjunto de datos no es de acceso abierto y el registro no indica por qué: el art. 39.5 del D.S. 062-2024-PCM pide poner a disposición pública los datos de investigaciones financiadas con fondos públicos, salvo las excepciones que fijen las directivas del CONCYTEC.',
    en: 'The dataset is not openly accessible and the record does not say why: art. 39.5 of D.S. 062-2024-PCM asks for the data of publicly funded research to be made public, save for the exceptions set by CONCYTEC\'s directives.',
  },
  fix: {
    es: 'Abra el acceso («info:eu-repo/semantics/openAccess» en dc.rights), o declare la excepción: un embargo con dc.date.embargoEnd (p. ej. «2026-12-31»), o el motivo de la restricción como texto en dc.rights junto a «info:eu-repo/semantics/restrictedAccess» (p. ej. «Contiene datos personales de pacientes»).',
    en: 'Open access ("info:eu-repo/semantics/openAccess" in dc.rights), or state the exception: an embargo with dc.date.embargoEnd (e.g. "2026-12-31"), or the reason for the restriction as text in dc.rights next to "info:eu-repo/semantics/restrictedAccess" (e.g. "Contiene datos personales de pacientes").',
  },
  appliesTo: isDataset,
  check: onResearchOutputs((record) => {
    const access = record.accessRight?.uri
    // No access level is access-right-missing's finding; an embargo without an end is embargo-has-end-date's.
    if (!isDataset(record) || !access || access === OPEN || access === EMBARGOED) return []
    // The mappers take the reason from a dc:rights sentence beside the access term (normalize/shared/rights-statements.ts).
    return record.accessReason?.trim() ? [] : [{ path: '/accessRight', values: [access] }]
  }),
})
