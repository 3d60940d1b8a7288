// The filters users search entities by (institution, source, type, access, year, language, OCDE area, DOI),
// read from query parameters into values, and turned into SQL over entity_index.
import { accessRight, language as languageCode, lookupFord, resourceType } from '../vocab/index.ts'
import { slug } from '../db/entity-index.ts'
import type { ParamReader } from './params.ts'
import { shorten } from './params.ts'

export interface EntityFilters {
  institution?: string[]
  /** Source ids; those of disabled sources are dropped before the query (their records left the view). */
  source?: string[]
  type?: string[]
  access?: string[]
  language?: string[]
  year?: { from: number | null; to: number | null }
  fordArea?: string[]
  hasDoi?: boolean
}

/** Filter parameter names, by what each entity kind is indexed on (src/db/entity-index.ts). */
export const FILTERS = {
  'research-output': ['institution', 'source', 'type', 'access', 'year', 'language', 'ford_area', 'has_doi'],
  dmp: ['institution', 'source', 'year', 'language'],
  project: ['institution', 'source', 'year'],
  funding: ['institution', 'source'],
  person: ['institution', 'source'],
  organisation: ['institution', 'source'],
} as const satisfies Record<string, readonly string[]>

export type FilteredKind = keyof typeof FILTERS

const COAR_TYPE = 'http://purl.org/coar/resource_type/'
const COAR_ACCESS = 'http://purl.org/coar/access_right/'
/** Short words for the four COAR access rights. */
const ACCESS_WORDS: Record<string, string> = {
  open: 'c_abf2', embargoed: 'c_f1cf', embargo: 'c_f1cf', restricted: 'c_16ec', closed: 'c_14cb', 'metadata-only': 'c_14cb', metadata: 'c_14cb',
}

/**
 * Reads the filters a kind accepts. `knownSources` (called only when `source` is given) validates it (an unknown id is a mistake worth a 400,
 * not an empty list); vocabulary values (type, access, language, OCDE area) are checked against our tables.
 */
export function readFilters(params: ParamReader, kind: FilteredKind, knownSources: () => Set<string>): EntityFilters {
  const allowed = new Set<string>(FILTERS[kind])
  const filters: EntityFilters = {}
  if (allowed.has('institution')) {
    const values = params.list('institution')
    if (values) {
      const slugs = values.map(slug).filter(Boolean)
      if (slugs.length === 0) params.fail('institution', 'expected an institution slug, as GET /api/v1/indicators lists them')
      else filters.institution = slugs
    }
  }
  if (allowed.has('source')) {
    const values = params.list('source')
    const known = values ? knownSources() : new Set<string>()
    const unknown = values?.filter((id) => !known.has(id)) ?? []
    if (unknown.length > 0) params.fail('source', `unknown source ${unknown.map((u) => JSON.stringify(shorten(u))).join(', ')}; GET /api/v1/sources lists them`)
    else if (values) filters.source = values
  }
  if (allowed.has('type')) filters.type = vocabularyList(params, 'type', (v) => {
    const term = resourceType(/^c_[0-9a-f]+$/i.test(v) ? COAR_TYPE + v.toLowerCase() : v)
    return term?.uri ?? null
  }, 'a COAR resource type: its URI, its code (c_6501) or its English label (journal article)')
  if (allowed.has('access')) filters.access = vocabularyList(params, 'access', (v) => {
    const word = ACCESS_WORDS[v.toLowerCase()]
    const term = accessRight(word ? COAR_ACCESS + word : /^c_[0-9a-f]+$/i.test(v) ? COAR_ACCESS + v.toLowerCase() : v)
    return term?.uri ?? null
  }, 'a COAR access right: open, embargoed, restricted, metadata-only, its code (c_abf2) or URI')
  if (allowed.has('language')) filters.language = vocabularyList(params, 'language', (v) => languageCode(v), 'an ISO 639 language code (spa, es, eng)')
  if (allowed.has('ford_area')) filters.fordArea = vocabularyList(params, 'ford_area', (v) => {
    const concept = lookupFord(/^\d$/.test(v) ? `${v}.00.00` : v)
    return concept?.level === 'area' ? concept.code : null
  }, 'an OCDE FORD area: 1 to 6, or its code (5.00.00) or URI; fields and disciplines are not indexed')
  if (allowed.has('year')) filters.year = readYear(params)
  if (allowed.has('has_doi')) filters.hasDoi = params.bool('has_doi')
  return filters
}

