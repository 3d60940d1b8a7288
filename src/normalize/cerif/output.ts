// CERIF Publication, Product and Patent (PerúCRIS and OpenAIRE CRIS profiles) into one ResearchOutput.
import type {
  Contributor, ContributorRole, FordSubject, FundingReference, Identifier, LangString, PersonRef, Relation, RelationType,
  ResearchOutput, Term, ThesisData,
} from '../../model/index.ts'
import { accessRight, language, license, lookupFord, renatiLevel, renatiType, resourceType, version } from '../../vocab/index.ts'
import { typedIdentifier } from '../shared/datacite.ts'
import { isoDate } from '../shared/dates.ts'
import { fundingFromText } from '../shared/funding-text.ts'
import { chooseLandingPage, isHttpUrl } from '../shared/identifiers.ts'
import { child, children, textOf, type XmlElement } from '../shared/xml-tree.ts'
import { mapOrigins } from './origins.ts'
import { entityId, itemsOf, langStrings, orgName, personRef, provenance, textIn, type CerifContext } from './read.ts'

export type OutputRoot = 'Publication' | 'Product' | 'Patent'

// Per entity: the element holding the title, the abstract, the people who made it, and the publication date.
const SHAPE: Record<OutputRoot, { title: string; abstract: string; makers: [string, string]; dates: string[] }> = {
  Publication: { title: 'Title', abstract: 'Abstract', makers: ['Authors', 'Author'], dates: ['PublicationDate'] },
  Product: { title: 'Name', abstract: 'Description', makers: ['Creators', 'Creator'], dates: ['PublicationDate'] },
  // A patent is issued when it is published (OpenAIRE's example) or granted (ApprovalDate, PerúCRIS's example);
  // RegistrationDate is its filing, not its issue.
  Patent: { title: 'Title', abstract: 'Abstract', makers: ['Inventors', 'Inventor'], dates: ['PublicationDate', 'ApprovalDate'] },
}

// Typed identifier elements of the three entities (OpenAIRE CRIS publication/product/patent entity pages).
const ID_ELEMENTS: Record<string, string> = {
  DOI: 'doi', Handle: 'handle', URL: 'url', ISSN: 'issn', ISBN: 'isbn', URN: 'urn', ARK: 'ark', PMCID: 'pmcid',
  'ISI-Number': 'wos', 'SCP-Number': 'scopus', PatentNumber: 'patent',
}

const CONTRIBUTORS: [string, string, ContributorRole][] = [['Editors', 'Editor', 'editor'], ['Advisors', 'Advisor', 'advisor']]

const RELATIONS: [string, RelationType][] = [
  ['PublishedIn', 'isPartOf'], ['PartOf', 'isPartOf'], ['Parts', 'hasPart'], ['References', 'references'],
  ['ReferencedBy', 'other'], ['Predecessor', 'other'],
]

export function mapOutput(root: XmlElement, kind: OutputRoot, ctx: CerifContext): ResearchOutput {
  const shape = SHAPE[kind]
  const taken = new Set<string>()
  const get = (name: string): XmlElement[] => { taken.add(name); return children(root, name) }

  const typed = mapTypes(get('Type'), ctx)
  const access = mapAccess(get('Access'), ctx)
  const ids = mapIdentifiers(root, taken, ctx)
  const subjects = mapSubjects(get('Subject'), [...get('Keyword'), ...get('Keywords')], ctx)
  const funded = mapOrigins(root, taken, ctx)
  const thesis = mapThesis(get('InSupportOf'), typed.renatiType, ctx)
  const publisher = mapPublisher(get('Publishers'), get('Issuer'), ctx)
  const countryCode = get('CountryCode').map((e) => textOf(e)).find((c) => /^[A-Z]{2}$/i.test(c))
  const versionTerm = mapVersion(get('Version'), ctx)
  const dated = shape.dates.flatMap((name) => get(name).map((e) => ({ name, text: textOf(e) })))[0]
  const issued = dated ? isoDate(dated.text) : null
  if (dated && !issued) ctx.notes.issue(dated.name, 'not an ISO 8601 date', dated.text)

  const output: ResearchOutput = {
    id: entityId('ro', ctx.input),
    kind: 'research-output',
    titles: [...langStrings(root, shape.title), ...langStrings(root, 'Subtitle')],
    creators: people(itemsOf(root, ...shape.makers), '/creators', ctx),
    contributors: mapContributors(root, taken, ctx),
    type: typed.type,
    ...(versionTerm ? { version: versionTerm } : {}),
    accessRight: access.access,
    embargoEnd: access.embargoEnd,
    license: mapLicense(get('License'), ctx),
    issued,
    languages: mapLanguages(get('Language'), ctx),
    keywords: subjects.keywords,
    ford: subjects.ford,
    abstracts: langStrings(root, shape.abstract),
    publisher,
    ...(countryCode ? { publisherCountry: countryCode.toUpperCase() } : {}),
    identifiers: ids.identifiers,
    landingPage: chooseLandingPage(ids.urls, ctx.input.repositoryHost),
    files: [],
    funding: [...funded.funding, ...mapSponsorship(root, taken, ctx)],
    thesis,
    relations: [...mapRelations(root, taken, ctx), ...funded.relations],
    provenance: provenance(ctx.input),
  }
  for (const name of [shape.title, 'Subtitle', shape.makers[0], shape.abstract, 'Advisors', 'Editors']) taken.add(name)
  for (const c of root.children) if (!taken.has(c.name)) ctx.notes.skip(c.name)
  return output
}

