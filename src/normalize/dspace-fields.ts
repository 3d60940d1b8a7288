// The shared core of the DSpace formats (xoai, dim): a flat list of qualified fields in, one ResearchOutput out.
// Pure: translates what the repository wrote and never judges it (compliance rules do that).
import { withAccessReason } from './shared/rights-statements.ts'
import type {
  Contributor, ContributorRole, FileRef, FordSubject, FundingReference, Identifier, LangString, MappingIssue,
  MappingResult, PersonRef, Relation, RelationType, ResearchOutput, Term, ThesisData,
} from '../model/index.ts'
import type { InputFormat, RawInput } from './types.ts'
import {
  chooseLandingPage, classifyIdentifier, isHttpUrl, looksLikeNationalId, normalizeDoi, normalizeHandle, normalizeIsbn,
  normalizeIssn, normalizeOrcid, UNCONFIGURED_HANDLE_PREFIX,
} from './shared/identifiers.ts'
import { fundingFromText, mergeFunding } from './shared/funding-text.ts'
import { isoDate } from './shared/dates.ts'
import { collapseWhitespace } from './shared/whitespace.ts'
import { parseXml, XmlError, type XmlElement } from './shared/xml-tree.ts'
import {
  datacitePeople, dataciteDates, dataciteIdentifiers, dataciteRelations, dataciteRights, dataciteSubjects, oaireFiles,
  oaireFunding, oaireTypes,
} from './dspace-datacite.ts'
import {
  accessRight, isNationalIdScheme, language, license, lookupFord, renatiLevel, renatiType, resourceType, version,
} from '../vocab/index.ts'

/** One DSpace metadata value, as both xoai and dim carry it. */
export interface DspaceField {
  /** Qualified name `schema.element[.qualifier]`: `dc.contributor.advisor`, `renati.level`. */
  element: string
  value: string
  lang?: string
  /** DSpace authority key: a UUID, an ORCID, or DSpace-CRIS's `will be referenced::ORCID::…`. */
  authority?: string
  /**
   * LA Referencia's xoai only: the DataCite/OpenAIRE attributes written as sibling fields of the value
   * (`rightsURI`, `uri`, `contributorType`, `funderIdentifierType`…), the enclosing elements' included.
   */
  attributes?: Record<string, string>
  /** LA Referencia's xoai only: values with the same group belong to one element (one creator, one fundingReference). */
  group?: number
}

/** A file of the item, when the format carries bitstreams (xoai `bundles`). */
export interface DspaceBitstream {
  /** DSpace bundle: ORIGINAL holds the deposited files; THUMBNAIL, TEXT and LICENSE are derived or administrative. */
  bundle: string
  url: string
  name?: string
  mimeType?: string
  size?: number
  /** DSpace-CRIS's per-file `drm` ("open access", "embargoed access", "metadata only access"). */
  access?: string
}

export interface DspaceRecord {
  fields: DspaceField[]
  bitstreams?: DspaceBitstream[]
  /** The item's Handle as DSpace states it (xoai `others/handle`). */
  handle?: string
}

export type RecordContext = Omit<RawInput, 'metadata'>

// ALICIA 2.1 (anchors-mission.md §2.3): renati.author.* / renati.advisor.* [dni, cext, pasaporte, cedula] hold
// identity document numbers. Issue #3: they never reach the model, a diagnostic or a log; only the name is listed.
const NATIONAL_ID_QUALIFIERS = new Set(['dni', 'cext', 'pasaporte', 'cedula', 'cédula', 'passport', 'ce'])

// Any short value that looks like an identity number is dropped, whatever its field (an abstract that mentions
// "el DNI" next to a figure is prose, hence the length cap). Fields whose legitimate values are 8–12 digits (an ISSN or ISBN-10 without hyphens, a compact date, a PMID),
// so the "looks like a DNI" test would drop good data there. Labelled IDs ("DNI 4512…") are never legitimate.
const DIGITS_ARE_EXPECTED = /^(?:dc\.identifier\.(?:issn|isbn|pmid)|dc\.date(?:\..+)?|renati\.discipline|datacite\.dates\.date(?:\..+)?|oaire\.fundingreferences\.fundingreference\.awardnumber)$/

