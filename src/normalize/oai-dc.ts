// The oai_dc input format: unqualified Dublin Core, as DSpace, OJS and aggregators flatten it, into one ResearchOutput.
import { withAccessReason } from './shared/rights-statements.ts'
import type {
  Contributor, FileRef, FordSubject, FundingReference, Identifier, LangString, MappingIssue, MappingResult,
  PersonRef, Relation, ResearchOutput, Term,
} from '../model/index.ts'
import { accessRight, language, license, lookupFord, resourceType, rightsStatement, version } from '../vocab/index.ts'
import type { InputFormat, RawInput } from './types.ts'
import {
  chooseLandingPage, classifyIdentifier, isFileUrl, isHttpUrl, looksLikeNationalId, normalizeDoi, normalizeHandle,
  normalizeIsbn, normalizeIssn, normalizeOrcid,
} from './shared/identifiers.ts'
import { fundingFromText, mergeFunding, readsAsFundingStatement } from './shared/funding-text.ts'
import { parseXml, type XmlElement } from './shared/xml-tree.ts'
import { Notes } from './shared/notes.ts'
import { collapseWhitespace, hasLooseWhitespace } from './shared/whitespace.ts'

const DC = 'http://purl.org/dc/elements/1.1/'
const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

export const oaiDc: InputFormat = {
  id: 'oai_dc',
  description: 'Unqualified Dublin Core (OAI-PMH oai_dc), with the info:eu-repo conventions of OpenAIRE v3 / ALICIA 2.0',
  map: mapOaiDc,
}

interface Value { text: string; lang?: string }


export function mapOaiDc(input: RawInput): MappingResult {
  let root: XmlElement
  try {
    root = parseXml(input.metadata)
  } catch (error) {
    return { ok: false, error: `the metadata is not well-formed XML: ${(error as Error).message}` }
  }
  if (root.name !== 'dc') return { ok: false, error: `expected an <oai_dc:dc> record, found <${root.qname}>` }
  try {
    const notes = new Notes()
    const output = mapRecord(collect(root, notes), input, notes)
    return { ok: true, entities: [withAccessReason(output, notes.issues)], unmapped: [...notes.unmapped].sort(), issues: notes.issues }
  } catch (error) {
    // A bug, not bad data; the run still goes on (issue #3: a record that cannot be mapped keeps its raw form).
    return { ok: false, error: `oai_dc mapper failed: ${(error as Error).message}` }
  }
}

/** The values of each DC element; elements outside the DC namespace are reported as unmapped. */
function collect(root: XmlElement, notes: Notes): Map<string, Value[]> {
  const values = new Map<string, Value[]>()
  for (const element of root.children) {
    if (element.ns !== DC) { notes.unmapped.add(element.qname); continue }
    const text = collapseWhitespace(element.text)
    if (!text) continue
    const lang = element.attrs['xml:lang']
    let list = values.get(element.name)
    if (!list) values.set(element.name, (list = []))
    list.push(lang ? { text, lang } : { text })
  }
  return values
}

const HANDLED = new Set(['title', 'creator', 'contributor', 'subject', 'description', 'publisher', 'date', 'type',
  'format', 'identifier', 'language', 'rights', 'relation', 'source'])

