// LA Referencia's xoai keeps OpenAIRE v4 under datacite.* and oaire.* field names: readers for the DSpace core.
// Real records: lareferencia-testres-ualg-algarve-xoai.xml and lareferencia-colibri-udelar-uy-datacite-xoai.xml. The
// DataCite attributes arrive as DspaceField.attributes, and the values of one creator or fundingReference share a group.
import type { Contributor, FileRef, FordSubject, FundingReference, Identifier, LangString, PersonRef, Relation, Term } from '../model/index.ts'
import { accessRight, license, lookupFord, resourceType, version } from '../vocab/index.ts'
import type { DspaceField, Note, Take } from './dspace-fields.ts'
import { contributorRole, funderIdentifier, isOrcidIdentifier, relationType, typedIdentifier } from './shared/datacite.ts'
import { isoDate, isTimestamp } from './shared/dates.ts'
import { isHttpUrl, normalizeOrcid } from './shared/identifiers.ts'

const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'

/** Fields of one element instance together, in document order. */
function grouped(fields: DspaceField[]): DspaceField[][] {
  const groups = new Map<number, DspaceField[]>()
  for (const f of fields) {
    const key = f.group ?? -1
    const list = groups.get(key) ?? []
    list.push(f)
    groups.set(key, list)
  }
  return [...groups.values()]
}

const named = (fields: DspaceField[], suffix: string) => fields.filter((f) => f.element.toLowerCase().endsWith(`.${suffix}`))
const attr = (f: DspaceField | undefined, name: string) => f?.attributes?.[name]?.trim() || undefined

/** field_creator / field_contributor: the name, an ORCID nameIdentifier, affiliations; contributorType gives the role. */
export function datacitePeople(take: Take, note: Note): { creators: PersonRef[]; contributors: Contributor[] } {
  const person = (fields: DspaceField[], kind: 'creator' | 'contributor'): PersonRef | null => {
    const name = named(fields, `${kind}name`)[0]?.value ?? fields.find((f) => f.element.toLowerCase().endsWith(`.${kind}`))?.value
    if (!name) return null
    const ref: PersonRef = { name }
    for (const id of named(fields, 'nameidentifier')) {
      if (!isOrcidIdentifier(attr(id, 'nameIdentifierScheme'), attr(id, 'schemeURI'), id.value)) {
        // Only ORCID passes the allow-list; the value (an e-mail in the Algarve record) is not repeated here.
        note(id.element, `a name identifier of scheme ${attr(id, 'nameIdentifierScheme') ?? '(none)'} is not kept: only ORCID is`)
        continue
      }
      const orcid = normalizeOrcid(id.value)
      if (orcid?.valid) ref.orcid ??= orcid.value
      else note(id.element, orcid ? 'ORCID check digit fails' : 'not an ORCID', id.value)
    }
    const affiliations = named(fields, 'affiliation').map((f) => f.value)
    if (affiliations.length > 0) ref.affiliations = [...new Set(affiliations)]
    return ref
  }
  const creators = grouped(take('datacite.creators.creator.creatorname', 'datacite.creators.creator.nameidentifier',
    'datacite.creators.creator.affiliation', 'datacite.creators.creator', 'datacite.creator'))
    .flatMap((g) => person(g, 'creator') ?? [])
  const contributors: Contributor[] = []
  for (const g of grouped(take('datacite.contributors.contributor.contributorname', 'datacite.contributors.contributor.nameidentifier',
    'datacite.contributors.contributor.affiliation', 'datacite.contributors.contributor'))) {
    const ref = person(g, 'contributor')
    if (!ref) continue
    const type = attr(g[0], 'contributorType')
    const role = contributorRole(type, attr(named(g, 'contributorname')[0], 'nameType'))
    // The Algarve record names its repository (Sapientia) as HostingInstitution: an organisation, not a contributor.
    if (!role) { note('datacite.contributors.contributor', `an organisation (${type ?? 'Organizational'}) is not a person contributor`, ref.name); continue }
    contributors.push({ ...ref, role })
  }
  return { creators, contributors }
}