const PERSON_GROUPS: { role: ContributorRole | 'creator'; names: string[]; orcids: string[] }[] = [
  // dc.identifier.orcid: a local field several DSpace sites (KAUST, UCLouvain) use for their authors' ORCIDs.
  { role: 'creator', names: ['dc.contributor.author', 'dc.creator'], orcids: ['renati.author.orcid', 'dc.contributor.author.orcid', 'dc.identifier.orcid'] },
  { role: 'advisor', names: ['dc.contributor.advisor'], orcids: ['renati.advisor.orcid', 'dc.contributor.advisor.orcid'] },
  { role: 'juror', names: ['renati.juror'], orcids: [] },
  { role: 'editor', names: ['dc.contributor.editor'], orcids: [] },
  { role: 'contributor', names: ['dc.contributor', 'dc.contributor.other'], orcids: [] },
]

const RELATION_TYPES: Record<string, RelationType> = {
  'dc.relation.ispartof': 'isPartOf', 'dc.relation.ispartofseries': 'isPartOf', 'dc.relation.haspart': 'hasPart',
  'dc.relation.isversionof': 'isVersionOf', 'dc.relation.references': 'references', 'dc.relation.issupplementto': 'isSupplementTo',
  'dc.relation': 'other', 'dc.relation.uri': 'other',
}

