// The funded-project view (D.S. 062-2024-PCM arts. 39.5–39.7, 40.3): every publicly funded project, found in CRIS
// records, maDMPs and the funding references of research outputs and joined by award number, with its DMP, its
// products and what is missing. Pure: merged entities and today in, the view out.
import type { Entity, Funding, Project } from '../model/index.ts'
import { normalizeAward } from '../normalize/cluster/dedup-keys.ts'
import { isDmpOutput } from '../normalize/dmp-from-output.ts'
import {
  dmpClaims, fundingClaim, ORIGIN_RANK, outputClaims, projectClaim, repositoryDmpClaims,
  type Claim, type DmpLink, type ProductLink,
} from './project-claims.ts'
import type { AccessException, AccessLevel, ProductKind } from './product-facts.ts'
import { publicFunderOf } from './public-funders.ts'

export type MissingCode = 'dmp-missing' | 'products-missing' | 'not-open-without-exception' | 'data-not-open-format'

/** The articles each missing code rests on, and only what they say. */
export const MISSING_ARTICLES: Record<MissingCode, string[]> = {
  // 39.7: beneficiaries of public funds "deben depositar los planes de gestión de datos y los productos".
  'dmp-missing': ['39.7'],
  'products-missing': ['39.7'],
  // 39.5: data "a disposición pública … salvo las excepciones"; 39.7: deposit "tal como establece la Ley N° 30035"
  // (the open-access repository law).
  'not-open-without-exception': ['39.5', '39.7'],
  // 39.5: "en formato abierto"; 40.3: "publicar datos en formatos abiertos".
  'data-not-open-format': ['39.5', '40.3'],
}

const MISSING_ORDER = Object.keys(MISSING_ARTICLES) as MissingCode[]

export interface ProjectDmp {
  id: string
  title: string
  origin: 'madmp' | 'repository-item'
  proprietaryFormats: string[]
}

export interface ProjectProduct {
  id: string
  title: string | null
  type: ProductKind
  typeUri: string | null
  access: AccessLevel
  exception: AccessException | null
  /** Data only (null otherwise, or when no file format is known). */
  openFormats: boolean | null
  proprietaryFiles: string[]
  deposited: boolean
  /** How the product names the award: a structured funding field or relation, or only a sentence. */
  citation: 'structured' | 'text'
}

export interface FundedProject {
  id: string
  award: string | null
  awards: string[]
  title: string | null
  funder: string | null
  programme: string | null
  /** Why the project counts as publicly funded: the public funder it names, or `OAMandate`. */
  publicFunding: string[]
  end: string | null
  /** Ends after today: judged `compliant: null`, with what is already missing. */
  running: boolean
  compliant: boolean | null
  missing: MissingCode[]
  dmps: ProjectDmp[]
  products: ProjectProduct[]
  articles: { code: MissingCode; articles: string[] }[]
  /** Sources of every record the project was built from. */
  sources: string[]
}

/** Feeds entities one at a time (a stream from the database) and keeps only what concerns funded projects. */
export function createProjectCollector(today: string) {
  const claims: Claim[] = []
  const dmpLinks: DmpLink[] = []
  const products: ProductLink[] = []
  const projects: Project[] = []
  const fundings: Funding[] = []
  // Repository items (source copies) that a maDMP entity also holds, and each DMP item's copies: one plan, counted once.
  const heldByMadmp = new Set<string>()
  const itemCopies = new Map<DmpLink, string[]>()
  return {
    add(entity: Entity): void {
      switch (entity.kind) {
        case 'project': projects.push(entity); break
        case 'funding': fundings.push(entity); break
        // A repository item typed as a DMP (COAR c_ab20) also has a DMP entity made from it (src/normalize/dmp-copies.ts);
        // the item itself is what counts, so a DMP entity with no maDMP-tool copy in it is not counted again, and
        // when that DMP entity merged with a tool's maDMP, the maDMP counts and the item does not.
        case 'dmp':
          if (entity.provenance.some((p) => p.metadataPrefix === 'madmp')) {
            for (const p of entity.provenance) if (p.metadataPrefix !== 'madmp') heldByMadmp.add(copyKey(p))
            take(dmpClaims(entity, 'madmp'), (l) => dmpLinks.push(l))
          }
          break
        case 'research-output':
          if (isDmpOutput(entity)) take(repositoryDmpClaims(entity), (l) => { dmpLinks.push(l); itemCopies.set(l, entity.provenance.map(copyKey)) })
          else take(outputClaims(entity, today), (l) => products.push(l))
          break
        default: break
      }
    },
    finish(): FundedProject[] {
      const counted = dmpLinks.filter((l) => !itemCopies.get(l)?.some((copy) => heldByMadmp.has(copy)))
      return assemble({ claims, dmpLinks: counted, products, projects, fundings }, today)
    },
  }
  function take<L>(result: { claims: Claim[]; link: L | null }, keep: (link: L) => void) {
    claims.push(...result.claims)
    if (result.link) keep(result.link)
  }
}