function people(holders: XmlElement[], path: string, ctx: CerifContext): PersonRef[] {
  return holders.flatMap((h, i) => personRef(h, `${path}/${i}`, ctx) ?? [])
}

// ─── type, access, licence, version, language ───────────────────────────────

/**
 * `Type` in a COAR namespace (COAR_Publication_Types, _Product_Types, _Patent_Types) is the resource type; PerúCRIS
 * adds a second `Type` in the renati/type scheme for theses. Types of other schemes (INDECOPI's patent classes)
 * have no place in the model and are listed as unmapped.
 */
function mapTypes(elements: XmlElement[], ctx: CerifContext): { type: ResearchOutput['type']; renatiType?: Term } {
  const type: ResearchOutput['type'] = { uri: null, label: null, original: [] }
  let renati: Term | undefined
  for (const element of elements) {
    const value = textOf(element)
    const scheme = element.attrs.scheme ?? ''
    if (/renati\/type/i.test(`${scheme} ${value}`)) {
      const hit = renatiType(value)
      if (hit) renati ??= { uri: hit.uri, label: hit.label }
      else ctx.notes.issue('Type', 'not a RENATI type', value)
      continue
    }
    if (!/COAR_/i.test(element.ns) && !/purl\.org\/coar\/resource_type/i.test(value)) {
      ctx.notes.skip(`Type[@scheme=${scheme || element.ns}]`)
      continue
    }
    type.original.push(value)
    const hit = resourceType(value)
    if (!hit) { ctx.notes.issue('/type', 'not a COAR resource type', value); continue }
    if (!type.uri) { type.uri = hit.uri; type.label = hit.label }
    else if (hit.uri !== type.uri) ctx.notes.issue('/type', `several resource types; kept ${type.uri}`, value)
  }
  return renati ? { type, renatiType: renati } : { type }
}

/** `Access` holds a COAR access right; PerúCRIS puts the embargo end in its `endDate` (Schematron: only on c_f1cf). */
function mapAccess(elements: XmlElement[], ctx: CerifContext): { access: Term | null; embargoEnd: string | null } {
  let access: Term | null = null
  let embargoEnd: string | null = null
  for (const element of elements) {
    const value = textOf(element)
    const hit = accessRight(value)
    if (!hit) { ctx.notes.issue('/accessRight', 'not a COAR access right', value); continue }
    access ??= { uri: hit.uri, label: hit.label }
    const end = element.attrs.endDate?.trim()
    if (end) {
      const date = isoDate(end)
      if (date) embargoEnd ??= date
      else ctx.notes.issue('/embargoEnd', 'Access endDate is not an ISO 8601 date', end)
    }
  }
  return { access, embargoEnd }
}

/** `License` (scheme LicenseTypes): a URL or PerúCRIS's own form, `CCAttribution(BY-NC-ND/4.0/)`. */
function mapLicense(elements: XmlElement[], ctx: CerifContext): ResearchOutput['license'] {
  for (const element of elements) {
    const value = textOf(element)
    const hit = license(value)
    if (hit) return { uri: hit.uri, spdx: hit.spdx }
    ctx.notes.issue('/license', 'not a licence we recognise', value)
  }
  return null
}

