// The oai_openaire input format (OpenAIRE Guidelines for Literature Repositories v4) into one ResearchOutput.
// Field names and attributes follow the guidelines' application profile (research/anchors-mission.md §4.1).
import { withAccessReason } from './shared/rights-statements.ts'
import type {
  Contributor, FileRef, FordSubject, FundingReference, Identifier, LangString, MappingResult, PersonRef, Relation,
  ResearchOutput, Term,
} from '../model/index.ts'
import { accessRight, language, license, lookupFord, resourceType, version } from '../vocab/index.ts'
import type { InputFormat, RawInput } from './types.ts'
import { contributorRole, funderIdentifier, isOrcidIdentifier, relationType, typedIdentifier } from './shared/datacite.ts'
import { isoDate } from './shared/dates.ts'
import { chooseLandingPage, isHttpUrl, normalizeOrcid } from './shared/identifiers.ts'
import { Notes } from './shared/notes.ts'
import { child, children, parseXml, textOf, type XmlElement } from './shared/xml-tree.ts'

const OAIRE = 'http://namespace.openaire.eu/schema/oaire/'
const DATACITE = 'http://datacite.org/schema/kernel-4'
const DC = 'http://purl.org/dc/elements/1.1/'
const DCTERMS = 'http://purl.org/dc/terms/'
const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

export const oaiOpenaire: InputFormat = {
  id: 'oai_openaire',
  description: 'OpenAIRE Guidelines for Literature Repositories v4 (oai_openaire: DataCite, Dublin Core and oaire elements)',
  map: mapOaiOpenaire,
}

export function mapOaiOpenaire(input: RawInput): MappingResult {
  let root: XmlElement
  try {
    root = parseXml(input.metadata)
  } catch (error) {
    return { ok: false, error: `the metadata is not well-formed XML: ${(error as Error).message}` }
  }
  if (root.name !== 'resource' || root.ns !== OAIRE) {
    return { ok: false, error: `expected an OpenAIRE v4 <resource> in ${OAIRE}, found <${root.qname}>${root.ns ? ` in ${root.ns}` : ''}` }
  }
  try {
    const notes = new Notes()
    const output = mapResource(root, input, notes)
    return { ok: true, entities: [withAccessReason(output, notes.issues)], unmapped: notes.sortedUnmapped(), issues: notes.issues }
  } catch (error) {
    // A bug, not bad data; the run still goes on (issue #3: a record that cannot be mapped keeps its raw form).
    return { ok: false, error: `oai_openaire mapper failed: ${(error as Error).message}` }
  }
}

/** The record's elements by local name; elements of other namespaces, or unknown ones, are reported as unmapped. */
function mapResource(root: XmlElement, input: RawInput, notes: Notes): ResearchOutput {
  const known = new Set([OAIRE, DATACITE, DC, DCTERMS])
  const by = new Map<string, XmlElement[]>()
  for (const element of root.children) {
    if (!known.has(element.ns)) { notes.skip(element.qname); continue }
    const list = by.get(element.name) ?? []
    list.push(element)
    by.set(element.name, list)
  }
  const taken = new Set<string>()
  const get = (name: string): XmlElement[] => { taken.add(name); return by.get(name) ?? [] }
  const inner = (container: string, item: string): XmlElement[] => get(container).flatMap((c) => children(c, item))

  const type = mapResourceType(get('resourceType'), notes)
  const access = mapAccess(get('rights'), notes)
  const dates = mapDates(inner('dates', 'date'), access, notes)
  const ids = mapIdentifiers(get('identifier'), inner('alternateIdentifiers', 'alternateIdentifier'), notes)
  const related = mapRelated(inner('relatedIdentifiers', 'relatedIdentifier'), ids.identifiers, notes)
  const citationTitle = get('citationTitle').map((e) => textOf(e)).filter(Boolean)
  const subjects = mapSubjects(inner('subjects', 'subject'), notes)
  const publishers = get('publisher').map((e) => textOf(e)).filter(Boolean)
  if (publishers.length > 1) notes.issue('/publisher', `several publishers; kept "${publishers[0]}"`, publishers.slice(1).join(' | '))
  const files = mapFiles(get('file'), get('format'), notes)
  const versionTerm = mapVersion(get('version'), notes)

  const output: ResearchOutput = {
    id: `ro:${input.sourceId}:${input.oaiIdentifier}`,
    kind: 'research-output',
    titles: inner('titles', 'title').map(langString).filter((t) => t.value),
    creators: inner('creators', 'creator').flatMap((c, i) => person(c, 'creator', `/creators/${i}`, notes) ?? []),
    contributors: mapContributors(inner('contributors', 'contributor'), notes),
    type,
    ...(versionTerm ? { version: versionTerm } : {}),
    accessRight: access,
    embargoEnd: dates.embargoEnd,
    license: mapLicense(get('licenseCondition'), notes),
    issued: dates.issued,
    languages: mapLanguages(get('language'), notes),
    keywords: subjects.keywords,
    ford: subjects.ford,
    abstracts: get('description').map(langString).filter((d) => d.value),
    publisher: publishers[0] ?? null,
    identifiers: ids.identifiers,
    landingPage: chooseLandingPage(ids.urls, input.repositoryHost),
    files,
    funding: inner('fundingReferences', 'fundingReference').flatMap((f) => fundingReference(f, notes) ?? []),
    thesis: null,
    // oaire:citationTitle names the journal (or book, proceedings) the work is part of (field_citationtitle).
    relations: [...related, ...citationTitle.map((t): Relation => ({ type: 'isPartOf', target: t, targetType: 'text' }))],
    provenance: [{
      sourceId: input.sourceId, oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp,
      harvestedAt: input.harvestedAt, metadataPrefix: input.metadataPrefix,
    }],
  }
  for (const [name, elements] of by) if (!taken.has(name)) for (const e of elements) notes.skip(e.qname)
  return output
}

