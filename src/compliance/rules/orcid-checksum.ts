// ALICIA 2.1 makes renati.advisor.orcid mandatory for theses, and ORCIDs link works to people across CRIS systems;
// the last character of an ORCID iD is an ISO 7064 mod 11-2 check digit, so a mistyped iD is detectable (and dropped).
import { normalizeOrcid } from '../../normalize/shared/identifiers.ts'
import type { PersonRef } from '../../model/index.ts'
import { defineRule, type RuleHit } from '../types.ts'
import { issuesOf, shownValues } from './quality-issues.ts'
import { isResearchOutput, onResearchOutputs } from './quality-scope.ts'

// oai_dc and oai_openaire: "ORCID check digit fails (ISO 7064 mod 11-2); not kept" / "not an ORCID iD" at /creators/N/orcid;
// DSpace and LA Referencia's datacite: "ORCID check digit fails" / "not an ORCID" under the field (renati.advisor.orcid…).
const BAD_ORCID = { path: /./, message: /^(?:ORCID check digit fails|not an ORCID)/i }

const ORCID_LIKE = /\d{4}-?\d{4}-?\d{4}-?\d{3}[\dX]/i

/** A DSpace field or datacite element names whose ORCID it was: an author's (creators) or an advisor's, editor's… (contributors). */
function pointerOf(path: string): string {
  if (path.startsWith('/')) return path
  return /author|creator|dc\.identifier\.orcid/i.test(path) ? '/creators' : '/contributors'
}

export default defineRule({
  id: 'orcid-checksum',
  severity: 'warning',
  sets: ['identifiers'],
  references: [{ kind: 'renati', element: 'renati.advisor.orcid' }, { kind: 'openaire', field: 'datacite:nameIdentifier' }, { kind: 'identifier', scheme: 'ORCID' }],
  message: {
    es: 'Un ORCID del registro no supera el dígito de control (ISO 7064 mod 11-2) o no tiene la forma de un ORCID: se descartó y la persona queda sin identificar.',
    en: 'An ORCID of the record fails its check digit (ISO 7064 mod 11-2) or is not shaped like an ORCID: it was dropped and the person is left unidentified.',
  },
  fix: {
    es: 'Corrija el ORCID en el campo de la persona (renati.advisor.orcid, renati.author.orcid o la autoridad de dc.contributor.author) copiándolo de orcid.org, p. ej. «https://orcid.org/0000-0002-1825-0097».',
    en: "Correct the ORCID in the person's field (renati.advisor.orcid, renati.author.orcid or the authority of dc.contributor.author) by copying it from orcid.org, e.g. \"https://orcid.org/0000-0002-1825-0097\".",
  },
  appliesTo: isResearchOutput,
  check: onResearchOutputs((record, { issues }) => {
    const hits: RuleHit[] = []
    const judge = (people: PersonRef[], pointer: string) => people.forEach((person, i) => {
      if (person.orcid && normalizeOrcid(person.orcid)?.valid !== true) hits.push({ path: `${pointer}/${i}/orcid`, values: [person.orcid] })
    })
    judge(record.creators, '/creators')
    judge(record.contributors, '/contributors')
    const byPointer = new Map<string, (string | undefined)[]>()
    for (const issue of issuesOf(issues, BAD_ORCID)) {
      const pointer = pointerOf(issue.path)
      // Only the iD is shown, not the name a source may have written around it; a value with spaces is not shown at all.
      const value = ORCID_LIKE.exec(issue.value ?? '')?.[0] ?? (issue.value && !/\s/.test(issue.value) ? issue.value : undefined)
      byPointer.set(pointer, [...(byPointer.get(pointer) ?? []), value])
    }
    for (const [path, values] of byPointer) hits.push({ path, values: shownValues(values) })
    return hits
  }),
})