export function mapDspaceFields(record: DspaceRecord, context: RecordContext): MappingResult {
  const issues: MappingIssue[] = []
  const byName = new Map<string, DspaceField[]>()
  const firstSpelling = new Map<string, string>()
  const taken = new Set<string>()
  for (const field of record.fields) {
    const key = field.element.toLowerCase()
    const value = key === 'dc.description.abstract' || key === 'dc.description' ? tidyParagraphs(field.value) : collapseWhitespace(field.value)
    // An empty value (real Uruguay record: `<field name="value"/>`) is no field at all.
    if (!value) continue
    if (!firstSpelling.has(key)) firstSpelling.set(key, field.element)
    if (isNationalIdField(key)) continue
    // LA Referencia's DataCite identifiers say their scheme beside the value (nameIdentifierScheme, identifierType).
    if (field.attributes && Object.values(field.attributes).some(isNationalIdScheme)) continue
    if (looksLikeNationalId(value) && value.length <= 64 && (!DIGITS_ARE_EXPECTED.test(key) || /[a-z]/i.test(value))) {
      // The value is dropped on purpose and appears nowhere; an unknown field is still named in `unmapped`.
      issues.push({ path: field.element, message: 'a value that looks like a national identity number was dropped' })
      continue
    }
    const list = byName.get(key) ?? []
    list.push({ ...field, value })
    byName.set(key, list)
  }
  const take = (...names: string[]): DspaceField[] => names.flatMap((name) => {
    taken.add(name)
    return byName.get(name) ?? []
  })
  // Belt and braces (issue #3): even a value that reached a diagnostic is withheld when it looks like an identity number.
  const note = (path: string, message: string, value?: string) =>
    issues.push(value === undefined || looksLikeNationalId(value) ? { path, message } : { path, message, value })

  const persons = mapPersons(take, note)
  // LA Referencia's xoai: OpenAIRE v4 kept under datacite.* and oaire.* (dspace-datacite.ts).
  const datacite = datacitePeople(take, note)
  const creators = [...persons.creators, ...datacite.creators]
  const contributors = [...persons.contributors, ...datacite.contributors]

  const { type, version: versionTerm } = mapType(take, note)
  const rights = mapRights(take, note)
  const dataciteRightsRead = dataciteRights(take, note)
  const access = rights.access ?? dataciteRightsRead.access
  const licence = rights.licence ?? dataciteRightsRead.licence
  const { issued, embargoEnd } = mapDates(take, note, access)
  const languages = mapLanguages(take, note)
  const subjects = mapSubjects(byName, take, note)
  const dataciteSubjectsRead = dataciteSubjects(take, note)
  const keywords = [...subjects.keywords, ...dataciteSubjectsRead.keywords]
  const ford = [...subjects.ford, ...dataciteSubjectsRead.ford.filter((f) => !subjects.ford.some((s) => s.code === f.code))]
  // dc.description without a qualifier is a note in DSpace; LA Referencia's flattened copies put the abstract there.
  let abstracts = take('dc.description.abstract').map(langString)
  if (abstracts.length === 0 && byName.has('dc.description')) abstracts = take('dc.description').map(langString)
  const publisher = take('dc.publisher')[0]?.value ?? null
  const publisherCountry = mapCountry(take, note)
  const { identifiers, urls } = mapIdentifiers(record, take, note)
  const funding = mapFunding(take, note)
  const relations = [...mapRelations(take), ...dataciteRelations(take, note, identifiers)]
  const thesis = mapThesis(take, note)
  const files = mapFiles(record.bitstreams ?? [], note)
  for (const file of oaireFiles(take, note)) if (!files.some((f) => f.url === file.url)) files.push(file)

  // LA Referencia marks aggregated copies with dc.source `reponame:` / `instname:` / `instacron:` (real Uruguay record).
  let originalRepository: string | undefined
  const sources = byName.get('dc.source') ?? []
  if (sources.length > 0 && sources.every((f) => /^(?:reponame|instname|instacron):/i.test(f.value))) {
    take('dc.source')
    originalRepository = sources.find((f) => /^reponame:/i.test(f.value))?.value.replace(/^reponame:\s*/i, '')
  }

  const output: ResearchOutput = {
    id: `ro:${context.sourceId}:${context.oaiIdentifier}`,
    kind: 'research-output',
    titles: take('dc.title', 'dc.title.alternative', 'datacite.titles.title', 'datacite.title').map(langString),
    creators,
    contributors,
    type,
    ...(versionTerm ? { version: versionTerm } : {}),
    accessRight: access,
    embargoEnd,
    license: licence,
    issued,
    languages,
    keywords,
    ford,
    abstracts,
    publisher,
    ...(publisherCountry ? { publisherCountry } : {}),
    identifiers,
    landingPage: chooseLandingPage(urls, context.repositoryHost),
    files,
    funding,
    thesis,
    relations,
    provenance: [{
      sourceId: context.sourceId, oaiIdentifier: context.oaiIdentifier, datestamp: context.datestamp,
      harvestedAt: context.harvestedAt, metadataPrefix: context.metadataPrefix,
      ...(originalRepository ? { originalRepository } : {}),
    }],
  }
  const unmapped: string[] = []
  for (const [key, spelling] of firstSpelling) if (!taken.has(key)) unmapped.push(spelling)
  return { ok: true, entities: [withAccessReason(output, issues)], unmapped, issues }
}

export type Take = (...names: string[]) => DspaceField[]
export type Note = (path: string, message: string, value?: string) => void

function isNationalIdField(key: string): boolean {
  const last = key.split('.').at(-1) ?? ''
  return NATIONAL_ID_QUALIFIERS.has(last) || isNationalIdScheme(last)
}

/** XML indentation goes, paragraph breaks stay (real Huelva record: an abstract of six indented paragraphs). */
function tidyParagraphs(text: string): string {
  return text.split(/[ \t]*\r?\n[ \t\r\n]*/).map(collapseWhitespace).filter(Boolean).join('\n')
}

function langString(f: DspaceField): LangString {
  return f.lang ? { value: f.value, lang: f.lang } : { value: f.value }
}