const copyKey = (p: { sourceId: string; oaiIdentifier: string }) => `${p.sourceId}\u0000${p.oaiIdentifier}`

export function fundedProjects(entities: Iterable<Entity>, today: string): FundedProject[] {
  const collector = createProjectCollector(today)
  for (const entity of entities) collector.add(entity)
  return collector.finish()
}

interface Gathered { claims: Claim[]; dmpLinks: DmpLink[]; products: ProductLink[]; projects: Project[]; fundings: Funding[] }

// OpenAIRE funding types: a programme or a call is what grants are part of, not a project with products of its own.
const NOT_A_GRANT = /#(?:FundingProgramme|Call)$/i

function assemble(g: Gathered, today: string): FundedProject[] {
  const byOai = new Map<string, Funding>()
  const byAward = new Map<string, Funding>()
  for (const f of g.fundings) {
    for (const p of f.provenance) byOai.set(p.oaiIdentifier, f)
    if (f.awardNumber) byAward.set(normalizeAward(f.awardNumber), f)
  }
  // CERIF PartOf names the parent by its record (an OAI identifier), else by award number.
  const parentOf = (f: Funding) => (f.partOf ? byOai.get(f.partOf) ?? byAward.get(normalizeAward(f.partOf)) : undefined)
  // A grant inherits the OA mandate and funder of the call and programme it is part of.
  const inherited = (f: Funding) => {
    const out: { mandated?: boolean; funder?: Funding['funder'] } = {}
    for (let p = parentOf(f), depth = 0; p && depth < 10; p = parentOf(p), depth++) {
      if (out.mandated === undefined && p.oaMandate) out.mandated = p.oaMandate.mandated
      out.funder ??= p.funder
    }
    return out
  }
  const claims = [...g.claims]
  const context = new Map<string, Claim>()
  for (const f of g.fundings) {
    if (!f.awardNumber?.trim()) continue
    const claim = fundingClaim({ ...f, awardNumber: f.awardNumber.trim() }, inherited(f))
    if (f.type && NOT_A_GRANT.test(f.type.uri)) context.set(claim.keys[0]!, claim)
    else claims.push(claim)
  }
  const projectKeyByOai = new Map<string, string>()
  for (const project of g.projects) {
    const claim = projectClaim(project, byOai)
    claims.push(claim)
    for (const p of project.provenance) projectKeyByOai.set(p.oaiIdentifier, claim.keys[0]!)
  }

  const sets = new DisjointSets()
  for (const claim of claims) claim.keys.forEach((k) => sets.union(claim.keys[0]!, k))
  const groups = new Map<string, Claim[]>()
  for (const claim of claims) {
    const root = sets.find(claim.keys[0]!)
    groups.set(root, [...(groups.get(root) ?? []), claim])
  }
  // A call or programme that a project's key names lends it its mandate and funder, but makes no project alone.
  for (const [key, claim] of context) {
    const root = sets.find(key)
    const group = groups.get(root)
    if (group) group.push({ ...claim, origin: 'record' })
  }

  // Sources of the products and DMPs linked to each project, so a report for one source keeps its projects.
  const extraSources = new Map<string, Set<string>>()
  const sourcesByRoot = (root: string) => {
    let set = extraSources.get(root)
    if (!set) extraSources.set(root, (set = new Set()))
    return set
  }
  const productsByRoot = new Map<string, Map<string, ProjectProduct>>()
  for (const link of g.products) {
    const cited = new Map(link.citations)
    for (const ref of link.projectRefs) {
      const key = projectKeyByOai.get(ref)
      if (key && !cited.has(key)) cited.set(key, 'structured')
    }
    for (const [key, citation] of cited) {
      const root = sets.find(key)
      if (!groups.has(root)) continue
      const list = productsByRoot.get(root) ?? new Map<string, ProjectProduct>()
      const known = list.get(link.id)
      if (!known || (known.citation === 'text' && citation === 'structured')) list.set(link.id, toProduct(link, citation))
      productsByRoot.set(root, list)
      for (const s of link.sources) sourcesByRoot(root).add(s)
    }
  }
  const dmpsByRoot = new Map<string, Map<string, ProjectDmp>>()
  for (const link of g.dmpLinks) {
    for (const root of new Set(link.keys.map((k) => sets.find(k)))) {
      const list = dmpsByRoot.get(root) ?? new Map<string, ProjectDmp>()
      list.set(link.id, { id: link.id, title: link.title, origin: link.origin, proprietaryFormats: link.proprietaryFormats })
      dmpsByRoot.set(root, list)
      for (const s of link.sources) sourcesByRoot(root).add(s)
    }
  }

  const out: FundedProject[] = []
  for (const [root, group] of groups) {
    const view = judge(group, [...(dmpsByRoot.get(root)?.values() ?? [])], [...(productsByRoot.get(root)?.values() ?? [])], today)
    if (!view) continue
    for (const s of extraSources.get(root) ?? []) if (!view.sources.includes(s)) view.sources.push(s)
    view.sources.sort()
    out.push(view)
  }
  return out.sort((a, b) => (a.award ?? a.id).localeCompare(b.award ?? b.id) || a.id.localeCompare(b.id))
}