function mapVersion(elements: XmlElement[], ctx: CerifContext): Term | undefined {
  for (const element of elements) {
    const hit = version(textOf(element))
    if (hit) return { uri: hit.uri, label: hit.label }
    ctx.notes.issue('/version', 'not a COAR version', textOf(element))
  }
  return undefined
}

function mapLanguages(elements: XmlElement[], ctx: CerifContext): string[] {
  const codes: string[] = []
  for (const element of elements) {
    const code = language(textOf(element))
    if (!code) ctx.notes.issue('/languages', 'not a language we can map to ISO 639-3', textOf(element))
    else if (!codes.includes(code)) codes.push(code)
  }
  return codes
}

// ─── subjects ───────────────────────────────────────────────────────────────

/** `Subject scheme=".../ocde/ford"` is a FORD code (http and https purls both occur); other schemes (MeSH, IPC) and `Keyword` are keywords. */
function mapSubjects(subjects: XmlElement[], keywordElements: XmlElement[], ctx: CerifContext): { keywords: LangString[]; ford: FordSubject[] } {
  const keywords: LangString[] = []
  const ford: FordSubject[] = []
  const keyword = (element: XmlElement) => {
    const value = textOf(element)
    const lang = element.attrs['xml:lang']
    if (value && !keywords.some((k) => k.value === value)) keywords.push(lang ? { value, lang } : { value })
  }
  for (const element of subjects) {
    const value = textOf(element)
    const isFord = /ocde\/ford/i.test(`${element.attrs.scheme ?? ''} ${value}`)
    const hit = isFord ? lookupFord(value) : null
    if (hit) {
      if (!ford.some((f) => f.code === hit.code)) ford.push({ code: hit.code, uri: hit.uri, label: hit.label })
      continue
    }
    if (isFord) ctx.notes.issue('/ford', 'FORD subject not found in the OCDE FORD vocabulary; kept as a keyword', value)
    keyword(element)
  }
  for (const element of keywordElements) keyword(element)
  return { keywords, ford }
}

// ─── identifiers, publisher ─────────────────────────────────────────────────

function mapIdentifiers(root: XmlElement, taken: Set<string>, ctx: CerifContext): { identifiers: Identifier[]; urls: string[] } {
  const identifiers: Identifier[] = []
  const urls: string[] = []
  for (const element of root.children) {
    const kind = ID_ELEMENTS[element.name]
    if (!kind) continue
    taken.add(element.name)
    const value = textOf(element)
    if (isHttpUrl(value)) urls.push(value)
    const id = identifierOf(kind, value)
    if (!id) { ctx.notes.issue(element.name, `not a valid ${element.name}`, value); continue }
    if (id.valid === false) ctx.notes.issue('/identifiers', id.problem ?? 'invalid identifier', value)
    if (!identifiers.some((i) => i.type === id.type && i.value === id.value)) identifiers.push(id)
  }
  return { identifiers, urls }
}

/** Typed as the element says; Web of Science, Scopus and patent numbers are kept as `other` with a scheme prefix. */
function identifierOf(kind: string, value: string): Identifier | null {
  if (!value) return null
  if (kind === 'wos' || kind === 'scopus' || kind === 'patent') return { type: 'other', value: `${kind}:${value}` }
  return typedIdentifier(kind, value)
}

/** The first publisher (an OrgUnit, or a Person); a patent's Issuer (the patent office) is its publisher. */
function mapPublisher(publishers: XmlElement[], issuers: XmlElement[], ctx: CerifContext): string | null {
  const names = [...publishers.flatMap((p) => children(p, 'Publisher')), ...issuers].flatMap((holder) => {
    const org = child(holder, 'OrgUnit')
    const name = org ? orgName(org) : personRef(holder, '/publisher', ctx)?.name ?? textIn(holder, 'DisplayName')
    return name ? [name] : []
  })
  if (names.length > 1 && new Set(names).size > 1) ctx.notes.issue('/publisher', `several publishers; kept "${names[0]}"`, names.slice(1).join(' | '))
  return names[0] ?? null
}

// ─── contributors, thesis ───────────────────────────────────────────────────

/** Editors and (PerúCRIS) Advisors, then the thesis jurors of InSupportOf/Qualification/Jurors. */
function mapContributors(root: XmlElement, taken: Set<string>, ctx: CerifContext): Contributor[] {
  const out: Contributor[] = []
  const add = (holders: XmlElement[], role: ContributorRole) => {
    for (const person of people(holders, '/contributors', ctx)) out.push({ ...person, role })
  }
  for (const [container, item, role] of CONTRIBUTORS) { taken.add(container); add(itemsOf(root, container, item), role) }
  const qualifications = itemsOf(root, 'InSupportOf', 'Qualification')
  add(qualifications.flatMap((q) => itemsOf(q, 'Jurors', 'Juror')), 'juror')
  return out
}