function mapType(take: Take, note: Note): { type: ResearchOutput['type']; version?: Term } {
  let typeTerm: Term | null = null
  let versionTerm: Term | undefined
  const original: string[] = []
  // dc.type holds the version URI too in LA Referencia copies (real Uruguay and Huelva records).
  for (const f of take('dc.type')) {
    const rt = resourceType(f.value)
    if (rt) {
      typeTerm ??= { uri: rt.uri, label: rt.label }
      original.push(f.value)
      continue
    }
    const v = version(f.value)
    if (v) { versionTerm ??= { uri: v.uri, label: v.label }; continue }
    original.push(f.value)
    note('dc.type', 'resource type not recognised', f.value)
  }
  for (const f of take('dc.type.version')) {
    const v = version(f.value)
    if (v) versionTerm ??= { uri: v.uri, label: v.label }
    else note('dc.type.version', 'version not recognised', f.value)
  }
  const oaire = oaireTypes(take, note)
  typeTerm ??= oaire.terms[0] ?? null
  versionTerm ??= oaire.version
  original.push(...oaire.original.filter((v) => !original.includes(v)))
  const type = { uri: typeTerm?.uri ?? null, label: typeTerm?.label ?? null, original }
  return versionTerm ? { type, version: versionTerm } : { type }
}

/** ALICIA: dc.rights = access level, dc.rights.uri = licence; PUCP's real oai_dc shows CC URIs inside dc.rights too. */
function mapRights(take: Take, note: Note): { access: Term | null; licence: ResearchOutput['license'] } {
  let access: Term | null = null
  let licence: ResearchOutput['license'] = null
  for (const f of take('dc.rights.uri')) {
    const l = license(f.value)
    if (l) licence ??= { uri: l.uri, spdx: l.spdx }
    else note('dc.rights.uri', 'licence not recognised', f.value)
  }
  for (const f of take('dc.rights', 'dc.rights.accessrights')) {
    const a = accessRight(f.value)
    if (a) { access ??= { uri: a.uri, label: a.label }; continue }
    const l = license(f.value)
    if (l) { licence ??= { uri: l.uri, spdx: l.spdx }; continue }
    note('dc.rights', 'neither an access right nor a licence', f.value)
  }
  return { access, licence }
}

function mapLanguages(take: Take, note: Note): string[] {
  const languages: string[] = []
  for (const f of take('dc.language.iso', 'dc.language')) {
    const code = language(f.value)
    if (!code) note(f.element, 'language not recognised', f.value)
    else if (!languages.includes(code)) languages.push(code)
  }
  return languages
}

function mapSubjects(byName: Map<string, DspaceField[]>, take: Take, note: Note): { keywords: LangString[]; ford: FordSubject[] } {
  const keywords: LangString[] = []
  const ford: FordSubject[] = []
  const addFord = (f: DspaceField) => {
    const hit = lookupFord(f.value)
    if (!hit) return false
    if (!ford.some((s) => s.code === hit.code)) ford.push({ code: hit.code, uri: hit.uri, label: hit.label })
    return true
  }
  for (const f of take('dc.subject.ocde')) if (!addFord(f)) note('dc.subject.ocde', 'OCDE FORD code not recognised', f.value)
  for (const name of [...byName.keys()].filter((n) => n === 'dc.subject' || (n.startsWith('dc.subject.') && n !== 'dc.subject.ocde'))) {
    // PUCP's real oai_dc puts the FORD URI among the keywords: it is a FORD code wherever it stands.
    for (const f of take(name)) if (!(/pe-repo\/ocde\/ford/i.test(f.value) && addFord(f))) keywords.push(langString(f))
  }
  return { keywords, ford }
}

/** ALICIA: dc.publisher.country is a country code, `PE` (§2.3). */
function mapCountry(take: Take, note: Note): string | undefined {
  let country: string | undefined
  for (const f of take('dc.publisher.country')) {
    if (/^[a-z]{2}$/i.test(f.value)) country ??= f.value.toUpperCase()
    else note('dc.publisher.country', 'not an ISO 3166-1 alpha-2 code', f.value)
  }
  return country
}