function mapRecord(dc: Map<string, Value[]>, input: RawInput, notes: Notes): ResearchOutput {
  const get = (name: string) => dc.get(name) ?? []
  for (const name of dc.keys()) if (!HANDLED.has(name)) notes.unmapped.add(`dc:${name}`)

  const creators = persons(get('creator'), '/creators', notes)
  const contributors: Contributor[] = persons(get('contributor'), '/contributors', notes).map((p) => ({ ...p, role: 'contributor' }))
  const described = descriptions(get('description'), [...creators, ...contributors], notes)
  const subjects = mapSubjects(get('subject'), notes)
  const dates = mapDates(get('date'), input.harvestedAt, notes)
  const types = mapTypes(get('type'), notes)
  const rights = mapRights(get('rights'), notes)
  const ids = mapIdentifiers(get('identifier'), get('format'), input.repositoryHost, notes)
  const related = mapRelations(get('relation'), notes)
  const source = mapSource(get('source'), notes)
  const publisher = mapPublisher(get('publisher'), notes)

  if (rights.access?.uri === EMBARGOED && !dates.embargoEnd) {
    notes.issue('/embargoEnd', 'embargoed access without an info:eu-repo/date/embargoEnd/ date; DSpace flattens ' +
      'dc.date.embargoEnd into a bare dc:date, so one of the record\'s dates may be it')
  }

  return {
    id: `ro:${input.sourceId}:${input.oaiIdentifier}`,
    kind: 'research-output',
    titles: get('title').map(langString),
    creators,
    contributors,
    type: types.type,
    ...(types.version ? { version: types.version } : {}),
    accessRight: rights.access,
    embargoEnd: dates.embargoEnd,
    license: rights.license,
    issued: dates.issued,
    languages: mapLanguages(get('language'), notes),
    keywords: subjects.keywords,
    ford: subjects.ford,
    abstracts: described.abstracts,
    publisher: publisher.name,
    ...(publisher.country ? { publisherCountry: publisher.country } : {}),
    identifiers: uniqueIdentifiers([...ids.identifiers, ...related.identifiers]),
    landingPage: ids.landingPage,
    files: ids.files,
    funding: mergeFunding(related.funding, described.funding),
    thesis: null,
    relations: [...related.relations, ...source],
    provenance: [{
      sourceId: input.sourceId, oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp,
      harvestedAt: input.harvestedAt, metadataPrefix: input.metadataPrefix,
    }],
  }
}

function langString(v: Value): LangString {
  return v.lang ? { value: v.text, lang: v.lang } : { value: v.text }
}

// ─── persons ────────────────────────────────────────────────────────────────

// Bounded so that a slice of a UUID (07331a8b-4025-4306-8314-44253f1437fe, PUCP REST items) is not taken for one.
const ORCID_IN_TEXT = /(?<![\w-])(?:https?:\/\/)?(?:www\.)?(?:orcid\.org\/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX](?![\w-])/i
/** A run of 8–12 digits inside a name, with its label when it has one: a DNI, carné or passport number. */
const NUMBER_IN_NAME = /(?:\b(?:dni|d\.n\.i\.|c\.?e\.|pasaporte|passport|c[eé]dula)\b\s*(?:n[°º.]?\s*)?:?\s*)?\b\d{8,12}\b/gi

