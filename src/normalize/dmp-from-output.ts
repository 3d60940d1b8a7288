// A repository item typed as a data management plan (COAR c_ab20) seen as a DataManagementPlan: the same
// work in the maDMP shape, so repository PGDs and tool-exported maDMPs are found, linked and checked alike.
// Pure: it reads only the output, which already carries no personal data beyond name, ORCID and affiliation.
import type { DataManagementPlan, DmpFunding, DmpIdentifier, DmpPerson, DmpProject, PersonRef, ResearchOutput } from '../model/index.ts'
import { cleanAwardNumber } from './shared/award-number.ts'

export const DMP_RESOURCE_TYPE = 'http://purl.org/coar/resource_type/c_ab20'

/** True for a research output whose type is COAR "data management plan". */
export function isDmpOutput(output: ResearchOutput): boolean {
  return output.type.uri === DMP_RESOURCE_TYPE
}

export function dmpFromOutput(output: ResearchOutput): DataManagementPlan {
  const [first, ...others] = output.creators
  const datestamps = output.provenance.map((p) => p.datestamp).filter(Boolean).sort()
  // created: the item's issue date (maDMP: "must not change across versions"); modified: its latest datestamp.
  const created = dateTime(output.issued) ?? datestamps[0] ?? ''
  const modified = datestamps[datestamps.length - 1] ?? created
  return {
    id: `dmp:${output.id.replace(/^ro:/, '')}`,
    kind: 'dmp',
    title: output.titles[0]?.value ?? '',
    ...(output.abstracts[0] ? { description: output.abstracts[0].value } : {}),
    // ISO 639-3 'und' (undetermined) when the item names no language.
    language: output.languages[0] ?? 'und',
    created,
    modified,
    dmp_id: planId(output),
    contact: first ? person(first) : { name: output.publisher ?? '' },
    ...contributors(others, output),
    ethical_issues_exist: 'unknown',
    project: projects(output),
    // A repository record describes the plan, not its datasets; maDMP allows an empty list.
    dataset: [],
    sourceVersion: '1.2',
    provenance: output.provenance,
  }
}

/** The DOI, else the Handle, else the landing page, else the OAI identifier of its first copy. */
function planId(output: ResearchOutput): DmpIdentifier {
  const valid = output.identifiers.filter((id) => id.valid !== false)
  const doi = valid.find((id) => id.type === 'doi')
  if (doi) return { identifier: doi.value, type: 'doi' }
  const handle = valid.find((id) => id.type === 'handle')
  if (handle) return { identifier: handle.value, type: 'handle' }
  if (output.landingPage) return { identifier: output.landingPage, type: 'url' }
  return { identifier: output.provenance[0]?.oaiIdentifier ?? output.id, type: 'other' }
}

function person(ref: PersonRef): DmpPerson {
  return {
    name: ref.name,
    ...(ref.orcid ? { id: { identifier: ref.orcid, type: 'orcid' } } : {}),
    ...(ref.affiliations?.length ? { affiliation: ref.affiliations.map((name) => ({ name })) } : {}),
  }
}

function contributors(others: PersonRef[], output: ResearchOutput): Pick<DataManagementPlan, 'contributor'> {
  const list = [
    ...others.map((p) => ({ ...person(p), role: ['creator'] })),
    ...output.contributors.map((c) => ({ ...person(c), role: [c.role] })),
  ]
  return list.length > 0 ? { contributor: list } : {}
}

/**
 * One project per award: its number is the grant_id that links this plan to the project (and to the CERIF
 * project that carries the same award number); references without award or funder say nothing usable.
 */
function projects(output: ResearchOutput): DmpProject[] {
  const byAward = new Map<string, DmpProject>()
  for (const ref of output.funding) {
    if (!ref.awardNumber && !ref.awardUri && !ref.funder && !ref.funderId) continue
    // The award number is the key; a URI stands in only when the record gives no number.
    const grant = ref.awardNumber ? cleanAwardNumber(ref.awardNumber) : ref.awardUri
    const key = grant ?? `${ref.funderId ?? ''}|${ref.funder ?? ''}`
    if (byAward.has(key)) continue
    const funding: DmpFunding = {
      ...(ref.funderId ? { funder_id: { identifier: ref.funderId, type: ref.funderId.startsWith('10.13039/') ? 'fundref' : 'other' } } : {}),
      ...(ref.funder ? { funder_name: ref.funder } : {}),
      ...(grant ? { grant_id: { identifier: grant, type: ref.awardNumber ? 'other' : 'url' } } : {}),
    }
    byAward.set(key, { title: ref.awardTitle ?? ref.programme ?? grant ?? ref.funder ?? '', funding: [funding] })
  }
  return [...byAward.values()]
}

/** `2023`, `2023-05` and `2023-05-10` as midnight UTC of the first day they name. */
function dateTime(issued: string | null): string | null {
  const m = issued ? /^(\d{4})(?:-(\d\d))?(?:-(\d\d))?$/.exec(issued) : null
  return m ? `${m[1]}-${m[2] ?? '01'}-${m[3] ?? '01'}T00:00:00Z` : null
}
