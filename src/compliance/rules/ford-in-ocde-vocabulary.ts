// ALICIA 2.1 dc.subject.ocde is filled "conforme al vocabulario establecido": CONCYTEC's OCDE FORD scheme
// (https://purl.org/pe-repo/ocde/ford, 270 codes). A code off the scheme classifies the work nowhere in CTI statistics.
import { lookupFord } from '../../vocab/index.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { hitAt, issuesOf } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// oai_dc and oai_openaire: "FORD subject not found in the OCDE FORD vocabulary; kept as a keyword" at /ford;
// DSpace dc.subject.ocde and LA Referencia's datacite subjects: "OCDE FORD code not recognised".
const UNREAD_FORD = { path: /^(?:\/ford|dc\.subject\.ocde|datacite\.subjects\.subject)$/i, message: /FORD (?:subject|code) not (?:found|recognised)/i }

export default defineRule({
  id: 'ford-in-ocde-vocabulary',
  severity: 'warning',
  sets: ['vocabulary'],
  references: [{ kind: 'alicia', element: 'dc.subject.ocde' }, { kind: 'vocabulary', vocabulary: 'OCDE FORD (CONCYTEC)' }],
  message: {
    es: 'Un valor de dc.subject.ocde no es un código del vocabulario OCDE FORD de CONCYTEC.',
    en: "A dc.subject.ocde value is not a code of CONCYTEC's OCDE FORD vocabulary.",
  },
  fix: {
    es: 'Escriba en dc.subject.ocde la URI del código FORD del vocabulario de CONCYTEC, p. ej. «https://purl.org/pe-repo/ocde/ford#5.02.04»; un esquema de otro país (p. ej. «https://purl.org/becyt/ford/6.1») no es el de ALICIA.',
    en: 'Write the URI of the FORD code from CONCYTEC\'s vocabulary in dc.subject.ocde, e.g. "https://purl.org/pe-repo/ocde/ford#5.02.04"; another country\'s scheme (e.g. "https://purl.org/becyt/ford/6.1") is not ALICIA\'s.',
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const hits: RuleHit[] = hitAt('/ford', issuesOf(issues, UNREAD_FORD))
    record.ford.forEach((subject, i) => {
      if (!lookupFord(subject.code)) hits.push({ path: `/ford/${i}`, values: [subject.uri || subject.code] })
    })
    return hits
  }),
})