function mapDates(take: Take, note: Note, access: Term | null): { issued: string | null; embargoEnd: string | null } {
  let issued: string | null = null
  let embargoEnd: string | null = null
  for (const f of take('dc.date.issued')) {
    const date = isoDate(f.value)
    if (date) issued ??= date
    else note('dc.date.issued', 'not a date', f.value)
  }
  for (const f of take('dc.date.embargoend')) {
    const date = isoDate(f.value)
    if (date) embargoEnd ??= date
    else note('dc.date.embargoEnd', 'not a date', f.value)
  }
  const datacite = dataciteDates(take, note, access)
  issued ??= datacite.issued
  embargoEnd ??= datacite.embargoEnd
  for (const f of take('dc.date')) {
    // OpenAIRE v3 writes the embargo end inside dc.date: info:eu-repo/date/embargoEnd/YYYY-MM-DD (§2.4).
    const embargo = /^info:eu-repo\/date\/embargoEnd\/(.+)$/i.exec(f.value)
    if (embargo) { embargoEnd ??= isoDate(embargo[1]!); continue }
    // An unqualified dc.date (LA Referencia's copies) mixes DSpace's accessioned/available machine timestamps
    // with the issued date the depositor typed: the first value that is not a full timestamp is the issued one.
    if (/^\d{4}(?:-\d{2}){0,2}$/.test(f.value)) issued ??= f.value
  }
  return { issued, embargoEnd }
}

function mapPersons(take: Take, note: Note): { creators: PersonRef[]; contributors: Contributor[] } {
  const creators: PersonRef[] = []
  const contributors: Contributor[] = []
  for (const group of PERSON_GROUPS) {
    const persons: PersonRef[] = []
    for (const f of take(...group.names)) {
      // LA Referencia appends the ORCID to the name: `Banda Gallego, Trinidad|||0000-0001-7948-1684` (real Huelva record).
      const [name = '', ...rest] = f.value.split('|||')
      const person: PersonRef = { name: name.trim() }
      const candidates = [...rest, ...orcidInText(f.authority)]
      for (const candidate of candidates) {
        const orcid = normalizeOrcid(candidate)
        if (!orcid) continue
        if (orcid.valid) { person.orcid ??= orcid.value; continue }
        note(f.element, 'ORCID check digit fails', orcid.value)
      }
      if (person.name) persons.push(person)
    }
    const orcids = take(...group.orcids).flatMap((f) => {
      // The iD may come bare, as a URL, or with the person's name around it.
      const orcid = normalizeOrcid(f.value) ?? normalizeOrcid(orcidInText(f.value)[0] ?? '')
      if (orcid?.valid) return [orcid.value]
      note(f.element, orcid ? 'ORCID check digit fails' : 'not an ORCID', f.value)
      return []
    })
    // renati.advisor.orcid is a separate field: DSpace keeps value order, so the n-th ORCID is the n-th person's.
    if (orcids.length > 0) {
      if (orcids.length === persons.length) persons.forEach((p, i) => { p.orcid ??= orcids[i] })
      else note(group.orcids[0]!, `${orcids.length} ORCID(s) for ${persons.length} person(s): not paired`, orcids.join(' '))
    }
    if (group.role === 'creator') creators.push(...persons)
    else contributors.push(...persons.map((p) => ({ ...p, role: group.role as ContributorRole })))
  }
  return { creators, contributors }
}

/** An ORCID inside a longer value, e.g. DSpace-CRIS's authority `will be referenced::ORCID::0000-…` (UUIDs hold none). */
function orcidInText(text: string | undefined): string[] {
  const match = text ? /\d{4}-\d{4}-\d{4}-\d{3}[\dX]/i.exec(text) : null
  return match ? [match[0]] : []
}