/** field_resourcetype and field_resourceversion: the COAR URI in `uri`, the label as the value. */
export function oaireTypes(take: Take, note: Note): { terms: Term[]; original: string[]; version?: Term } {
  const terms: Term[] = []
  const original: string[] = []
  for (const f of take('oaire.resourcetype')) {
    const uri = attr(f, 'uri')
    for (const v of [uri, f.value]) if (v && !original.includes(v)) original.push(v)
    const hit = (uri ? resourceType(uri) : null) ?? resourceType(f.value)
    if (hit) terms.push({ uri: hit.uri, label: hit.label })
    else note(f.element, 'resource type not recognised', uri ?? f.value)
  }
  let found: Term | undefined
  for (const f of take('oaire.version')) {
    const uri = attr(f, 'uri')
    const hit = (uri ? version(uri) : null) ?? version(f.value)
    if (hit) found ??= { uri: hit.uri, label: hit.label }
    else note(f.element, 'version not recognised', uri ?? f.value)
  }
  return found ? { terms, original, version: found } : { terms, original }
}

/** field_accessrights (`rightsURI`) and field_licensecondition (`uri`); LA Referencia also puts licences and texts in rights. */
export function dataciteRights(take: Take, note: Note): { access: Term | null; licence: { uri: string; spdx: string | null } | null } {
  let access: Term | null = null
  let licence: { uri: string; spdx: string | null } | null = null
  for (const f of take('oaire.licensecondition')) {
    const uri = attr(f, 'uri')
    const hit = (uri ? license(uri) : null) ?? license(f.value)
    if (hit) licence ??= { uri: hit.uri, spdx: hit.spdx }
    else note(f.element, 'licence not recognised', uri ?? f.value)
  }
  for (const f of take('datacite.rights')) {
    const uri = attr(f, 'rightsURI') ?? attr(f, 'uri')
    const a = (uri ? accessRight(uri) : null) ?? accessRight(f.value)
    if (a) { access ??= { uri: a.uri, label: a.label }; continue }
    const l = (uri ? license(uri) : null) ?? license(f.value)
    if (l) { licence ??= { uri: l.uri, spdx: l.spdx }; continue }
    note(f.element, 'neither an access right nor a licence', f.value)
  }
  return { access, licence }
}

/**
 * datacite.dates.date.{Issued,Available,Accepted} (the dateType is the element's name, or a `dateType` field).
 * On embargoed access `Available` ends the embargo (field_embargoenddate). LA Referencia's copies stamp DSpace's
 * accession time into these dates: the Udelar record's Issued is `2018-01-03T18:33:30Z` while the typed year (2017,
 * the year its citation gives) sits under Accepted. So Issued counts when it is a typed date; when it is only a
 * machine timestamp, the typed date among the others wins, and the timestamp's day is the last resort.
 */
export function dataciteDates(take: Take, note: Note, access: Term | null): { issued: string | null; embargoEnd: string | null } {
  const dates = take('datacite.dates.date', 'datacite.dates.date.issued', 'datacite.dates.date.available', 'datacite.dates.date.accepted')
    .map((f) => ({ f, type: (attr(f, 'dateType') ?? f.element.split('.').at(-1) ?? '').toLowerCase() }))
  for (const { f } of dates) if (!isoDate(f.value)) note(f.element, 'not a date', f.value)
  const valid = dates.filter(({ f }) => isoDate(f.value))
  const issuedValues = valid.filter((d) => d.type === 'issued')
  const typed = issuedValues.find((d) => !isTimestamp(d.f.value)) ?? valid.find((d) => !isTimestamp(d.f.value)) ?? issuedValues[0]
  const available = valid.find((d) => d.type === 'available')
  return {
    issued: typed ? isoDate(typed.f.value) : null,
    embargoEnd: access?.uri === EMBARGOED && available ? isoDate(available.f.value) : null,
  }
}

/** field_subject: a FORD code by `valueURI` or a FORD/OCDE `subjectScheme`; the rest are keywords. */
export function dataciteSubjects(take: Take, note: Note): { keywords: LangString[]; ford: FordSubject[] } {
  const keywords: LangString[] = []
  const ford: FordSubject[] = []
  for (const f of take('datacite.subjects.subject')) {
    const valueUri = attr(f, 'valueURI')
    const fordNamed = /ford|ocde/i.test(`${attr(f, 'subjectScheme') ?? ''} ${attr(f, 'schemeURI') ?? ''}`) || /pe-repo\/ocde\/ford/i.test(`${valueUri ?? ''} ${f.value}`)
    const hit = (valueUri ? lookupFord(valueUri) : null) ?? (fordNamed ? lookupFord(f.value) : null)
    if (hit) { if (!ford.some((s) => s.code === hit.code)) ford.push({ code: hit.code, uri: hit.uri, label: hit.label }); continue }
    if (fordNamed) note(f.element, 'OCDE FORD code not recognised', valueUri ?? f.value)
    keywords.push(f.lang ? { value: f.value, lang: f.lang } : { value: f.value })
  }
  return { keywords, ford }
}