function langString(element: XmlElement): LangString {
  const value = textOf(element)
  const lang = element.attrs['xml:lang']
  return lang ? { value, lang } : { value }
}

// ─── people ─────────────────────────────────────────────────────────────────

/**
 * A creator or contributor: the name, an ORCID when a nameIdentifier says so (field_creator: `nameIdentifierScheme`
 * ORCID), affiliations as text. Other nameIdentifiers are never read: the person allow-list is name, ORCID, affiliation.
 */
function person(element: XmlElement, kind: 'creator' | 'contributor', path: string, notes: Notes): PersonRef | null {
  const given = textOf(child(element, 'givenName'))
  const family = textOf(child(element, 'familyName'))
  const name = textOf(child(element, `${kind}Name`)) || [family, given].filter(Boolean).join(', ')
  if (!name) { notes.issue(path, `a ${kind} without a name`); return null }
  const ref: PersonRef = { name }
  for (const id of children(element, 'nameIdentifier')) {
    const value = textOf(id)
    if (!isOrcidIdentifier(id.attrs.nameIdentifierScheme, id.attrs.schemeURI, value)) { notes.skip(`datacite:nameIdentifier[@nameIdentifierScheme=${id.attrs.nameIdentifierScheme ?? ''}]`); continue }
    const orcid = normalizeOrcid(value)
    if (orcid?.valid) ref.orcid ??= orcid.value
    else notes.issue(`${path}/orcid`, orcid ? 'ORCID check digit fails (ISO 7064 mod 11-2); not kept' : 'not an ORCID iD', value)
  }
  const affiliations = children(element, 'affiliation').map((a) => textOf(a)).filter(Boolean)
  if (affiliations.length > 0) ref.affiliations = [...new Set(affiliations)]
  return ref
}

function mapContributors(elements: XmlElement[], notes: Notes): Contributor[] {
  const out: Contributor[] = []
  for (const element of elements) {
    const type = element.attrs.contributorType
    const role = contributorRole(type, child(element, 'contributorName')?.attrs.nameType)
    if (!role) { notes.skip(`datacite:contributor[@contributorType=${type ?? ''}]`); continue }
    const ref = person(element, 'contributor', `/contributors/${out.length}`, notes)
    if (ref) out.push({ ...ref, role })
  }
  return out
}

// ─── type, access, licence, version, dates ──────────────────────────────────

/** field_resourcetype: the COAR URI in `uri`, the label as text; `original` keeps both as written. */
function mapResourceType(elements: XmlElement[], notes: Notes): ResearchOutput['type'] {
  const type: ResearchOutput['type'] = { uri: null, label: null, original: [] }
  for (const element of elements) {
    const uri = element.attrs.uri?.trim()
    const text = textOf(element)
    type.original.push(...[uri, text].filter((v): v is string => Boolean(v)))
    const hit = (uri ? resourceType(uri) : null) ?? (text ? resourceType(text) : null)
    if (!hit) { notes.issue('/type', 'not a COAR resource type', uri || text); continue }
    if (!type.uri) { type.uri = hit.uri; type.label = hit.label }
    else if (hit.uri !== type.uri) notes.issue('/type', `several resource types; kept ${type.uri}`, uri || text)
  }
  return type
}

