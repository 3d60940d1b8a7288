// Readers every CERIF entity mapper shares: texts, people (through the allow-list), organisation units, terms, references.
// CERIF XML nests whole neighbours (an Author's Person, a Project's OrgUnit); these read only what the model keeps.
import type { LangString, OrganisationRef, PersonRef, Term } from '../../model/index.ts'
import { identifierScheme, isNationalIdScheme } from '../../vocab/index.ts'
import type { RawInput } from '../types.ts'
import { normalizeDoi, normalizeOrcid } from '../shared/identifiers.ts'
import type { Notes } from '../shared/notes.ts'
import { child, children, textOf, type XmlElement } from '../shared/xml-tree.ts'

/** What every entity mapper gets: the raw input, the record's notes, and how to name a neighbour by its CERIF id. */
export interface CerifContext {
  input: RawInput
  notes: Notes
  /** A neighbour's CERIF `id`, as the OAI identifier of its own record when that can be told (see referenceBase). */
  ref(id: string): string
}

/**
 * The OpenAIRE CRIS guidelines (implementation.rst) name records `oai:{CRIS domain}:{internal ID}`, and PerúCRIS's
 * examples follow it (`oai:cris.example.org:Fundings/257748` holds `<Funding id="Fundings/257748">`). When this
 * record's identifier ends with its own id, a neighbour's id takes the same prefix and becomes its record's OAI
 * identifier; otherwise (the PerúCRIS patent example, whose header and id disagree) ids stay as written.
 */
export function referenceBase(oaiIdentifier: string, rootId: string | undefined): (id: string) => string {
  const base = rootId && oaiIdentifier.endsWith(`:${rootId}`) ? oaiIdentifier.slice(0, -rootId.length) : null
  return (id) => (base ? `${base}${id}` : id)
}

export function entityId(kind: string, input: RawInput): string {
  return `${kind}:${input.sourceId}:${input.oaiIdentifier}`
}

export function provenance(input: RawInput) {
  return [{
    sourceId: input.sourceId, oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp,
    harvestedAt: input.harvestedAt, metadataPrefix: input.metadataPrefix,
  }]
}

/** The first non-empty text of the named children. */
export function textIn(element: XmlElement | undefined, name: string): string {
  if (!element) return ''
  for (const c of children(element, name)) {
    const text = textOf(c)
    if (text) return text
  }
  return ''
}

export function langStrings(element: XmlElement, name: string): LangString[] {
  return children(element, name).flatMap((c) => {
    const value = textOf(c)
    if (!value) return []
    const lang = c.attrs['xml:lang']
    return [lang ? { value, lang } : { value }]
  })
}

/** Child elements of a container, unwrapped: `Authors/Author`, `Consortium/*`. */
export function itemsOf(element: XmlElement, container: string, item?: string): XmlElement[] {
  return children(element, container).flatMap((c) => (item ? children(c, item) : c.children))
}

// ─── people ─────────────────────────────────────────────────────────────────

/** "FamilyNames, FirstNames" (ALICIA's "Apellidos, Nombres"), else the as-printed DisplayName. */
export function personName(person: XmlElement | undefined, displayName = ''): string {
  const name = person ? child(person, 'PersonName') : undefined
  const family = textIn(name, 'FamilyNames')
  const first = textIn(name, 'FirstNames')
  return [family, first].filter(Boolean).join(', ') || displayName || textIn(person, 'DisplayName')
}

/**
 * The public face of a person a record names: an allow-list (issue #3). Name, the ORCID iD when its check digit
 * holds, and affiliation names; an `Identifier` (PerúCRIS writes the DNI there), e-mail or gender is never read.
 * `holder` is the element that wraps the Person (Author, Advisor, PrincipalInvestigator…), or the Person itself:
 * CERIF puts Affiliation beside the Person in an Author and inside it in a project's Team.
 */
export function personRef(holder: XmlElement, path: string, ctx: CerifContext): PersonRef | null {
  const person = holder.name === 'Person' ? holder : child(holder, 'Person')
  const org = holder.name === 'Person' ? undefined : child(holder, 'OrgUnit')
  // An organisation can be an author (CERIF Author holds a Person or an OrgUnit): it is named, nothing more.
  const name = person ? personName(person, textIn(holder, 'DisplayName')) : org ? orgName(org) : textIn(holder, 'DisplayName')
  if (!name) { ctx.notes.issue(path, 'a person without a name'); return null }
  const ref: PersonRef = { name }
  const orcidText = person ? textIn(person, 'ORCID') : ''
  if (orcidText) {
    const orcid = normalizeOrcid(orcidText)
    if (orcid?.valid) ref.orcid = orcid.value
    else ctx.notes.issue(`${path}/orcid`, orcid ? 'ORCID check digit fails (ISO 7064 mod 11-2); not kept' : 'not an ORCID iD', orcidText)
  }
  const affiliations = [...children(holder, 'Affiliation'), ...(person && person !== holder ? children(person, 'Affiliation') : [])]
    .flatMap((a) => children(a, 'OrgUnit').map(orgName)).filter(Boolean)
  if (affiliations.length > 0) ref.affiliations = [...new Set(affiliations)]
  return ref
}

// ─── organisation units ─────────────────────────────────────────────────────

