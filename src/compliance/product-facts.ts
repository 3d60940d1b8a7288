// What a funded project's research output is, as art. 39.7 lists products: its kind, whether it is open or under a
// justified exception, whether its data are in open formats, and whether it sits in a repository. Pure.
import coar from '../../data/vocab/coar-resource-types.json' with { type: 'json' }
import type { ResearchOutput } from '../model/index.ts'
import { classifyFormat } from './open-formats.ts'

/** Art. 39.7: "datos de investigación, artículos o en su defecto el manuscrito, capítulos de libro, libros, entre otras". */
export type ProductKind = 'article' | 'data' | 'thesis' | 'book' | 'other'

export type AccessLevel = 'open' | 'embargoed' | 'restricted' | 'closed' | 'unknown'

/** An exception to open access the record claims: an embargo that ends, or a stated reason. */
export type AccessException = { kind: 'embargo'; end: string } | { kind: 'reason'; reason: string }

export interface ProductFacts {
  kind: ProductKind
  access: AccessLevel
  /** The exception that justifies access other than open; null when open, or when nothing justifies it. */
  exception: AccessException | null
  /** Open, or under a justified exception. */
  acceptable: boolean
  /** Data only: false when a file is in a proprietary format, true when every file is open, null when unknown. */
  openFormats: boolean | null
  /** The files in proprietary formats (names or URLs), for the manager to convert. */
  proprietaryFiles: string[]
  /** Held by a repository (institutional, CONCYTEC's, or one an aggregator harvested), not only listed by a CRIS. */
  deposited: boolean
}

const COAR = 'http://purl.org/coar/resource_type/'
const ACCESS = 'http://purl.org/coar/access_right/'

// The COAR top concepts of each kind; narrower types (research article → journal article → contribution to
// journal) are found through `broader`. A preprint is the manuscript art. 39.7 accepts instead of the article.
// Software and workflows are research data: art. 40.2 counts "códigos de análisis y flujos de trabajo" among them.
const KIND_ROOTS: [ProductKind, string[]][] = [
  ['data', ['c_ddb1', 'c_5ce6', 'c_393c']],
  ['article', ['c_3e5a', 'c_6501', 'c_816b']],
  ['thesis', ['c_46ec']],
  ['book', ['c_2f33']],
]

const broader = new Map(Object.entries(coar.concepts as Record<string, { broader: string | null }>).map(([uri, c]) => [uri, c.broader]))

export function productKind(typeUri: string | null): ProductKind {
  for (let uri = typeUri, depth = 0; uri && depth < 10; uri = broader.get(uri) ?? null, depth++) {
    const code = uri.startsWith(COAR) ? uri.slice(COAR.length) : uri
    for (const [kind, roots] of KIND_ROOTS) if (roots.includes(code)) return kind
  }
  return 'other'
}

export function accessLevel(uri: string | undefined): AccessLevel {
  switch (uri) {
    case `${ACCESS}c_abf2`: return 'open'
    case `${ACCESS}c_f1cf`: return 'embargoed'
    case `${ACCESS}c_16ec`: return 'restricted'
    case `${ACCESS}c_14cb`: return 'closed'
    default: return 'unknown'
  }
}

/**
 * Art. 39.5 allows exceptions; what counts as one here: an embargo with an end date not yet passed (one whose date
 * has passed but still reads embargoed is stale and must be opened or re-justified), or restricted or closed access
 * with the reason the record states (`accessReason`). Unknown access is not open: the record must say it is.
 */
export function productFacts(output: ResearchOutput, today: string): ProductFacts {
  const kind = productKind(output.type.uri)
  const access = accessLevel(output.accessRight?.uri)
  let exception: AccessException | null = null
  if (access === 'embargoed' && output.embargoEnd && output.embargoEnd.slice(0, 10) >= today) exception = { kind: 'embargo', end: output.embargoEnd }
  if ((access === 'restricted' || access === 'closed') && output.accessReason?.trim()) exception = { kind: 'reason', reason: output.accessReason.trim() }
  const formats = kind === 'data' ? fileFormats(output) : { openFormats: null, proprietaryFiles: [] }
  return { kind, access, exception, acceptable: access === 'open' || exception !== null, ...formats, deposited: isDeposited(output) }
}

function fileFormats(output: ResearchOutput): Pick<ProductFacts, 'openFormats' | 'proprietaryFiles'> {
  const verdicts = output.files.map((f) => ({ file: f.name ?? f.url, openness: classifyFormat(f) }))
  const proprietaryFiles = verdicts.filter((v) => v.openness === 'proprietary').map((v) => v.file)
  if (proprietaryFiles.length > 0) return { openFormats: false, proprietaryFiles }
  const known = verdicts.length > 0 && verdicts.every((v) => v.openness === 'open')
  return { openFormats: known ? true : null, proprietaryFiles }
}

/**
 * Art. 39.7 asks for deposit in a repository. A copy harvested from a repository (or from ALICIA, which only
 * aggregates repositories) proves it; a CRIS record (CERIF) only lists the work, unless it gives the Handle a
 * repository minted for it.
 */
function isDeposited(output: ResearchOutput): boolean {
  if (output.provenance.some((p) => !isCrisPrefix(p.metadataPrefix) && p.metadataPrefix !== 'madmp')) return true
  return output.identifiers.some((id) => id.type === 'handle' && id.valid !== false)
}

export function isCrisPrefix(metadataPrefix: string): boolean {
  return /cerif/i.test(metadataPrefix)
}