function mapIdentifiers(record: DspaceRecord, take: Take, note: Note): { identifiers: Identifier[]; urls: string[] } {
  const identifiers: Identifier[] = []
  const urls: string[] = []
  const add = (id: Identifier) => {
    if (!identifiers.some((i) => i.type === id.type && i.value === id.value)) identifiers.push(id)
  }
  const handle = (value: string): Identifier | null => {
    const h = normalizeHandle(value) ?? (/^\d+(?:\.\d+)*\/\S+$/.test(value) ? { value, unconfiguredPrefix: value.startsWith(`${UNCONFIGURED_HANDLE_PREFIX}/`) } : null)
    if (!h) return null
    return h.unconfiguredPrefix
      ? { type: 'handle', value: h.value, valid: false, problem: `unconfigured DSpace handle prefix ${UNCONFIGURED_HANDLE_PREFIX}` }
      : { type: 'handle', value: h.value }
  }
  for (const f of take('dc.identifier.uri', 'dc.identifier', 'dc.identifier.other', 'dc.identifier.url')) {
    if (isHttpUrl(f.value)) urls.push(f.value)
    const id = classifyIdentifier(f.value)
    if (id) add(id)
    else note(f.element, 'not an identifier we recognise', f.value)
  }
  const typed: [string, (v: string) => Identifier | null][] = [
    ['dc.identifier.doi', (v) => { const doi = normalizeDoi(v); return doi ? { type: 'doi', value: doi } : null }],
    ['dc.identifier.handle', handle],
    ['dc.identifier.issn', (v) => checked('issn', normalizeIssn(v))],
    ['dc.identifier.isbn', (v) => checked('isbn', normalizeIsbn(v))],
  ]
  for (const [name, read] of typed) {
    for (const f of take(name)) {
      const id = read(f.value)
      if (id) add(id)
      else note(f.element, `not a valid ${name.split('.').at(-1)!.toUpperCase()}`, f.value)
    }
  }
  if (record.handle) {
    const id = handle(record.handle)
    if (id) add(id)
  }
  const datacite = dataciteIdentifiers(take, note)
  for (const id of datacite.identifiers) add(id)
  urls.push(...datacite.urls)
  return { identifiers, urls }
}

function checked(type: 'issn' | 'isbn', result: { value: string; valid: boolean } | null): Identifier | null {
  if (!result) return null
  return result.valid ? { type, value: result.value } : { type, value: result.value, valid: false, problem: `${type.toUpperCase()} check digit fails` }
}

/** Funding from oaire.fundingReference (LA Referencia), dc.relation grantAgreement (OpenAIRE v3, §2.4) and the dc.description.sponsorship statement. */
function mapFunding(take: Take, note: Note): FundingReference[] {
  const structured: FundingReference[] = [...oaireFunding(take, note)]
  for (const f of take('dc.relation', 'dc.relation.uri', 'dc.relation.grantagreement')) {
    const ref = parseGrantAgreement(f.value)
    if (ref) structured.push(ref)
  }
  const fromText: FundingReference[] = []
  for (const f of take('dc.description.sponsorship')) {
    const refs = fundingFromText(f.value)
    if (refs.length > 0) fromText.push(...refs)
    else note('dc.description.sponsorship', 'names no funder or award number we recognise', f.value)
  }
  return mergeFunding(structured, fromText)
}

/** `info:eu-repo/grantAgreement/Funder/Program/ProjectID/[Jurisdiction]/[Name]/[Acronym]`; `/` inside a part is `%2F`. */
function parseGrantAgreement(value: string): FundingReference | null {
  const match = /^info:eu-repo\/grantAgreement\/(.*)$/i.exec(value.trim())
  if (!match) return null
  const [funder, programme, awardNumber, , awardTitle] = match[1]!.split('/').map((part) => {
    try { return decodeURIComponent(part).trim() } catch { return part.trim() }
  })
  return {
    ...(funder ? { funder } : {}), ...(programme ? { programme } : {}), ...(awardNumber ? { awardNumber } : {}),
    ...(awardTitle ? { awardTitle } : {}), origin: 'structured',
  }
}