/** The first Name as written (the original-language one; translations carry `trans="h"`), else the acronym. */
export function orgName(orgUnit: XmlElement): string {
  return textIn(orgUnit, 'Name') || textIn(orgUnit, 'Acronym')
}

export function orgRef(orgUnit: XmlElement): OrganisationRef | null {
  const name = orgName(orgUnit)
  if (!name) return null
  const acronym = textIn(orgUnit, 'Acronym')
  return { name, ...(acronym ? { acronym } : {}), identifiers: orgIdentifiers(orgUnit) }
}

// OpenAIRE CRIS 1.1 writes some organisation identifiers as elements of their own; PerúCRIS writes them all as Identifier.
const ID_ELEMENTS: Record<string, string> = { FundRefID: 'crossref-funder-id', RORID: 'ror', ISNI: 'isni', GRID: 'grid' }

/**
 * Public organisation identifiers (RUC is an organisation's tax number, published by SUNAT): typed `Identifier`s and
 * the identifier elements. A scheme that names a personal identity document is never read, whatever element holds it.
 */
export function orgIdentifiers(orgUnit: XmlElement): { type: string; value: string }[] {
  const out: { type: string; value: string }[] = []
  const add = (type: string, raw: string) => {
    const value = identifierValue(type, raw)
    if (value && !out.some((i) => i.type === type && i.value === value)) out.push({ type, value })
  }
  for (const c of orgUnit.children) {
    if (c.name in ID_ELEMENTS) add(ID_ELEMENTS[c.name]!, textOf(c))
    else if (c.name === 'Identifier') {
      const scheme = c.attrs.type?.trim() ?? ''
      if (isNationalIdScheme(scheme)) continue
      const type = identifierTypeName(scheme, textOf(c))
      if (type) add(type, textOf(c))
    }
  }
  return out
}

/**
 * A short, stable name for an identifier scheme (dedup keys are `type:value`): `ruc`, `ror`, `isni`,
 * `crossref-funder-id`, `award-number`, `project-reference`, `handle`… An untyped URL (the OpenAIRE samples' `type=""`)
 * is a `url`; another untyped value has no name and is not kept.
 */
export function identifierTypeName(scheme: string, value: string): string | null {
  const concytec = identifierScheme(scheme)
  if (concytec) return concytec.code.toLowerCase()
  const fragment = /#([^#\s]+)$/.exec(scheme)?.[1]
  if (fragment) {
    const known: Record<string, string> = { rorid: 'ror', fundrefid: 'crossref-funder-id', crisid: 'cris-id' }
    const lower = fragment.toLowerCase()
    return known[lower] ?? fragment.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2').toLowerCase()
  }
  if (!scheme && /^https?:\/\//i.test(value)) return 'url'
  return scheme || null
}

function identifierValue(type: string, raw: string): string {
  const value = raw.trim()
  switch (type) {
    case 'crossref-funder-id': return normalizeDoi(value) ?? value
    case 'ror': return value.replace(/^https?:\/\/ror\.org\//i, '')
    case 'isni': return value.replace(/\s+/g, '')
    default: return value
  }
}

// ─── terms, mandates ────────────────────────────────────────────────────────

/**
 * A term of a CONCYTEC or CERIF vocabulary (tipoProyecto, estadoProyecto, OpenAIRE_Funding_Types…). redcti has no
 * label tables for these schemes yet, so the label is the concept's code; concytec/terminos concepts get their label.
 */
export function schemeTerm(element: XmlElement): Term | null {
  const value = textOf(element)
  if (!value) return null
  const scheme = element.attrs.scheme?.trim()
  const uri = /^https?:\/\//i.test(value) || !scheme ? value : `${scheme}#${value}`
  const known = identifierScheme(uri)
  if (known) return { uri: known.uri, label: known.label }
  const code = /[#/]([^#/]+)$/.exec(uri)?.[1] ?? uri
  return { uri, label: code }
}

/**
 * OAMandate (PerúCRIS XSD l.561, the open-access mandate of a project or funding): `mandated` is required, `uri`
 * optional. A record may state several periods (the OpenAIRE funding example); the first mandated one is kept.
 */
export function oaMandate(element: XmlElement, ctx: CerifContext): { mandated: boolean; uri?: string } | undefined {
  const stated = children(element, 'OAMandate').flatMap((m) => {
    const flag = (m.attrs.mandated ?? '').trim().toLowerCase()
    if (flag !== 'true' && flag !== 'false' && flag !== '1' && flag !== '0') {
      ctx.notes.issue('OAMandate', 'mandated is not a boolean', m.attrs.mandated ?? '')
      return []
    }
    const uri = m.attrs.uri?.trim()
    return [{ mandated: flag === 'true' || flag === '1', ...(uri ? { uri } : {}) }]
  })
  if (stated.length > 1) ctx.notes.issue('OAMandate', `${stated.length} mandates stated; kept the first one in force`)
  return stated.find((m) => m.mandated) ?? stated[0]
}

/** The values of a neighbour's typed Identifiers of one kind (`AwardNumber`, `ProjectReference`). */
export function identifiersOfType(element: XmlElement | undefined, kind: string): string[] {
  if (!element) return []
  return children(element, 'Identifier')
    .filter((i) => (i.attrs.type ?? '').trim().toLowerCase().endsWith(`#${kind.toLowerCase()}`))
    .map((i) => textOf(i)).filter(Boolean)
}
