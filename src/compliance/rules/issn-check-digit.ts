// ALICIA 2.1 dc.relation.isPartOf ("urn:issn:" + the journal's ISSN) ties an article to its journal; ISO 3297's mod 11
// check digit exists to catch mistyped ISSNs, which would tie it to another journal or to none.
import { normalizeIssn } from '../../normalize/shared/identifiers.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// An ISSN the mappers had to drop: DSpace dc.identifier.issn "not a valid ISSN"; LA Referencia's datacite "not a ISSN identifier".
const DROPPED_ISSN = { path: /./, message: /^not an? (?:valid )?[EP]?ISSN(?:-L)?(?: identifier)?$/i }

const checkFails = (value: string) => normalizeIssn(value)?.valid === false

export default defineRule({
  id: 'issn-check-digit',
  severity: 'warning',
  sets: ['identifiers'],
  references: [
    { kind: 'alicia', element: 'dc.relation.isPartOf' },
    { kind: 'alicia', element: 'dc.identifier.issn' },
    { kind: 'identifier', scheme: 'ISSN' },
  ],
  message: {
    es: 'Un ISSN del registro no supera el dígito de control (ISO 3297): está mal escrito y no identifica la revista.',
    en: 'An ISSN of the record fails its check digit (ISO 3297): it is mistyped and does not identify the journal.',
  },
  fix: {
    es: 'Corrija el ISSN en dc.relation.isPartOf (o dc.identifier.issn) copiándolo del portal ISSN o de la revista, con guion, p. ej. «urn:issn:1727-558X».',
    en: 'Correct the ISSN in dc.relation.isPartOf (or dc.identifier.issn) by copying it from the ISSN portal or the journal, with its hyphen, e.g. "urn:issn:1727-558X".',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const hits: RuleHit[] = []
    record.identifiers.forEach((id, i) => {
      if (id.type === 'issn' && (id.valid === false || checkFails(id.value))) hits.push({ path: `/identifiers/${i}`, values: [id.value] })
    })
    record.relations.forEach((relation, i) => {
      if (relation.targetType === 'issn' && checkFails(relation.target)) hits.push({ path: `/relations/${i}`, values: [relation.target] })
    })
    return [...hits, ...hitAt('/identifiers', issuesOf(issues, DROPPED_ISSN))]
  }),
})
