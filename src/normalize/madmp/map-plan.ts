// A maDMP document in the 1.2 shape → our DataManagementPlan, through an allow-list: people keep a name, a
// public identifier and affiliations; `mbox` (e-mail) is never read, and an e-mail or a national identity
// number used as an identifier is dropped (issue #3). Issues point into the input and carry no personal value.
import type {
  DataManagementPlan, DmpDataset, DmpDistribution, DmpFunding, DmpIdentifier, DmpPerson, DmpProject, MappingIssue,
} from '../../model/index.ts'
import { language } from '../../vocab/index.ts'
import { cleanAwardNumber } from '../shared/award-number.ts'
import { toDate, toUtcSeconds } from '../shared/date-time.ts'
import { looksLikeNationalId, normalizeDoi, normalizeHandle, normalizeOrcid } from '../shared/identifiers.ts'
import type { RawInput } from '../types.ts'
import type { MadmpVersion } from './detect-version.ts'
import { isObject, objects, text, texts, type JsonObject } from './json-value.ts'

/** Input fields the mapper reads (`[]` = every element); everything else under `dmp` is reported as unmapped. */
export const MAPPED_PATHS = [
  '$schema', 'dmp.$schema', 'dmp.schema',
  'dmp.title', 'dmp.description', 'dmp.language', 'dmp.created', 'dmp.modified', 'dmp.dmp_id.identifier', 'dmp.dmp_id.type',
  'dmp.ethical_issues_exist',
  'dmp.contact.name', 'dmp.contact.contact_id[].identifier', 'dmp.contact.contact_id[].type',
  'dmp.contact.affiliation[].name', 'dmp.contact.affiliation[].affiliation_id[].identifier', 'dmp.contact.affiliation[].affiliation_id[].type',
  'dmp.contributor[].name', 'dmp.contributor[].contributor_id[].identifier', 'dmp.contributor[].contributor_id[].type',
  'dmp.contributor[].affiliation[].name', 'dmp.contributor[].affiliation[].affiliation_id[].identifier',
  'dmp.contributor[].affiliation[].affiliation_id[].type', 'dmp.contributor[].role',
  'dmp.project[].title', 'dmp.project[].description', 'dmp.project[].start', 'dmp.project[].end',
  'dmp.project[].project_id[].identifier', 'dmp.project[].project_id[].type',
  'dmp.project[].funding[].funder_id.identifier', 'dmp.project[].funding[].funder_id.type', 'dmp.project[].funding[].funder_name',
  'dmp.project[].funding[].name', 'dmp.project[].funding[].funding_status',
  'dmp.project[].funding[].grant_id.identifier', 'dmp.project[].funding[].grant_id.type',
  'dmp.dataset[].title', 'dmp.dataset[].description', 'dmp.dataset[].type', 'dmp.dataset[].dataset_id.identifier', 'dmp.dataset[].dataset_id.type',
  'dmp.dataset[].personal_data', 'dmp.dataset[].sensitive_data', 'dmp.dataset[].issued', 'dmp.dataset[].language',
  'dmp.dataset[].keyword',
  'dmp.dataset[].distribution[].title', 'dmp.dataset[].distribution[].access_url', 'dmp.dataset[].distribution[].download_url',
  'dmp.dataset[].distribution[].format', 'dmp.dataset[].distribution[].byte_size', 'dmp.dataset[].distribution[].data_access',
  'dmp.dataset[].distribution[].available_until',
  'dmp.dataset[].distribution[].license[].license_ref', 'dmp.dataset[].distribution[].license[].start_date',
  'dmp.dataset[].distribution[].host.title', 'dmp.dataset[].distribution[].host.url', 'dmp.dataset[].distribution[].host.pid_system',
]

/** Personal data left out on purpose: not a gap in the mapping, so not listed as unmapped either. */
export const DROPPED_PATHS = ['dmp.contact.mbox', 'dmp.contributor[].mbox']

