// What each entity says about funded projects, keyed by award number: CERIF projects and grants, maDMP projects,
// DMPs deposited as repository items, and the funding references of research outputs. Pure; projects.ts joins them.
import type { DataManagementPlan, Funding, Project, ResearchOutput } from '../model/index.ts'
import { normalizeAward } from '../normalize/cluster/dedup-keys.ts'
import { dmpFromOutput } from '../normalize/dmp-from-output.ts'
import { classifyFormat } from './open-formats.ts'
import { productFacts, type ProductFacts } from './product-facts.ts'

/** Where a claim comes from, best first: a CRIS project knows its own title and funder better than a citation does. */
export type ClaimOrigin = 'cerif-project' | 'grant' | 'madmp' | 'repository-dmp' | 'record'
export const ORIGIN_RANK: Record<ClaimOrigin, number> = { 'cerif-project': 0, grant: 1, madmp: 2, 'repository-dmp': 3, record: 4 }

/** One source's statement that a project exists: all its keys name the same project. */
export interface Claim {
  origin: ClaimOrigin
  entityId: string
  /** normalizeAward() of every award number; a CERIF project without any gets `#<entity id>`. */
  keys: string[]
  /** The award numbers as written, in the order of `keys` (none for a synthetic key). */
  awards: string[]
  title?: string
  funder?: string
  programme?: string
  funderIds: string[]
  mandated?: boolean
  end?: string
  sources: string[]
}

export interface DmpLink {
  keys: string[]
  id: string
  title: string
  origin: 'madmp' | 'repository-item'
  /** maDMP distribution formats that are proprietary (art. 40.3 asks for open formats). */
  proprietaryFormats: string[]
  sources: string[]
}

export interface ProductLink {
  id: string
  title: string | null
  typeUri: string | null
  facts: ProductFacts
  /** Cited award keys and how: a structured funding field, a sentence, or an isOutputOf relation. */
  citations: Map<string, 'structured' | 'text'>
  /** OAI identifiers of CRIS projects the output says it originates from (CERIF OriginatesFrom without an award). */
  projectRefs: string[]
  sources: string[]
}

const sourcesOf = (e: { provenance: { sourceId: string }[] }) => [...new Set(e.provenance.map((p) => p.sourceId))]
const firstText = (values: { value: string }[] | undefined) => values?.find((v) => v.value.trim())?.value.trim()
const orgName = (o: { name: string; acronym?: string } | undefined) => o ? (o.acronym && o.acronym !== o.name ? `${o.name} (${o.acronym})` : o.name) : undefined

/** A CERIF project: its reference and award numbers, and those of the fundings it is funded as. */
export function projectClaim(project: Project, fundingsByOai: Map<string, Funding>): Claim {
  const fundings = project.fundings.flatMap((ref) => fundingsByOai.get(ref) ?? [])
  const awards = unique([...project.awardNumbers, ...fundings.flatMap((f) => f.awardNumber ?? [])])
  const keys = awards.map(normalizeAward)
  const mandate = project.oaMandate ?? fundings.find((f) => f.oaMandate)?.oaMandate
  return {
    origin: 'cerif-project', entityId: project.id,
    keys: keys.length > 0 ? keys : [`#${project.id}`], awards,
    title: firstText(project.titles) ?? project.acronym,
    funder: orgName(project.funders[0]) ?? orgName(fundings.find((f) => f.funder)?.funder),
    funderIds: [...project.funders, ...fundings.flatMap((f) => f.funder ?? [])].flatMap((o) => o.identifiers.map((i) => i.value)),
    ...(mandate ? { mandated: mandate.mandated } : {}),
    ...(project.end ? { end: project.end } : {}),
    sources: sourcesOf(project),
  }
}

/** A CERIF funding that is a grant (not a programme or a call): a project known by its award number alone. */
export function fundingClaim(funding: Funding & { awardNumber: string }, inherited: { mandated?: boolean; funder?: Funding['funder'] }): Claim {
  const funder = funding.funder ?? inherited.funder
  const mandated = funding.oaMandate?.mandated ?? inherited.mandated
  return {
    origin: 'grant', entityId: funding.id, keys: [normalizeAward(funding.awardNumber)], awards: [funding.awardNumber],
    title: firstText(funding.title), funder: orgName(funder), funderIds: funder?.identifiers.map((i) => i.value) ?? [],
    ...(mandated !== undefined ? { mandated } : {}), sources: sourcesOf(funding),
  }
}

