// DataCite kernel 4 terms as OpenAIRE v4 uses them, for oai_openaire and LA Referencia's xoai: roles, relations, typed ids.
import type { ContributorRole, Identifier, RelationType } from '../../model/index.ts'
import { classifyIdentifier, isHttpUrl, normalizeDoi, normalizeHandle, normalizeIsbn, normalizeIssn } from './identifiers.ts'

// DataCite contributorType values that name an organisation, never a person (DataCite 4.4 Appendix 1, table 5).
const ORGANISATIONAL = new Set(['hostinginstitution', 'registrationagency', 'registrationauthority', 'researchgroup', 'distributor', 'sponsor'])

/**
 * The model's role for a DataCite contributorType, or null for an organisation (the model's contributors are
 * people). OpenAIRE v4 field_contributor: a thesis advisor is a `Supervisor`.
 */
export function contributorRole(contributorType: string | undefined, nameType?: string): ContributorRole | null {
  const type = (contributorType ?? '').trim().toLowerCase()
  if (ORGANISATIONAL.has(type) || /^organi[sz]ational$/i.test(nameType ?? '')) return null
  if (type === 'supervisor') return 'advisor'
  if (type === 'editor') return 'editor'
  return 'contributor'
}

const RELATIONS: Record<string, RelationType> = {
  ispartof: 'isPartOf', haspart: 'hasPart', isversionof: 'isVersionOf', references: 'references',
  issupplementto: 'isSupplementTo',
}

/** DataCite relationType → the model's relation; the many kinds the model has no name for are `other`. */
export function relationType(value: string | undefined): RelationType {
  return RELATIONS[(value ?? '').trim().toLowerCase()] ?? 'other'
}

/** Whether a DataCite nameIdentifier is an ORCID iD (by its scheme, its scheme URI, or an orcid.org URL value). */
export function isOrcidIdentifier(scheme: string | undefined, schemeUri: string | undefined, value: string): boolean {
  return /orcid/i.test(scheme ?? '') || /orcid\.org/i.test(schemeUri ?? '') || /orcid\.org\//i.test(value)
}

/**
 * The Identifier a typed DataCite identifier names (identifierType, alternateIdentifierType or relatedIdentifierType:
 * DOI, Handle, URL, PURL, URN, ARK, ISSN, EISSN, ISBN, PMID, OAI…), or null when the value is not one.
 * An untyped or unknown type (LA Referencia writes `N/A`) is classified by its shape.
 */
export function typedIdentifier(type: string | undefined, raw: string): Identifier | null {
  const value = raw.trim()
  if (!value) return null
  switch ((type ?? '').trim().toLowerCase()) {
    case 'doi': {
      const doi = normalizeDoi(value)
      return doi ? { type: 'doi', value: doi } : null
    }
    case 'handle': {
      const handle = normalizeHandle(value) ?? normalizeHandle(`hdl:${value}`)
      return handle ? classifyIdentifier(`hdl:${handle.value}`) : null
    }
    case 'url': case 'purl': {
      if (!isHttpUrl(value)) return null
      const id = classifyIdentifier(value)
      return id && (id.type === 'doi' || id.type === 'handle') ? id : { type: 'url', value }
    }
    case 'issn': case 'eissn': case 'lissn': case 'issn-l': {
      const issn = normalizeIssn(value)
      if (!issn) return null
      return issn.valid ? { type: 'issn', value: issn.value } : { type: 'issn', value: issn.value, valid: false, problem: 'ISSN check digit fails' }
    }
    case 'isbn': {
      const isbn = normalizeIsbn(value)
      if (!isbn) return null
      return isbn.valid ? { type: 'isbn', value: isbn.value } : { type: 'isbn', value: isbn.value, valid: false, problem: 'ISBN check digit fails' }
    }
    case 'urn': return /^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(value) ? { type: 'urn', value } : null
    case 'ark': return classifyIdentifier(value)?.type === 'ark' ? classifyIdentifier(value) : null
    // The OpenAIRE sample types EuropePMC's PMC5574022 as a PMID: a PMC number is a PMCID, kept as such.
    case 'pmid': case 'pmcid':
      if (/^\d+$/.test(value)) return { type: 'pmid', value }
      return /^PMC\d+$/i.test(value) ? { type: 'other', value: `pmcid:${value.toUpperCase()}` } : null
    case 'oai': return /^oai:[^:\s]+:\S+$/i.test(value) ? { type: 'other', value } : null
    case 'arxiv': return { type: 'other', value: `arxiv:${value.replace(/^arxiv:\s*/i, '')}` }
    case 'wos': case 'isi': return { type: 'other', value: `wos:${value}` }
    default: return classifyIdentifier(value)
  }
}

/** A funderIdentifier: a Crossref Funder ID as its bare DOI (`10.13039/…`), anything else (ROR, ISNI) as written. */
export function funderIdentifier(value: string): string {
  return normalizeDoi(value) ?? value.trim()
}
