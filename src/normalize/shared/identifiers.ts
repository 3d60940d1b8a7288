// Identifier normalization for every mapper: DOI, Handle, ORCID, ISSN, ISBN, URLs, and the landing page among them.
// Pure and total: every function returns null (or a flag) for a value it cannot read; none throws.
import type { Identifier } from '../../model/index.ts'

/** Prefix DSpace ships in handle.cfg until the repository registers one; such handles resolve nowhere. */
export const UNCONFIGURED_HANDLE_PREFIX = '123456789'

// ─── DOI ────────────────────────────────────────────────────────────────────

const DOI_PREFIX = /^(?:(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\/|doi:|info:doi\/|urn:doi:)/i
// DOI Handbook §2.2: "10." + registrant code (digits, optionally subdivided by dots) + "/" + a non-empty suffix.
const DOI_SHAPE = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/

/** Lower-case DOI without resolver or scheme, or null when the value is not a DOI. */
export function normalizeDoi(value: string): string | null {
  let doi = cleanInvisible(value).replace(/\s+/g, '')
  let viaUrl = false
  for (let i = 0; i < 3; i++) {
    const prefix = DOI_PREFIX.exec(doi)
    if (!prefix) break
    viaUrl ||= prefix[0].includes('/')
    doi = doi.slice(prefix[0].length)
  }
  if (viaUrl) doi = safeDecode(doi.replace(/[?#].*$/, ''))
  doi = doi.toLowerCase()
  return DOI_SHAPE.test(doi) ? doi : null
}

// ─── Handle ─────────────────────────────────────────────────────────────────

export interface NormalizedHandle {
  /** `prefix/suffix`. */
  value: string
  /** The prefix is DSpace's default `123456789`: the repository never registered one (LA Referencia rejects it). */
  unconfiguredPrefix: boolean
}

const HANDLE_PREFIX = /^\d+(?:\.\d+)*$/

/** A Handle from a resolver URL, `hdl:`/`info:hdl/` URIs, or a DSpace `…/handle/PREFIX/SUFFIX` page. */
export function normalizeHandle(value: string): NormalizedHandle | null {
  const v = cleanInvisible(value).trim()
  let rest: string | undefined
  let oneSegmentSuffix = false
  let match: RegExpExecArray | null
  if ((match = /^https?:\/\/hdl\.handle\.net\/(.+)$/i.exec(v))) rest = stripQuery(match[1]!)
  else if ((match = /^(?:hdl:\/?|info:hdl\/)(.+)$/i.exec(v))) rest = match[1]
  // DSpace pages: /handle/P/S, /xmlui/handle/P/S, /jspui/handle/P/S, with trailing views (/statistics, ?show=full).
  else if ((match = /^https?:\/\/[^/?#]+\/(?:[^?#]*\/)?handle\/([^?#]+)/i.exec(v))) { rest = match[1]; oneSegmentSuffix = true }
  if (rest === undefined) return null
  const parts = safeDecode(rest).replace(/\/+$/, '').split('/')
  const prefix = parts[0] ?? ''
  const suffix = oneSegmentSuffix ? (parts[1] ?? '') : parts.slice(1).join('/')
  if (!HANDLE_PREFIX.test(prefix) || !suffix || /\s/.test(suffix)) return null
  return { value: `${prefix}/${suffix}`, unconfiguredPrefix: prefix === UNCONFIGURED_HANDLE_PREFIX }
}

// ─── ORCID ──────────────────────────────────────────────────────────────────

export interface CheckedValue {
  value: string
  /** The check digit matches. */
  valid: boolean
}

const ORCID_FORM = /^(?:orcid:?)?(?:(?:https?:\/\/)?(?:www\.|sandbox\.)?orcid\.org\/)?(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])\/?$/i

/** Bare hyphenated ORCID iD (`0000-0002-1825-0097`) from a URL or a bare form, with its ISO 7064 mod 11-2 check. */
export function normalizeOrcid(value: string): CheckedValue | null {
  const match = ORCID_FORM.exec(cleanInvisible(value).replace(/\s+/g, ''))
  if (!match) return null
  const digits = `${match[1]}${match[2]}${match[3]}${match[4]!.toUpperCase()}`
  return { value: `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`, valid: orcidCheckDigit(digits.slice(0, 15)) === digits[15] }
}

/** ISO 7064 MOD 11-2, as ORCID documents it ("Structure of the ORCID Identifier"). */
function orcidCheckDigit(base: string): string {
  let total = 0
  for (const c of base) total = (total + Number(c)) * 2
  const result = (12 - (total % 11)) % 11
  return result === 10 ? 'X' : String(result)
}

// ─── ISSN ───────────────────────────────────────────────────────────────────

const ISSN_FORM = /^(?:urn:issn:|(?:e-?|p-?)?issn(?:-l)?\s*:?\s*)?(\d{4})-?(\d{3}[\dX])$/i

/** `NNNN-NNNX` from a bare, `ISSN …` or `urn:issn:` value, with its mod 11 check (ISO 3297). */
export function normalizeIssn(value: string): CheckedValue | null {
  const match = ISSN_FORM.exec(cleanInvisible(value).trim().replace(/\s*-\s*/g, '-'))
  if (!match) return null
  const digits = `${match[1]}${match[2]!.toUpperCase()}`
  let sum = 0
  for (let i = 0; i < 7; i++) sum += Number(digits[i]) * (8 - i)
  const check = (11 - (sum % 11)) % 11
  return { value: `${digits.slice(0, 4)}-${digits.slice(4)}`, valid: (check === 10 ? 'X' : String(check)) === digits[7] }
}

// ─── ISBN ───────────────────────────────────────────────────────────────────

const ISBN_LABEL = /^(?:urn:isbn:|isbn(?:-1[03])?\s*:?\s*)/i

/** ISBN-13 digits (an ISBN-10 is converted with the 978 prefix) and whether the written check digit was right. */
export function normalizeIsbn(value: string): CheckedValue | null {
  const compact = cleanInvisible(value).trim().replace(ISBN_LABEL, '').replace(/[\s-]/g, '').toUpperCase()
  if (/^97[89]\d{10}$/.test(compact)) return { value: compact, valid: isbn13Check(compact.slice(0, 12)) === compact[12] }
  if (/^\d{9}[\dX]$/.test(compact)) {
    let sum = 0
    for (let i = 0; i < 10; i++) sum += (compact[i] === 'X' ? 10 : Number(compact[i])) * (10 - i)
    const body = `978${compact.slice(0, 9)}`
    return { value: body + isbn13Check(body), valid: sum % 11 === 0 && !compact.slice(0, 9).includes('X') }
  }
  return null
}

function isbn13Check(first12: string): string {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3)
  return String((10 - (sum % 10)) % 10)
}

// ─── National identity numbers ──────────────────────────────────────────────

/**
 * A value that may be a national identity number: a DNI (8 digits), a carné de extranjería or
 * passport number (9–12 digits), or any value labelled as one. Issue #3: these never leave the raw store,
 * not even inside a diagnostic.
 */
export function looksLikeNationalId(value: string): boolean {
  // Every form below has six digits in a row once spaces and dots go: most values (names, keywords) stop here.
  if (!SIX_DIGITS.test(value)) return false
  // Hyphens stay: `2422-7749` is an ISSN, while a DNI's verification digit is written `12345678-9`.
  const compact = value.replace(/[\s.]/g, '')
  if (/^\d{8,12}$/.test(compact) || /^\d{8}-\d$/.test(compact)) return true
  return /(?:^|[^a-z])(?:dni|d\.n\.i\.|carn[eé]\s+de\s+extranjer[ií]a|pasaporte|passport|c[eé]dula)(?:[^a-z]|$)/i.test(value) && /\d{6,}/.test(compact)
}

const SIX_DIGITS = /\d(?:[\s.]*\d){5}/

// ─── Classification ─────────────────────────────────────────────────────────

/**
 * The model's Identifier for one raw value, or null for free text (a citation, a repository name)
 * and for anything that looks like a national identity number.
 */
export function classifyIdentifier(value: string): Identifier | null {
  const v = cleanInvisible(value).trim()
  if (!v || looksLikeNationalId(v)) return null
  const doi = normalizeDoi(v)
  if (doi && (DOI_PREFIX.test(v) || /^10\./.test(v))) return { type: 'doi', value: doi }
  const handle = normalizeHandle(v)
  if (handle) {
    // A DOI is a Handle under prefix 10.*: hdl.handle.net/10.1000/1 names the DOI 10.1000/1.
    if (/^10\./.test(handle.value)) {
      const asDoi = normalizeDoi(handle.value)
      if (asDoi) return { type: 'doi', value: asDoi }
    }
    return handle.unconfiguredPrefix
      ? { type: 'handle', value: handle.value, valid: false, problem: `unconfigured DSpace handle prefix ${UNCONFIGURED_HANDLE_PREFIX}` }
      : { type: 'handle', value: handle.value }
  }
  if (/^(?:urn:issn:|(?:e-?|p-?)?issn\b)/i.test(v) || /^\d{4}-\d{3}[\dX]$/i.test(v)) {
    const issn = normalizeIssn(v)
    if (issn) return checked('issn', issn, 'ISSN check digit fails')
  }
  if (ISBN_LABEL.test(v) || /^97[89][\d\s-]{10,14}$/.test(v) || /^(?=.*-)[\d-]{12}[\dX]$/i.test(v)) {
    const isbn = normalizeIsbn(v)
    if (isbn) return checked('isbn', isbn, 'ISBN check digit fails')
  }
  const pmid = /^(?:info:pmid\/|pmid:?\s*|https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/)(\d+)\/?$/i.exec(v)
  if (pmid) return { type: 'pmid', value: pmid[1]! }
  const ark = /^(?:https?:\/\/[^/]+\/)?(ark:\/?\d{5,}\/\S+)$/i.exec(v)
  if (ark) return { type: 'ark', value: ark[1]!.replace(/^ark:(?!\/)/i, 'ark:/') }
  if (/^urn:[a-z0-9][a-z0-9-]{0,31}:\S+$/i.test(v)) return { type: 'urn', value: v }
  if (/^arxiv:\s*\S+$/i.test(v)) return { type: 'other', value: v.replace(/\s+/g, '') }
  if (isHttpUrl(v)) return { type: 'url', value: v }
  return null
}

function checked(type: 'issn' | 'isbn', result: CheckedValue, problem: string): Identifier {
  return result.valid ? { type, value: result.value } : { type, value: result.value, valid: false, problem }
}

// ─── Landing page ───────────────────────────────────────────────────────────

export function isHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$/i.test(value.trim())
}

/** A URL that serves a file, not a page: DSpace bitstream paths or a file extension. */
export function isFileUrl(url: string): boolean {
  const path = urlPath(url)
  if (path === null) return false
  return /\/(?:bitstream|bitstreams|retrieve)\//i.test(path) || /\/download\/?$/i.test(path) ||
    /\.(?:pdf|docx?|xlsx?|pptx?|odt|ods|rtf|txt|csv|zip|rar|7z|gz|tgz|tar|jpe?g|png|gif|tiff?|mp3|mp4|avi|mov|wav|epub)$/i.test(path)
}

function isDoiResolver(url: string, host: string | null): boolean {
  if (host === 'doi.org' || host === 'dx.doi.org') return true
  return host === 'hdl.handle.net' && /^\/10\./.test(urlPath(url) ?? '')
}

/**
 * The record's landing page among `dc:identifier` URLs: a page on the repository's own host first
 * (an aggregator copy mixes the institution's handle with its own and foreign ones), then a Handle
 * resolver URL, then the first other web page. DOI resolvers and files are never landing pages, nor
 * Handles under the unconfigured prefix, which resolve nowhere.
 */
export function chooseLandingPage(urls: string[], repositoryHost?: string): string | null {
  // Each URL's host is read once: this runs for every record.
  const pages: { url: string; host: string | null }[] = []
  for (const value of urls) {
    const url = cleanInvisible(value).trim()
    if (!isHttpUrl(url)) continue
    const host = hostOf(url)
    if (!isDoiResolver(url, host) && !isFileUrl(url)) pages.push({ url, host })
  }
  const own = repositoryHost ? bareHost(repositoryHost) : null
  if (own) {
    const onOwnHost = pages.find((p) => bareHost(p.host ?? '') === own)
    if (onOwnHost) return onOwnHost.url
  }
  const resolvable = pages.filter((p) => !(p.host === 'hdl.handle.net' && normalizeHandle(p.url)?.unconfiguredPrefix))
  return (resolvable.find((p) => p.host === 'hdl.handle.net') ?? resolvable[0])?.url ?? null
}

// ─── helpers ────────────────────────────────────────────────────────────────

/**
 * Zero-width characters vanish; a soft hyphen (U+00AD) becomes a hyphen: CONICET record oai:ri.conicet.gov.ar:11336/107187
 * carries `10.15451/ec2020\u00ad03\u00ad9.09\u00ad1\u00ad14`, a DOI pasted from a PDF where the hyphens
 * became soft hyphens.
 */
function cleanInvisible(value: string): string {
  return INVISIBLE.test(value) ? value.replace(/[\u200b-\u200d\u2060\ufeff]/g, '').replace(/\u00ad/g, '-') : value
}

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/

function safeDecode(value: string): string {
  // Nothing to decode without a percent sign (decodeURIComponent would return the value as it is).
  if (!value.includes('%')) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

function stripQuery(value: string): string {
  return value.replace(/[?#].*$/, '')
}

function hostOf(url: string): string | null {
  const match = /^https?:\/\/([^/?#:]+)/i.exec(url.trim())
  return match ? match[1]!.toLowerCase() : null
}

function urlPath(url: string): string | null {
  const match = /^https?:\/\/[^/?#]+([^?#]*)/i.exec(url.trim())
  return match ? match[1]! : null
}

/** `www.repo.edu.pe`, `https://repo.edu.pe:8080/oai` and `repo.edu.pe` name one host. */
function bareHost(host: string): string {
  const h = hostOf(host.includes('://') ? host : `http://${host}`) ?? host.toLowerCase()
  return h.replace(/^www\./, '')
}