/** Each maDMP project with grant ids is a claim, and the plan is that project's DMP. */
export function dmpClaims(dmp: DataManagementPlan, origin: 'madmp' | 'repository-item', id = dmp.id): { claims: Claim[]; link: DmpLink | null } {
  const claims: Claim[] = []
  for (const project of dmp.project) {
    const fundings = (project.funding ?? []).filter((f) => f.grant_id?.identifier.trim())
    if (fundings.length === 0) continue
    const awards = unique(fundings.map((f) => f.grant_id!.identifier.trim()))
    const named = fundings.find((f) => f.funder_name)
    claims.push({
      origin: origin === 'madmp' ? 'madmp' : 'repository-dmp', entityId: id,
      keys: awards.map(normalizeAward), awards, title: project.title || undefined,
      ...(named?.funder_name ? { funder: named.funder_name } : {}),
      funderIds: fundings.flatMap((f) => f.funder_id?.identifier || []),
      ...(project.end ? { end: project.end } : {}), sources: sourcesOf(dmp),
    })
  }
  if (claims.length === 0) return { claims, link: null }
  const link: DmpLink = {
    keys: unique(claims.flatMap((c) => c.keys)), id, title: dmp.title, origin,
    proprietaryFormats: proprietaryFormats(dmp), sources: sourcesOf(dmp),
  }
  return { claims, link }
}

/** A repository item typed as a DMP (COAR c_ab20) is read through its maDMP shape, keeping the item's own id. */
export function repositoryDmpClaims(output: ResearchOutput) {
  return dmpClaims(dmpFromOutput(output), 'repository-item', output.id)
}

/** A research output's awards (structured, in text, or as isOutputOf) become record claims and one product link. */
export function outputClaims(output: ResearchOutput, today: string): { claims: Claim[]; link: ProductLink | null } {
  const claims: Claim[] = []
  const citations = new Map<string, 'structured' | 'text'>()
  const cite = (key: string, how: 'structured' | 'text') => { if (citations.get(key) !== 'structured') citations.set(key, how) }
  const sources = sourcesOf(output)
  for (const ref of output.funding) {
    const award = ref.awardNumber?.trim()
    if (!award || !normalizeAward(award)) continue
    const key = normalizeAward(award)
    cite(key, ref.origin)
    claims.push({
      origin: 'record', entityId: output.id, keys: [key], awards: [award],
      ...(ref.awardTitle ? { title: ref.awardTitle } : {}), ...(ref.funder ? { funder: ref.funder } : {}),
      ...(ref.programme ? { programme: ref.programme } : {}), funderIds: ref.funderId ? [ref.funderId] : [], sources,
    })
  }
  const projectRefs: string[] = []
  for (const relation of output.relations) {
    if (relation.type !== 'isOutputOf') continue
    if (relation.targetType === 'award' && normalizeAward(relation.target)) cite(normalizeAward(relation.target), 'structured')
    else projectRefs.push(relation.target)
  }
  if (citations.size === 0 && projectRefs.length === 0) return { claims, link: null }
  return {
    claims,
    link: {
      id: output.id, title: firstText(output.titles) ?? null, typeUri: output.type.uri,
      facts: productFacts(output, today), citations, projectRefs, sources,
    },
  }
}

/** maDMP distribution formats (MIME types or extensions) that classifyFormat calls proprietary. */
function proprietaryFormats(dmp: DataManagementPlan): string[] {
  const found: string[] = []
  for (const dataset of dmp.dataset) {
    for (const distribution of dataset.distribution ?? []) {
      const formats = distribution.format ?? []
      for (const format of formats) {
        const value = format.trim()
        const verdict = value.includes('/') ? classifyFormat({ mimeType: value }) : classifyFormat({ name: `file.${value.replace(/^\./, '')}` })
        if (verdict === 'proprietary') found.push(value)
      }
      if (formats.length === 0 && distribution.download_url && classifyFormat({ url: distribution.download_url }) === 'proprietary') found.push(distribution.download_url)
    }
  }
  return unique(found)
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)]
}