function mapRelations(take: Take): Relation[] {
  const relations: Relation[] = []
  for (const name of Object.keys(RELATION_TYPES)) {
    for (const f of take(name)) {
      if (/^info:eu-repo\/grantAgreement\//i.test(f.value)) continue
      const type = RELATION_TYPES[name]!
      // ALICIA: dc.relation.isPartOf = `urn:issn:` + the journal's ISSN (§2.3).
      const issn = /^urn:issn:/i.test(f.value) ? normalizeIssn(f.value) : null
      if (issn) { relations.push({ type, target: issn.value, targetType: 'issn' }); continue }
      const id = classifyIdentifier(f.value)
      relations.push(id ? { type, target: id.value, targetType: id.type } : { type, target: f.value, targetType: 'text' })
    }
  }
  return relations
}

function mapThesis(take: Take, note: Note): ThesisData | null {
  const thesis: ThesisData = {}
  const term = (name: string, lookup: (v: string) => { uri: string; label: string } | null): Term | undefined => {
    for (const f of take(name)) {
      const hit = lookup(f.value)
      if (hit) return { uri: hit.uri, label: hit.label }
      note(name, 'not a RENATI term', f.value)
    }
    return undefined
  }
  const level = term('renati.level', renatiLevel) ?? term('thesis.degree.level', renatiLevel)
  if (level) thesis.level = level
  const type = term('renati.type', renatiType)
  if (type) thesis.renatiType = type
  // renati.discipline: the INEI programme code, bare (`412077`) or as a purl.org/pe-repo/inei/cpesutpt URI.
  const code = take('renati.discipline')[0]?.value
  if (code) thesis.disciplineCode = code.replace(/^.*#/, '')
  const text = (name: string) => take(name)[0]?.value
  const degreeName = text('thesis.degree.name')
  if (degreeName) thesis.degreeName = degreeName
  const discipline = text('thesis.degree.discipline')
  if (discipline) thesis.discipline = discipline
  const grantor = text('thesis.degree.grantor')
  if (grantor) thesis.grantor = grantor
  return Object.keys(thesis).length > 0 ? thesis : null
}

function mapFiles(bitstreams: DspaceBitstream[], note: Note): FileRef[] {
  const files: FileRef[] = []
  for (const b of bitstreams) {
    if (b.bundle.toUpperCase() !== 'ORIGINAL') continue
    // Without bitstream.baseUrl DSpace writes only the file name; an unconfigured one writes localhost: nothing to link to.
    if (!isHttpUrl(b.url)) { note('bundles', 'bitstream URL is not a public http(s) URL', b.url); continue }
    const file: FileRef = { url: b.url }
    if (b.name) file.name = b.name
    if (b.mimeType) file.mimeType = b.mimeType
    if (b.size !== undefined) file.size = b.size
    const access = b.access ? accessRight(b.access) : null
    if (access) file.access = { uri: access.uri, label: access.label }
    files.push(file)
  }
  return files
}

/**
 * The input format of a DSpace flavour (dim, xoai): parse, check the root, flatten into the DSpace core, map.
 * `label` names the format in diagnostics ("not a dim record", "the xoai record holds no metadata fields").
 */
export function dspaceFormat(format: {
  id: string; description: string; label: string; article: 'a' | 'an'; isRoot: (root: XmlElement) => boolean; flatten: (root: XmlElement) => DspaceRecord
}): InputFormat {
  return {
    id: format.id,
    description: format.description,
    map(input: RawInput): MappingResult {
      let root: XmlElement
      try {
        root = parseXml(input.metadata)
      } catch (error) {
        if (error instanceof XmlError) return { ok: false, error: `malformed XML: ${error.message}` }
        throw error
      }
      if (!format.isRoot(root)) return { ok: false, error: `not ${format.article} ${format.label} record: the root element is <${root.qname}>` }
      const record = format.flatten(root)
      if (record.fields.length === 0) return { ok: false, error: `the ${format.label} record holds no metadata fields` }
      const { metadata: _raw, ...context } = input
      return mapDspaceFields(record, context)
    },
  }
}