/** What the tidying of a name below could change besides its spaces: separators, `orcid`, brackets, edge punctuation. */
const UNTIDY_NAME = /[|([]|orcid|^[\s,;:-]|[\s,;:-]$/i

/** Names as written; an ORCID only when the value carries one (DSpace authority `Name|||0000-…`, or a URL). */
function persons(values: Value[], path: string, notes: Notes): PersonRef[] {
  const out: PersonRef[] = []
  for (const { text } of values) {
    let name = text
    let orcid: string | undefined
    const found = ORCID_IN_TEXT.exec(text)
    if (found) {
      name = text.slice(0, found.index) + text.slice(found.index + found[0].length)
      const checked = normalizeOrcid(found[0])
      if (checked?.valid) orcid = checked.value
      else notes.issue(`${path}/${out.length}/orcid`, 'ORCID check digit fails (ISO 7064 mod 11-2); not kept', found[0])
    }
    // Both tests below only spare the replaces when they would change nothing (most names).
    const stripped = /\d{8}/.test(name) ? name.replace(NUMBER_IN_NAME, ' ') : name
    if (stripped !== name) {
      name = stripped
      notes.issue(`${path}/${out.length}/name`, 'a number that looks like a national identity number was removed from a name')
    }
    if (UNTIDY_NAME.test(name) || hasLooseWhitespace(name)) {
      name = name.replace(/\|+/g, ' ').replace(/\borcid\b\s*:?/gi, ' ').replace(/\(\s*\)|\[\s*\]/g, ' ')
        .replace(/\s+/g, ' ').replace(/^[\s,;:-]+|[\s,;:-]+$/g, '')
    }
    if (!name) continue
    out.push(orcid ? { name, orcid } : { name })
  }
  return out
}

/**
 * Abstracts, minus three kinds of non-abstract: `info:eu-repo` terms; CONICET's `Fil:` lines
 * (dc.description.fil flattened: "Fil: Surname, Names. Org. Sub-org; Country"), which become the
 * named person's affiliations; and funding statements (DSpace's oai_dc crosswalk flattens
 * dc.description.sponsorship into dc:description), which become text funding references when they name a
 * funder or an award we recognise.
 */
function descriptions(values: Value[], people: PersonRef[], notes: Notes): { abstracts: LangString[]; funding: FundingReference[] } {
  const abstracts: LangString[] = []
  const funding: FundingReference[] = []
  for (const v of values) {
    if (/^info:eu-repo\//i.test(v.text)) continue
    if (readsAsFundingStatement(v.text)) {
      const refs = fundingFromText(v.text)
      if (refs.length > 0) { funding.push(...refs); continue }
    }
    if (/^Fil:/i.test(v.text)) {
      const body = v.text.replace(/^Fil:\s*/i, '')
      const person = people.filter((p) => body.startsWith(`${p.name}.`)).sort((a, b) => b.name.length - a.name.length)[0]
      if (!person) { notes.issue('/creators', 'an affiliation line (Fil:) names nobody among the creators and contributors', v.text); continue }
      const affiliations = splitAffiliations(body.slice(person.name.length + 1))
      if (!affiliations.length) continue
      for (const p of people.filter((q) => q.name === person.name)) {
        p.affiliations = [...new Set([...(p.affiliations ?? []), ...affiliations])]
      }
      continue
    }
    abstracts.push(langString(v))
  }
  return { abstracts, funding }
}

/** "Org A. Sub A; Argentina. Org B; Chile" → ["Org A. Sub A; Argentina", "Org B; Chile"]. */
function splitAffiliations(text: string): string[] {
  const parts = (text.match(/[^;]+;\s*[^.;]+/g) ?? []).map((p) => p.replace(/^[\s.]+/, '').trim())
  const consumed = parts.length ? text.lastIndexOf(parts[parts.length - 1]!) + parts[parts.length - 1]!.length : 0
  const rest = text.slice(consumed).replace(/^[\s.]+|[\s.]+$/g, '')
  // CONICET writes "No especifica;" when the author gave no affiliation (oai:ri.conicet.gov.ar:11336/51190).
  return [...parts, ...(rest ? [rest] : [])].filter((a) => a && !/^no especifica\b/i.test(a))
}

// ─── subjects ───────────────────────────────────────────────────────────────

function mapSubjects(values: Value[], notes: Notes): { keywords: LangString[]; ford: FordSubject[] } {
  const keywords: LangString[] = []
  const ford: FordSubject[] = []
  const addFord = (hit: { code: string; uri: string; label: string }) => {
    if (!ford.some((f) => f.code === hit.code)) ford.push({ code: hit.code, uri: hit.uri, label: hit.label })
  }
  for (const v of values) {
    const direct = lookupFord(v.text)
    if (direct) { addFord(direct); continue }
    // OpenAIRE v3 field_subject: "info:eu-repo/classification/<scheme>/<value>".
    const classified = /^info:eu-repo\/classification\/([^/]+)\/(.+)$/i.exec(v.text)
    if (classified) {
      const hit = /ford|ocde/i.test(classified[1]!) ? lookupFord(classified[2]!) : null
      if (hit) addFord(hit)
      else {
        keywords.push(langString(v))
        notes.issue('/keywords', `classification scheme "${classified[1]}" is not one we map; kept as a keyword`, v.text)
      }
      continue
    }
    if (/\/ford[#/]/i.test(v.text)) {
      keywords.push(langString(v))
      notes.issue('/ford', 'FORD subject not found in the OCDE FORD vocabulary; kept as a keyword', v.text)
      continue
    }
    if (looksLikeNationalId(v.text)) { notes.issue('/keywords', 'a subject was dropped', v.text); continue }
    if (!keywords.some((k) => k.value === v.text && k.lang === v.lang)) keywords.push(langString(v))
  }
  return { keywords, ford }
}

// ─── dates ──────────────────────────────────────────────────────────────────

const W3CDTF = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

/**
 * DSpace's oai_dc crosswalk writes every dc.date.* as a bare dc:date: PUCP records carry
 * accessioned and available (timestamps), issued (`2022`, `2019-12`), a day date, and sometimes
 * the embargo end. The publication date is the earliest plausible value, preferring dates without a
 * time of day (DSpace stamps only its own events); a year before 1000 or a date after the harvest is not
 * plausible. OpenAIRE v3 field_publicationdate asks for one publication date; it writes the embargo end as
 * `info:eu-repo/date/embargoEnd/YYYY-MM-DD` (field_embargoenddate).
 */
function mapDates(values: Value[], harvestedAt: string, notes: Notes): { issued: string | null; embargoEnd: string | null } {
  let embargoEnd: string | null = null
  const plain: string[] = []
  const stamped: string[] = []
  for (const { text } of values) {
    const embargo = /^info:eu-repo\/date\/embargoEnd\/(.*)$/i.exec(text)
    if (embargo) {
      const date = readDate(embargo[1]!.trim())
      if (date) embargoEnd ??= date.date
      else notes.issue('/embargoEnd', 'embargo end is not a YYYY-MM-DD date', text)
      continue
    }
    const date = readDate(text)
    if (!date) { notes.issue('/issued', 'dc:date is not a W3CDTF date', text); continue }
    const upper = harvestedAt.slice(0, date.date.length)
    if (date.date.slice(0, 4) < '1000' || (upper.length === date.date.length && date.date > upper)) continue
    ;(date.stamped ? stamped : plain).push(date.date)
  }
  const pool = plain.length ? plain : stamped
  return { issued: pool.length ? pool.sort()[0]! : null, embargoEnd }
}

function readDate(text: string): { date: string; stamped: boolean } | null {
  const m = W3CDTF.exec(text)
  if (!m) return null
  const [, year, month, day, time] = m
  if (month && (Number(month) < 1 || Number(month) > 12)) return null
  if (day && (Number(day) < 1 || Number(day) > 31)) return null
  return { date: [year, month, day].filter(Boolean).join('-'), stamped: Boolean(time) }
}

// ─── type, version, rights, language ────────────────────────────────────────

/** dc:type carries both the publication type and, in OpenAIRE v3, the version (info:eu-repo/semantics/publishedVersion). */
function mapTypes(values: Value[], notes: Notes): { type: ResearchOutput['type']; version?: Term } {
  const type: ResearchOutput['type'] = { uri: null, label: null, original: [] }
  let found: Term | undefined
  const unknown: string[] = []
  for (const { text } of values) {
    const v = version(text)
    if (v) { found ??= { uri: v.uri, label: v.label }; continue }
    type.original.push(text)
    const t = resourceType(text)
    if (!t) { unknown.push(text); continue }
    if (!type.uri) { type.uri = t.uri; type.label = t.label }
    else if (t.uri !== type.uri) notes.issue('/type', `several resource types; kept ${type.uri}`, text)
  }
  if (!type.uri) for (const text of unknown) notes.issue('/type', 'not a COAR resource type or a term we translate', text)
  return found ? { type, version: found } : { type }
}

/**
 * Access terms and licences share dc:rights. When a licence name and a licence URI disagree (PUCP hdl
 * 20.500.12404/12696: "Atribución-NoComercial 2.5 Perú" beside …/by-nd/2.5/pe/), the URI wins: DSpace writes
 * it from dc.rights.uri, the machine-readable field ALICIA requires.
 */
function mapRights(values: Value[], notes: Notes): { access: Term | null; license: ResearchOutput['license'] } {
  let access: Term | null = null
  const licences: { licence: { uri: string; spdx: string | null }; text: string }[] = []
  for (const { text } of values) {
    const a = accessRight(text)
    if (a) {
      if (!access) access = { uri: a.uri, label: a.label }
      else if (a.uri !== access.uri) notes.issue('/accessRight', `several access rights; kept ${access.uri}`, text)
      continue
    }
    const l = license(text)
    if (l) { licences.push({ licence: { uri: l.uri, spdx: l.spdx }, text }); continue }
    // DSpace error texts ("An error occurred getting the license - uri.") and institutional terms: known, still not mappable.
    const statement = rightsStatement(text)
    notes.issue('dc:rights', statement ? `not an access right or a licence: ${statement.note}` : 'neither a COAR access right nor a licence we recognise', text)
  }
  const kept = (licences.find((l) => isHttpUrl(l.text)) ?? licences[0])?.licence ?? null
  for (const { licence, text } of licences) {
    if (kept && licence.uri !== kept.uri) notes.issue('/license', `licences disagree; kept ${kept.uri}`, text)
  }
  return { access, license: kept }
}

function mapLanguages(values: Value[], notes: Notes): string[] {
  const codes: string[] = []
  for (const { text } of values) {
    const code = language(text)
    if (!code) notes.issue('/languages', 'not a language we can map to ISO 639-3', text)
    else if (!codes.includes(code)) codes.push(code)
  }
  return codes
}

/** PUCP writes dc.publisher.country (`PE`) as a second dc:publisher. */
function mapPublisher(values: Value[], notes: Notes): { name: string | null; country?: string } {
  let name: string | null = null
  let country: string | undefined
  for (const { text } of values) {
    if (/^[A-Z]{2}$/.test(text)) { country ??= text; continue }
    if (name === null) name = text
    else if (text !== name) notes.issue('/publisher', `several publishers; kept "${name}"`, text)
  }
  return country ? { name, country } : { name }
}

// ─── identifiers, files, landing page ───────────────────────────────────────

const MIME = /^[a-z]+\/[a-z0-9][a-z0-9.+-]*$/i

/** dc:format names MIME types but no file; a file exists only when dc:identifier gives its URL. */
function mapIdentifiers(values: Value[], formats: Value[], repositoryHost: string | undefined, notes: Notes):
  { identifiers: Identifier[]; files: FileRef[]; landingPage: string | null } {
  const mimes = [...new Set(formats.map((f) => f.text).filter((t) => MIME.test(t)))]
  if (formats.some((f) => !MIME.test(f.text))) notes.unmapped.add('dc:format')
  const identifiers: Identifier[] = []
  const files: FileRef[] = []
  for (const { text } of values) {
    if (isHttpUrl(text) && isFileUrl(text)) {
      files.push(mimes.length === 1 ? { url: text, mimeType: mimes[0] } : { url: text })
      continue
    }
    const id = classifyIdentifier(text)
    if (id) {
      identifiers.push(id)
      if (id.valid === false) notes.issue('/identifiers', id.problem ?? 'invalid identifier', text)
    } else if (looksLikeNationalId(text)) {
      notes.issue('/identifiers', 'a dc:identifier was dropped', text)
    } else {
      // Citations (dc.identifier.citation) and repository names flattened into dc:identifier.
      notes.unmapped.add('dc:identifier')
    }
  }
  return { identifiers, files, landingPage: chooseLandingPage(values.map((v) => v.text), repositoryHost) }
}

function uniqueIdentifiers(ids: Identifier[]): Identifier[] {
  const seen = new Set<string>()
  return ids.filter((id) => {
    const key = `${id.type}|${id.type === 'url' ? id.value : id.value.toLowerCase()}`
    return seen.has(key) ? false : (seen.add(key), true)
  })
}

// ─── relations, funding, source ─────────────────────────────────────────────

/**
 * OpenAIRE v3 conventions in dc:relation: `info:eu-repo/grantAgreement/Funder/Programme/ID/Jurisdiction/Name/Acronym`
 * (field_projectid; `%2F` escapes a slash), `info:eu-repo/semantics/altIdentifier/<scheme>/<id>` (other
 * identifiers of this same work, e.g. the publisher's DOI), `…/reference/…` and `…/dataset/…`.
 */
function mapRelations(values: Value[], notes: Notes): { identifiers: Identifier[]; relations: Relation[]; funding: FundingReference[] } {
  const identifiers: Identifier[] = []
  const relations: Relation[] = []
  const funding: FundingReference[] = []
  for (const { text } of values) {
    const grant = /^info:eu-repo\/grantAgreement\/(.*)$/i.exec(text)
    if (grant) { funding.push(grantAgreement(grant[1]!)); continue }
    const term = /^info:eu-repo\/semantics\/(altIdentifier|reference|dataset)\/([^/]+)\/(.+)$/i.exec(text)
    if (term) {
      const kind = term[1]!.toLowerCase()
      const scheme = term[2]!
      const value = term[3]!
      const issn = /^[pe]?issn$/i.test(scheme) ? normalizeIssn(value) : null
      if (issn) { relations.push({ type: 'isPartOf', target: issn.value, targetType: 'issn' }); continue }
      const id = schemeIdentifier(scheme, value)
      if (!id) { notes.issue('/relations', `an ${kind} we cannot read`, text); continue }
      if (id.valid === false) notes.issue('/identifiers', id.problem ?? 'invalid identifier', text)
      if (kind === 'altidentifier') identifiers.push(id)
      else relations.push({ type: kind === 'reference' ? 'references' : 'hasDataset', target: id.value, targetType: id.type })
      continue
    }
    const issn = /^(?:urn:issn:|(?:e-?|p-?)?issn\b)/i.test(text) ? normalizeIssn(text) : null
    if (issn) {
      if (!issn.valid) notes.issue('/relations', 'ISSN check digit fails', text)
      relations.push({ type: 'isPartOf', target: issn.value, targetType: 'issn' })
      continue
    }
    if (/^info:eu-repo\//i.test(text)) { notes.issue('/relations', 'an info:eu-repo term we do not map', text); continue }
    if (isHttpUrl(text)) { relations.push(relatedUrl(text)); continue }
    if (looksLikeNationalId(text)) { notes.issue('/relations', 'a dc:relation was dropped', text); continue }
    relations.push({ type: 'other', target: text, targetType: 'text' })
  }
  return { identifiers, relations, funding }
}

function grantAgreement(path: string): FundingReference {
  const [funder, programme, awardNumber, , awardTitle] = path.split('/').map((p) => {
    let part = p.trim()
    try { part = decodeURIComponent(part) } catch { /* a stray % stays as written */ }
    return part || undefined
  })
  return {
    ...(funder ? { funder } : {}), ...(programme ? { programme } : {}), ...(awardNumber ? { awardNumber } : {}),
    ...(awardTitle ? { awardTitle } : {}), origin: 'structured',
  }
}

/** The schemes OpenAIRE v3 lists for altIdentifier, reference and dataset (ark, arxiv, doi, hdl, isbn, pmid, purl, url, urn, wos). */
function schemeIdentifier(scheme: string, value: string): Identifier | null {
  switch (scheme.toLowerCase()) {
    case 'doi': { const doi = normalizeDoi(value); return doi ? { type: 'doi', value: doi } : null }
    case 'hdl': case 'handle': {
      const h = normalizeHandle(value) ?? normalizeHandle(`hdl:${value}`)
      return h ? classifyIdentifier(`hdl:${h.value}`) : null
    }
    case 'isbn': {
      const isbn = normalizeIsbn(value)
      return isbn ? (isbn.valid ? { type: 'isbn', value: isbn.value } : { type: 'isbn', value: isbn.value, valid: false, problem: 'ISBN check digit fails' }) : null
    }
    case 'pmid': return /^\d+$/.test(value) ? { type: 'pmid', value } : classifyIdentifier(value)
    case 'arxiv': case 'wos': return { type: 'other', value: `${scheme.toLowerCase()}:${value}` }
    default: return classifyIdentifier(value)
  }
}

function relatedUrl(url: string): Relation {
  const id = classifyIdentifier(url)
  return id && id.type !== 'url' ? { type: 'other', target: id.value, targetType: id.type } : { type: 'other', target: url, targetType: 'url' }
}

/** OJS writes the journal's ISSN in dc:source; other dc:source text (a citation, a repository name) has no home. */
function mapSource(values: Value[], notes: Notes): Relation[] {
  const relations: Relation[] = []
  for (const { text } of values) {
    const issn = /^(?:urn:issn:|(?:e-?|p-?)?issn\b)/i.test(text) || /^\d{4}-\d{3}[\dX]$/i.test(text) ? normalizeIssn(text) : null
    if (issn) relations.push({ type: 'isPartOf', target: issn.value, targetType: 'issn' })
    else if (isHttpUrl(text)) relations.push(relatedUrl(text))
    else notes.unmapped.add('dc:source')
  }
  return relations
}