/**
 * PerúCRIS thesis data: the RENATI type (a root `Type`), and InSupportOf/Qualification: Title (the degree's name),
 * Type (renati/level), Discipline (INEI cpesutpt code), Grantor (the faculty, inside its university).
 */
function mapThesis(insupport: XmlElement[], renati: Term | undefined, ctx: CerifContext): ThesisData | null {
  const thesis: ThesisData = {}
  if (renati) thesis.renatiType = renati
  const qualification = insupport.flatMap((i) => children(i, 'Qualification'))[0]
  if (qualification) {
    const degreeName = textIn(qualification, 'Title')
    if (degreeName) thesis.degreeName = degreeName
    for (const type of children(qualification, 'Type')) {
      const hit = renatiLevel(textOf(type))
      if (hit) { thesis.level ??= { uri: hit.uri, label: hit.label }; continue }
      ctx.notes.issue('InSupportOf/Qualification/Type', 'not a RENATI level', textOf(type))
    }
    const discipline = textIn(qualification, 'Discipline')
    if (discipline) thesis.disciplineCode = discipline.replace(/^.*#/, '')
    const grantor = child(qualification, 'Grantor')
    const org = grantor ? child(grantor, 'OrgUnit') : undefined
    if (org) thesis.grantor = orgChain(org)
  }
  return Object.keys(thesis).length > 0 ? thesis : null
}

/** "Universidad Peruana de Ciencias Aplicadas. Facultad de Ingeniería": the outermost unit first, as ALICIA's thesis.degree.grantor reads. */
function orgChain(org: XmlElement): string {
  const names: string[] = []
  for (let unit: XmlElement | undefined = org; unit && names.length < 10; unit = itemsOf(unit, 'PartOf', 'OrgUnit')[0]) {
    const name = orgName(unit)
    if (name) names.unshift(name)
  }
  return names.join('. ')
}

// ─── relations, sponsorship ─────────────────────────────────────────────────

/** PublishedIn, PartOf, Parts, References…: the neighbour by its ISSN, ISBN, DOI, Handle, patent number or URL, else by reference or title. */
function mapRelations(root: XmlElement, taken: Set<string>, ctx: CerifContext): Relation[] {
  const relations: Relation[] = []
  for (const [container, type] of RELATIONS) {
    taken.add(container)
    const neighbours = children(root, container).flatMap((c) => c.children.flatMap((n) => (n.name === 'Part' ? n.children : [n])))
    for (const neighbour of neighbours) {
      const relation = relationTo(neighbour, type, ctx)
      if (relation) relations.push(relation)
    }
  }
  return relations
}

function relationTo(neighbour: XmlElement, type: RelationType, ctx: CerifContext): Relation | null {
  for (const name of ['ISSN', 'ISBN', 'DOI', 'Handle', 'PatentNumber', 'URL']) {
    for (const element of children(neighbour, name)) {
      const id = identifierOf(ID_ELEMENTS[name]!, textOf(element))
      if (id) return { type, target: id.value, targetType: id.type }
    }
  }
  // Then the neighbour's own record, when its id resolves to an OAI identifier; then its title; then its bare id.
  const ref = neighbour.attrs.id ? ctx.ref(neighbour.attrs.id) : ''
  if (ref.startsWith('oai:')) return { type, target: ref, targetType: 'other' }
  const title = textIn(neighbour, 'Title') || textIn(neighbour, 'Name') || ref
  return title ? { type, target: title, targetType: 'text' } : null
}

/** A sponsorship statement, where a CRIS writes one as text (PerúCRIS publication example, research note §5.1). */
function mapSponsorship(root: XmlElement, taken: Set<string>, ctx: CerifContext): FundingReference[] {
  const statements = root.children.filter((c) => /^sponsorship$/i.test(c.name))
  for (const s of statements) taken.add(s.name)
  return statements.flatMap((s) => {
    const refs = fundingFromText(textOf(s))
    if (refs.length === 0) ctx.notes.issue(s.name, 'names no funder or award number we recognise', textOf(s))
    return refs
  })
}