function toProduct(link: ProductLink, citation: 'structured' | 'text'): ProjectProduct {
  const f = link.facts
  return {
    id: link.id, title: link.title, type: f.kind, typeUri: link.typeUri, access: f.access, exception: f.exception,
    openFormats: f.openFormats, proprietaryFiles: f.proprietaryFiles, deposited: f.deposited, citation,
  }
}

/** One project's verdict, or null when nothing shows it is publicly funded. */
function judge(group: Claim[], dmps: ProjectDmp[], products: ProjectProduct[], today: string): FundedProject | null {
  const ranked = [...group].sort((a, b) => ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || a.entityId.localeCompare(b.entityId))
  const publicFunding = [...new Set(ranked.flatMap((c) => [
    ...[c.funder, c.programme, ...c.funderIds].flatMap((t) => publicFunderOf(t) ?? []),
    ...(c.mandated === true ? ['OAMandate'] : []),
  ]))]
  if (publicFunding.length === 0) return null
  const awards = new Map<string, string>()
  for (const c of ranked) c.awards.forEach((a, i) => { if (!awards.has(c.keys[i]!)) awards.set(c.keys[i]!, a) })
  const lead = ranked[0]!
  const pick = (field: 'title' | 'funder' | 'programme') => ranked.find((c) => c[field])?.[field] ?? null
  const end = ranked.map((c) => c.end).filter((e): e is string => Boolean(e)).sort().pop() ?? null
  const running = end !== null && end.slice(0, 10) > today

  const missing = new Set<MissingCode>()
  if (dmps.length === 0) missing.add('dmp-missing')
  if (!products.some((p) => p.deposited)) missing.add('products-missing')
  if (products.some((p) => p.access !== 'open' && !p.exception)) missing.add('not-open-without-exception')
  if (products.some((p) => p.openFormats === false) || dmps.some((d) => d.proprietaryFormats.length > 0)) missing.add('data-not-open-format')
  const codes = MISSING_ORDER.filter((c) => missing.has(c))
  return {
    id: lead.origin === 'cerif-project' || lead.origin === 'grant' ? lead.entityId : `award:${awards.keys().next().value ?? lead.keys[0]}`,
    award: awards.values().next().value ?? null,
    awards: [...awards.values()],
    title: pick('title'), funder: pick('funder'), programme: pick('programme'),
    publicFunding, end, running,
    compliant: running ? null : codes.length === 0,
    missing: codes,
    dmps: dmps.sort((a, b) => a.id.localeCompare(b.id)),
    products: products.sort((a, b) => a.id.localeCompare(b.id)),
    articles: codes.map((code) => ({ code, articles: MISSING_ARTICLES[code] })),
    sources: [...new Set(group.flatMap((c) => c.sources))],
  }
}

/** Union–find over award keys: a project's several award numbers are one project. */
class DisjointSets {
  private parent = new Map<string, string>()
  find(key: string): string {
    let root = key
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!
    if (!this.parent.has(key)) this.parent.set(key, key)
    for (let k = key; k !== root;) { const next = this.parent.get(k)!; this.parent.set(k, root); k = next }
    return root
  }
  union(a: string, b: string): void {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra !== rb) this.parent.set(rb, ra)
  }
}
