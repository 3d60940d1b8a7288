// ALICIA 2.1 dc.identifier.doi: a DOI that does not parse resolves nowhere, and the copy cannot be matched with the
// publisher's record (deduplication by DOI). DOI Handbook §2.2: "10." + registrant code + "/" + a non-empty suffix.
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

const DOI_SHAPE = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/

// A DOI the mappers had to drop: DSpace dc.identifier.doi "not a valid DOI"; LA Referencia's datacite and oai_openaire
// "not a DOI identifier"; oai_dc "an altIdentifier we cannot read" on an info:eu-repo/semantics/altIdentifier/doi/… value.
const DROPPED_DOI = { path: /./, message: /^not a (?:valid )?DOI(?: identifier)?$/i }
const UNREAD_DOI_RELATION = { path: /^\/relations$/, message: /we cannot read$/ }

export default defineRule({
  id: 'doi-well-formed',
  severity: 'warning',
  sets: ['identifiers'],
  references: [{ kind: 'alicia', element: 'dc.identifier.doi' }, { kind: 'identifier', scheme: 'DOI' }],
  message: {
    es: 'Un DOI del registro no tiene la forma de un DOI («10.» + prefijo + «/» + sufijo), así que no resuelve.',
    en: 'A DOI of the record does not have the shape of a DOI ("10." + prefix + "/" + suffix), so it does not resolve.',
  },
  fix: {
    es: 'Corrija dc.identifier.doi con el DOI tal como lo asignó la editorial, p. ej. «10.1016/j.jenvman.2021.112345» o «https://doi.org/10.1016/j.jenvman.2021.112345».',
    en: 'Correct dc.identifier.doi with the DOI as the publisher assigned it, e.g. "10.1016/j.jenvman.2021.112345" or "https://doi.org/10.1016/j.jenvman.2021.112345".',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const hits: RuleHit[] = []
    record.identifiers.forEach((id, i) => {
      if (id.type === 'doi' && !DOI_SHAPE.test(id.value)) hits.push({ path: `/identifiers/${i}`, values: [id.value] })
    })
    record.relations.forEach((relation, i) => {
      if (relation.targetType === 'doi' && !DOI_SHAPE.test(relation.target)) hits.push({ path: `/relations/${i}`, values: [relation.target] })
    })
    const unreadAltDoi = issuesOf(issues, UNREAD_DOI_RELATION).filter((i) => /\/doi\//i.test(i.value ?? ''))
    return [...hits, ...hitAt('/identifiers', [...issuesOf(issues, DROPPED_DOI), ...unreadAltDoi])]
  }),
})