/** field_resourceidentifier and field_alternativeidentifier (the Udelar record's is its source OAI identifier). */
export function dataciteIdentifiers(take: Take, note: Note): { identifiers: Identifier[]; urls: string[] } {
  const identifiers: Identifier[] = []
  const urls: string[] = []
  const read = (fields: DspaceField[], typeAttr: string) => {
    for (const f of fields) {
      if (isHttpUrl(f.value)) urls.push(f.value)
      const id = typedIdentifier(attr(f, typeAttr), f.value)
      if (id) identifiers.push(id)
      else note(f.element, `not a ${attr(f, typeAttr) ?? 'known'} identifier`, f.value)
    }
  }
  read(take('datacite.identifier'), 'identifierType')
  read(take('datacite.alternateidentifiers.alternateidentifier'), 'alternateIdentifierType')
  return { identifiers, urls }
}

/**
 * field_relatedidentifier. LA Referencia drops relationType and writes `N/A` for the type (Udelar record): an
 * untyped value is classified by its shape, and a bare ISSN can only name the serial the work is part of.
 * A related identifier that is the work's own (Udelar repeats its handle) is no relation.
 */
export function dataciteRelations(take: Take, note: Note, own: Identifier[]): Relation[] {
  const relations: Relation[] = []
  for (const f of take('datacite.relatedidentifiers.relatedidentifier')) {
    const declared = attr(f, 'relatedIdentifierType')
    const untyped = !declared || /^n\/?a$/i.test(declared)
    const id = typedIdentifier(untyped ? undefined : declared, f.value)
    const stated = attr(f, 'relationType')
    if (id && own.some((o) => o.type === id.type && o.value === id.value)) continue
    if (id) relations.push({ type: stated ? relationType(stated) : id.type === 'issn' ? 'isPartOf' : 'other', target: id.value, targetType: id.type })
    else if (untyped) relations.push({ type: relationType(stated), target: f.value, targetType: 'text' })
    else note(f.element, `not a ${declared} identifier`, f.value)
  }
  return relations
}

/** field_fundingreference: funderName, funderIdentifier, fundingStream, awardNumber (+ awardURI), awardTitle, one group each. */
export function oaireFunding(take: Take, note: Note): FundingReference[] {
  const base = 'oaire.fundingreferences.fundingreference'
  const fields = take(...['fundername', 'funderidentifier', 'fundingstream', 'awardnumber', 'awardtitle'].map((n) => `${base}.${n}`))
  return grouped(fields).flatMap((g) => {
    const one = (name: string) => named(g, name)[0]
    const funder = one('fundername')?.value
    const funderId = one('funderidentifier')?.value
    const programme = one('fundingstream')?.value
    const awardNumber = one('awardnumber')?.value
    const awardTitle = one('awardtitle')?.value
    const awardUri = attr(one('awardnumber'), 'awardURI')
    if (!funder && !awardNumber) { note(base, 'a funding reference without funder or award number'); return [] }
    return [{
      ...(funder ? { funder } : {}), ...(funderId ? { funderId: funderIdentifier(funderId) } : {}),
      ...(programme ? { programme } : {}), ...(awardNumber ? { awardNumber } : {}), ...(awardTitle ? { awardTitle } : {}),
      ...(awardUri ? { awardUri } : {}), origin: 'structured' as const,
    }]
  })
}

/** field_filelocation: the URL as the value, `mimeType` and `accessRightsURI` beside it. */
export function oaireFiles(take: Take, note: Note): FileRef[] {
  const files: FileRef[] = []
  for (const f of take('oaire.files.file')) {
    if (!isHttpUrl(f.value)) { note(f.element, 'file location is not a public http(s) URL', f.value); continue }
    const file: FileRef = { url: f.value }
    const mimeType = attr(f, 'mimeType')
    if (mimeType) file.mimeType = mimeType
    const rights = attr(f, 'accessRightsURI')
    const access = rights ? accessRight(rights) : null
    if (access) file.access = { uri: access.uri, label: access.label }
    files.push(file)
  }
  return files
}
