// ALICIA 2.1 renati.advisor.orcid is mandatory for theses: the ORCID tells one advisor from another of the same name.
// A thesis without any advisor is reported by advisor-missing alone.
import { defineRule } from '../types.ts'
import { isThesisWithRenati } from './record-scope.ts'

export default defineRule({
  id: 'advisor-orcid-missing',
  severity: 'error',
  sets: ['alicia', 'renati'],
  references: [{ kind: 'renati', element: 'renati.advisor.orcid' }],
  message: {
    es: 'Un asesor de la tesis no tiene ORCID (renati.advisor.orcid), o el ORCID no es válido o no se pudo asociar al asesor.',
    en: 'An advisor of the thesis has no ORCID (renati.advisor.orcid), or it is not valid or could not be paired with the advisor.',
  },
  fix: {
    es: 'Llene renati.advisor.orcid con el ORCID de cada asesor, en el mismo orden que dc.contributor.advisor, p. ej. «https://orcid.org/0000-0002-9960-7413».',
    en: 'Fill renati.advisor.orcid with each advisor\'s ORCID, in the same order as dc.contributor.advisor, e.g. "https://orcid.org/0000-0002-9960-7413".',
  },
  appliesTo: isThesisWithRenati,
  check: (entity) => {
    if (!isThesisWithRenati(entity)) return []
    return entity.contributors.flatMap((c, index) =>
      c.role === 'advisor' && !c.orcid ? [{ path: `/contributors/${index}/orcid`, values: [] }] : [])
  },
})