/** field_accessrights: the COAR URI in `rightsURI` (the guidelines' example) or `uri` (their text), the label as text. */
function mapAccess(elements: XmlElement[], notes: Notes): Term | null {
  let access: Term | null = null
  for (const element of elements) {
    const uri = (element.attrs.rightsURI ?? element.attrs.uri ?? '').trim()
    const text = textOf(element)
    const hit = (uri ? accessRight(uri) : null) ?? (text ? accessRight(text) : null)
    if (!hit) { notes.issue('/accessRight', 'not a COAR access right', uri || text); continue }
    if (!access) access = { uri: hit.uri, label: hit.label }
    else if (hit.uri !== access.uri) notes.issue('/accessRight', `several access rights; kept ${access.uri}`, uri || text)
  }
  return access
}

/** field_licensecondition: the licence URI in `uri`, its name as text. */
function mapLicense(elements: XmlElement[], notes: Notes): ResearchOutput['license'] {
  let kept: ResearchOutput['license'] = null
  for (const element of elements) {
    const uri = element.attrs.uri?.trim() ?? ''
    const text = textOf(element)
    const hit = (uri ? license(uri) : null) ?? (text ? license(text) : null)
    if (!hit) { notes.issue('/license', 'not a licence we recognise', uri || text); continue }
    if (!kept) kept = { uri: hit.uri, spdx: hit.spdx }
    else if (hit.uri !== kept.uri) notes.issue('/license', `several licences; kept ${kept.uri}`, uri || text)
  }
  return kept
}

function mapVersion(elements: XmlElement[], notes: Notes): Term | undefined {
  for (const element of elements) {
    const uri = element.attrs.uri?.trim() ?? ''
    const hit = (uri ? version(uri) : null) ?? version(textOf(element))
    if (hit) return { uri: hit.uri, label: hit.label }
    notes.issue('/version', 'not a COAR version', uri || textOf(element))
  }
  return undefined
}

/**
 * field_publicationdate: `Issued` is the publication date. field_embargoenddate: on embargoed access, `Accepted`
 * starts the embargo and `Available` ends it; on other access levels `Available` is only the date it went online.
 */
function mapDates(elements: XmlElement[], access: Term | null, notes: Notes): { issued: string | null; embargoEnd: string | null } {
  let issued: string | null = null
  let embargoEnd: string | null = null
  for (const element of elements) {
    const type = (element.attrs.dateType ?? '').trim()
    const text = textOf(element)
    const date = isoDate(text)
    if (!date) { notes.issue('/issued', `datacite:date ${type} is not an ISO 8601 date`, text); continue }
    if (type === 'Issued') issued ??= date
    else if (type === 'Available' && access?.uri === EMBARGOED) embargoEnd ??= date
    else notes.skip(`datacite:date[@dateType=${type}]`)
  }
  return { issued, embargoEnd }
}

function mapLanguages(elements: XmlElement[], notes: Notes): string[] {
  const codes: string[] = []
  for (const element of elements) {
    const text = textOf(element)
    const code = language(text)
    if (!code) notes.issue('/languages', 'not a language we can map to ISO 639-3', text)
    else if (!codes.includes(code)) codes.push(code)
  }
  return codes
}

// ─── subjects ───────────────────────────────────────────────────────────────

/** field_subject: a FORD code by `valueURI`, or by a FORD/OCDE `subjectScheme`/`schemeURI`; the rest are keywords. */
function mapSubjects(elements: XmlElement[], notes: Notes): { keywords: LangString[]; ford: FordSubject[] } {
  const keywords: LangString[] = []
  const ford: FordSubject[] = []
  for (const element of elements) {
    const text = textOf(element)
    const valueUri = element.attrs.valueURI?.trim() ?? ''
    const scheme = `${element.attrs.subjectScheme ?? ''} ${element.attrs.schemeURI ?? ''}`
    const fordNamed = /ford|ocde/i.test(scheme) || /pe-repo\/ocde\/ford/i.test(`${valueUri} ${text}`)
    const hit = (valueUri ? lookupFord(valueUri) : null) ?? (fordNamed ? lookupFord(text) : null)
    if (hit) {
      if (!ford.some((f) => f.code === hit.code)) ford.push({ code: hit.code, uri: hit.uri, label: hit.label })
      continue
    }
    if (fordNamed) notes.issue('/ford', 'FORD subject not found in the OCDE FORD vocabulary; kept as a keyword', valueUri || text)
    if (text && !keywords.some((k) => k.value === text)) keywords.push(langString(element))
  }
  return { keywords, ford }
}