const YES_NO = ['yes', 'no', 'unknown'] as const
const FUNDING_STATUS = ['planned', 'applied', 'granted', 'rejected'] as const
const DATA_ACCESS = ['open', 'shared', 'closed'] as const
const EMAIL = /^(?:mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$/i

export interface PlanMapping {
  plan: DataManagementPlan
  issues: MappingIssue[]
}

export function mapPlan(dmp: JsonObject, version: MadmpVersion, input: RawInput): PlanMapping {
  const issues: MappingIssue[] = []
  const note = (path: string, message: string, value?: string) => issues.push(value === undefined ? { path, message } : { path, message, value })

  const modified = toUtcSeconds(dmp.modified) ?? fallback('/dmp/modified', input.datestamp, 'the record datestamp')
  const created = toUtcSeconds(dmp.created) ?? fallback('/dmp/created', modified, 'modified')
  function fallback(path: string, value: string, what: string): string {
    note(path, `missing or not a date-time: ${what} is used`)
    return value
  }

  const plan: DataManagementPlan = {
    id: `dmp:${input.sourceId}:${input.oaiIdentifier}`,
    kind: 'dmp',
    title: required(text(dmp.title), '/dmp/title'),
    ...optional('description', text(dmp.description)),
    language: planLanguage(dmp.language),
    created,
    modified,
    dmp_id: planId(dmp.dmp_id),
    contact: contact(dmp.contact),
    ...optional('contributor', contributors(dmp.contributor)),
    ethical_issues_exist: choice(dmp.ethical_issues_exist, YES_NO, 'unknown', '/dmp/ethical_issues_exist'),
    project: objects(dmp.project).map((p, i) => project(p, `/dmp/project/${i}`)),
    dataset: objects(dmp.dataset).map((d, i) => dataset(d, `/dmp/dataset/${i}`, i)),
    sourceVersion: version,
    provenance: [{
      sourceId: input.sourceId, oaiIdentifier: input.oaiIdentifier, datestamp: input.datestamp,
      harvestedAt: input.harvestedAt, metadataPrefix: input.metadataPrefix,
    }],
  }
  return { plan, issues }

  // ─── plan ────────────────────────────────────────────────────────────────

  function required(value: string | undefined, path: string): string {
    if (value === undefined) note(path, 'missing: left empty')
    return value ?? ''
  }

  function planLanguage(value: unknown): string {
    const given = text(value)
    const code = given ? language(given) : null
    // ISO 639-3 'und' (undetermined) keeps the field valid without inventing a language.
    if (!code) note('/dmp/language', given ? 'not a language code we know: und is used' : 'missing: und is used', given)
    return code ?? 'und'
  }

  function planId(value: unknown): DmpIdentifier {
    const id = objects(value).map((v) => identifier(v, '/dmp/dmp_id')).find(Boolean)
    if (id) return id
    note('/dmp/dmp_id', 'missing: the harvested identifier is used')
    return { identifier: input.oaiIdentifier, type: 'other' }
  }

  // ─── people: the allow-list ─────────────────────────────────────────────

  function contact(value: unknown): DmpPerson {
    if (!isObject(value)) {
      note('/dmp/contact', 'missing: left empty')
      return { name: '' }
    }
    return person(value, value.contact_id, '/dmp/contact', 'contact_id')
  }

  function contributors(value: unknown): (DmpPerson & { role: string[] })[] {
    const out: (DmpPerson & { role: string[] })[] = []
    objects(value).forEach((c, i) => {
      const path = `/dmp/contributor/${i}`
      if (!text(c.name)) return note(path, 'a contributor without a name is left out')
      out.push({ ...person(c, c.contributor_id, path, 'contributor_id'), role: texts(c.role) })
    })
    return out
  }

  function person(value: JsonObject, ids: unknown, path: string, idKey: string): DmpPerson {
    const candidates = objects(ids).map((id, i) => publicPersonId(id, `${path}/${idKey}${Array.isArray(ids) ? `/${i}` : ''}`)).filter((id): id is DmpIdentifier => id !== null)
    const id = candidates.find((c) => c.type === 'orcid') ?? candidates[0]
    const affiliation = objects(value.affiliation).flatMap((a, i) => {
      const name = text(a.name)
      if (!name) return []
      const affiliationId = objects(a.affiliation_id).map((v) => identifier(v, `${path}/affiliation/${i}/affiliation_id`)).find(Boolean)
      return [{ name, ...optional('affiliation_id', affiliationId) }]
    })
    return { name: required(text(value.name), `${path}/name`), ...optional('id', id), ...optional('affiliation', affiliation) }
  }

  /** ORCID (checked), ISNI, or a URL: what identifies a person publicly. Anything else is left out, unquoted. */
  function publicPersonId(value: JsonObject, path: string): DmpIdentifier | null {
    const given = text(value.identifier)
    const type = text(value.type)?.toLowerCase() ?? 'other'
    if (!given) return null
    if (EMAIL.test(given)) {
      note(path, 'an e-mail address used as an identifier is not published')
      return null
    }
    const orcid = normalizeOrcid(given)
    if (orcid?.valid) return { identifier: orcid.value, type: 'orcid' }
    if (orcid || type === 'orcid') {
      note(path, orcid ? 'an ORCID whose check digit fails is not published' : 'typed orcid but not an ORCID iD: not published')
      return null
    }
    if (looksLikeNationalId(given)) {
      note(path, 'an identifier that looks like a national identity number is not published')
      return null
    }
    if (/^https?:\/\/\S+$/i.test(given) || type === 'isni') return { identifier: given, type }
    note(path, 'not a public person identifier (ORCID, ISNI or a URL): not published')
    return null
  }

  // ─── identifiers of things ──────────────────────────────────────────────

  /** DOIs bare and lower case, Handles `prefix/suffix`, Crossref Funder IDs as DOIs; the rest as given. */
  function identifier(value: JsonObject, path: string): DmpIdentifier | null {
    const given = text(value.identifier)
    const type = text(value.type)?.toLowerCase() ?? 'other'
    if (!given) {
      note(path, 'an identifier without a value is left out')
      return null
    }
    const doi = normalizeDoi(given)
    if (doi) return { identifier: doi, type: type === 'fundref' ? 'fundref' : 'doi' }
    if (type === 'doi') note(path, 'typed doi but not a DOI: kept as given', given)
    // A Crossref Funder ID written without its DOI prefix (`501100000780`).
    if (type === 'fundref' && /^\d{9,12}$/.test(given)) return { identifier: `10.13039/${given}`, type }
    const handle = normalizeHandle(given)
    if (handle) return { identifier: handle.value, type: 'handle' }
    return { identifier: given, type }
  }

  // ─── projects and funding ───────────────────────────────────────────────

  function project(value: JsonObject, path: string): DmpProject {
    const fundings = objects(value.funding).map((f, i) => funding(f, `${path}/funding/${i}`)).filter((f): f is DmpFunding => f !== null)
    const ids = objects(value.project_id).map((v, i) => identifier(v, `${path}/project_id/${i}`)).filter((v): v is DmpIdentifier => v !== null)
    return {
      title: required(text(value.title), `${path}/title`),
      ...optional('description', text(value.description)),
      ...optional('start', date(value.start, `${path}/start`)),
      ...optional('end', date(value.end, `${path}/end`)),
      ...optional('project_id', ids),
      ...optional('funding', fundings),
    }
  }

  function funding(value: JsonObject, path: string): DmpFunding | null {
    const funderId = objects(value.funder_id).map((v) => identifier(v, `${path}/funder_id`)).find(Boolean)
    const grant = objects(value.grant_id)[0]
    const grantText = text(grant?.identifier)
    const grantId = grant && grantText ? { identifier: cleanAwardNumber(grantText), type: text(grant.type)?.toLowerCase() ?? 'other' } : undefined
    const funderName = text(value.funder_name) ?? text(value.name)
    const status = value.funding_status === undefined ? undefined : choice(value.funding_status, FUNDING_STATUS, undefined, `${path}/funding_status`)
    if (!funderId && !funderName && !grantId) {
      note(path, 'a funding with neither funder nor grant is left out')
      return null
    }
    return {
      ...optional('funder_id', funderId),
      ...optional('funder_name', funderName),
      ...optional('funding_status', status),
      ...optional('grant_id', grantId),
    }
  }

  // ─── datasets and distributions ─────────────────────────────────────────

  function dataset(value: JsonObject, path: string, index: number): DmpDataset {
    let id = objects(value.dataset_id).map((v) => identifier(v, `${path}/dataset_id`)).find(Boolean)
    if (!id) {
      // Planned datasets often have no identifier yet; the position keeps them apart within the plan.
      note(`${path}/dataset_id`, 'missing: the dataset is numbered by its position in the plan')
      id = { identifier: `dataset-${index + 1}`, type: 'other' }
    }
    const lang = text(value.language)
    const code = lang ? language(lang) : null
    if (lang && !code) note(`${path}/language`, 'not a language code we know: left out', lang)
    return {
      title: required(text(value.title), `${path}/title`),
      ...optional('description', text(value.description)),
      ...optional('type', text(value.type)),
      dataset_id: id,
      personal_data: choice(value.personal_data, YES_NO, 'unknown', `${path}/personal_data`),
      sensitive_data: choice(value.sensitive_data, YES_NO, 'unknown', `${path}/sensitive_data`),
      ...optional('issued', date(value.issued, `${path}/issued`)),
      ...optional('language', code ?? undefined),
      ...optional('keyword', texts(value.keyword)),
      ...optional('distribution', objects(value.distribution).map((d, i) => distribution(d, `${path}/distribution/${i}`))),
    }
  }

  function distribution(value: JsonObject, path: string): DmpDistribution {
    const licenses = objects(value.license).flatMap((l, i) => {
      const ref = text(l.license_ref)
      if (!ref) {
        note(`${path}/license/${i}`, 'a licence without license_ref is left out')
        return []
      }
      return [{ license_ref: ref, ...optional('start_date', date(l.start_date, `${path}/license/${i}/start_date`)) }]
    })
    return {
      title: required(text(value.title), `${path}/title`),
      ...optional('access_url', text(value.access_url)),
      ...optional('download_url', text(value.download_url)),
      ...optional('format', texts(value.format).map(mediaType)),
      ...optional('byte_size', byteSize(value.byte_size, `${path}/byte_size`)),
      // Nothing is promised open when the plan does not say: closed until it does.
      data_access: choice(value.data_access, DATA_ACCESS, 'closed', `${path}/data_access`),
      ...optional('available_until', date(value.available_until, `${path}/available_until`)),
      ...optional('license', licenses),
      ...optional('host', host(value.host, `${path}/host`)),
    }
  }

  function host(value: unknown, path: string): DmpDistribution['host'] {
    if (!isObject(value)) return undefined
    const url = text(value.url)
    if (!url) {
      note(path, 'a host without url is left out')
      return undefined
    }
    return { title: text(value.title) ?? url, url, ...optional('pid_system', texts(value.pid_system)) }
  }

  // ─── values ──────────────────────────────────────────────────────────────

  function date(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null || value === '') return undefined
    const d = toDate(value)
    if (!d) note(path, 'not a date: left out', typeof value === 'string' ? value : undefined)
    return d ?? undefined
  }

  function byteSize(value: unknown, path: string): number | undefined {
    if (value === undefined) return undefined
    const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value
    if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n
    note(path, 'not a whole number of bytes: left out')
    return undefined
  }

  function choice<T extends string, D extends T | undefined>(value: unknown, allowed: readonly T[], otherwise: D, path: string): T | D {
    const v = text(value)?.toLowerCase()
    if (v && (allowed as readonly string[]).includes(v)) return v as T
    note(path, `${v ? 'not one of' : 'missing; one of'} ${allowed.join(', ')}${otherwise ? `: ${otherwise} is used` : ': left out'}`, v)
    return otherwise
  }
}

/** `text/CSV ` → `text/csv`; a common name ("CSV", "Excel") stays as written. */
function mediaType(value: string): string {
  return /^[a-z]+\/[\w.+-]+$/i.test(value) ? value.toLowerCase() : value
}

/** Spreads `{ key: value }` only when there is a value (an empty list counts as none). */
function optional<K extends string, V>(key: K, value: V | undefined | null): { [P in K]?: V } {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return {}
  return { [key]: value } as { [P in K]?: V }
}