function vocabularyList(params: ParamReader, name: string, lookup: (value: string) => string | null, expected: string): string[] | undefined {
  const values = params.list(name)
  if (!values) return undefined
  const found: string[] = []
  const unknown: string[] = []
  for (const value of values) {
    const hit = lookup(value)
    if (hit) found.push(hit)
    else unknown.push(value)
  }
  if (unknown.length > 0) return params.fail(name, `not recognised: ${unknown.map((u) => JSON.stringify(shorten(u))).join(', ')}; expected ${expected}`)
  return [...new Set(found)]
}

/** `2020`, `2018-2020`, `2018-` (from) or `-2020` (until). */
function readYear(params: ParamReader): EntityFilters['year'] {
  const raw = params.string('year')
  if (raw === undefined) return undefined
  const m = /^(\d{1,4})?(?:(-)(\d{1,4})?)?$/.exec(raw)
  if (!m || (!m[1] && !m[3])) return params.fail('year', `expected a year (2020) or a range (2018-2020, 2018-, -2020); got ${JSON.stringify(shorten(raw))}`)
  const from = m[1] ? Number(m[1]) : null
  const to = m[2] ? (m[3] ? Number(m[3]) : null) : from
  if (from !== null && to !== null && from > to) return params.fail('year', `the range starts after it ends (${from} > ${to})`)
  return { from, to }
}

/** SQL conditions (ANDed) over entity_index `i`, with their arguments in order. */
export function filterSql(filters: EntityFilters): { conditions: string[]; args: (string | number)[] } {
  const conditions: string[] = []
  const args: (string | number)[] = []
  const inList = (column: string, values: string[] | undefined) => {
    if (!values) return
    conditions.push(values.length === 1 ? `${column} = ?` : `${column} IN (${values.map(() => '?').join(', ')})`)
    args.push(...values)
  }
  inList('i.institution', filters.institution)
  inList('i.type_uri', filters.type)
  inList('i.access_uri', filters.access)
  inList('i.language', filters.language)
  inList('i.ford_area', filters.fordArea)
  if (filters.source) {
    // `sources` is a space-separated list: no index, but every query also narrows by kind (and usually more).
    if (filters.source.length === 0) conditions.push('0')
    else {
      conditions.push(`(${filters.source.map(() => `instr(' ' || i.sources || ' ', ?) > 0`).join(' OR ')})`)
      args.push(...filters.source.map((id) => ` ${id} `))
    }
  }
  if (filters.year) {
    if (filters.year.from !== null && filters.year.from === filters.year.to) { conditions.push('i.year = ?'); args.push(filters.year.from) }
    else {
      if (filters.year.from !== null) { conditions.push('i.year >= ?'); args.push(filters.year.from) }
      if (filters.year.to !== null) { conditions.push('i.year <= ?'); args.push(filters.year.to) }
    }
  }
  if (filters.hasDoi !== undefined) { conditions.push('i.has_doi = ?'); args.push(filters.hasDoi ? 1 : 0) }
  return { conditions, args }
}

/** Drops disabled sources from a source filter: their records left the view, so they match nothing. */
export function withoutDisabledSources(filters: EntityFilters, disabled: string[]): EntityFilters {
  if (!filters.source || disabled.length === 0) return filters
  return { ...filters, source: filters.source.filter((id) => !disabled.includes(id)) }
}