// ─── identifiers, relations, files, funding ─────────────────────────────────

/** field_resourceidentifier (the work's own identifier) and field_alternativeidentifier (other identifiers of it). */
function mapIdentifiers(main: XmlElement[], alternates: XmlElement[], notes: Notes): { identifiers: Identifier[]; urls: string[] } {
  const identifiers: Identifier[] = []
  const urls: string[] = []
  const read = (element: XmlElement, typeAttr: string, path: string) => {
    const text = textOf(element)
    if (isHttpUrl(text)) urls.push(text)
    const id = typedIdentifier(element.attrs[typeAttr], text)
    if (!id) { notes.issue(path, `not a ${element.attrs[typeAttr] ?? 'known'} identifier`, text); return }
    if (id.valid === false) notes.issue('/identifiers', id.problem ?? 'invalid identifier', text)
    if (!identifiers.some((i) => i.type === id.type && i.value === id.value)) identifiers.push(id)
  }
  for (const element of main) read(element, 'identifierType', 'datacite:identifier')
  for (const element of alternates) read(element, 'alternateIdentifierType', 'datacite:alternateIdentifier')
  return { identifiers, urls }
}

/** field_relatedidentifier: `IsPartOf` an ISSN names the journal (ALICIA's dc.relation.isPartOf); the work's own ids are skipped. */
function mapRelated(elements: XmlElement[], own: Identifier[], notes: Notes): Relation[] {
  const relations: Relation[] = []
  for (const element of elements) {
    const text = textOf(element)
    const id = typedIdentifier(element.attrs.relatedIdentifierType, text)
    if (id?.valid === false) notes.issue('/relations', id.problem ?? 'invalid identifier', text)
    if (id && own.some((o) => o.type === id.type && o.value === id.value)) continue
    relations.push(id ? { type: relationType(element.attrs.relationType), target: id.value, targetType: id.type }
      : { type: relationType(element.attrs.relationType), target: text, targetType: 'text' })
  }
  return relations
}

/** field_filelocation: the URL as text, `mimeType`, `accessRightsURI` (COAR) and `objectType` (the model keeps no objectType). */
function mapFiles(elements: XmlElement[], formats: XmlElement[], notes: Notes): FileRef[] {
  const mimes = [...new Set(formats.map((f) => textOf(f)).filter((t) => /^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i.test(t)))]
  // dc:format lists the MIME types of the files (field_format): with one file that states none and one type, they pair up.
  const paired = elements.length === 1 && mimes.length === 1 && !elements[0]!.attrs.mimeType?.trim() ? mimes[0] : undefined
  if (formats.length > 0 && !paired) notes.skip('dc:format')
  const files: FileRef[] = []
  for (const element of elements) {
    const url = textOf(element)
    if (!isHttpUrl(url)) { notes.issue('oaire:file', 'file location is not an http(s) URL', url); continue }
    const file: FileRef = { url }
    const mimeType = element.attrs.mimeType?.trim() || paired
    if (mimeType) file.mimeType = mimeType
    const access = element.attrs.accessRightsURI ? accessRight(element.attrs.accessRightsURI) : null
    if (access) file.access = { uri: access.uri, label: access.label }
    else if (element.attrs.accessRightsURI) notes.issue('oaire:file', 'accessRightsURI is not a COAR access right', element.attrs.accessRightsURI)
    files.push(file)
  }
  return files
}

/** field_fundingreference: funderName, funderIdentifier (a Crossref Funder ID DOI), fundingStream, awardNumber (+ awardURI), awardTitle. */
function fundingReference(element: XmlElement, notes: Notes): FundingReference | null {
  const text = (name: string) => textOf(child(element, name)) || undefined
  const award = child(element, 'awardNumber')
  const funder = text('funderName')
  const funderId = text('funderIdentifier')
  const programme = text('fundingStream')
  const awardNumber = text('awardNumber')
  const awardTitle = text('awardTitle')
  const awardUri = award?.attrs.awardURI?.trim()
  const ref: FundingReference = {
    ...(funder ? { funder } : {}), ...(funderId ? { funderId: funderIdentifier(funderId) } : {}),
    ...(programme ? { programme } : {}), ...(awardNumber ? { awardNumber } : {}), ...(awardTitle ? { awardTitle } : {}),
    ...(awardUri ? { awardUri } : {}), origin: 'structured',
  }
  if (!funder && !awardNumber) { notes.issue('oaire:fundingReference', 'a funding reference without funder or award number'); return null }
  return ref
}
