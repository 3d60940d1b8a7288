// OAI-level faults: the answer a nonconformant data provider would give about tokens, dates, formats and deletions.
import { answerOaiRequest, errorAnswer, type AnswerContext, type OaiAnswer, type OaiArgs, type OaiVerb } from '../../src/demo/oai-answer.ts'
import { formatUtcSeconds } from '../../src/demo/oai-dates.ts'
import { envelopeEnd, envelopeStart, escapeXml, requestElement, type TokenElement } from '../../src/demo/oai-xml.ts'
import {
  recordSourceOf, type RecordFilter, type RecordSource, type ReplayRecord, type ServedRepository,
} from '../../src/demo/replay-repository.ts'
import { decodeResumptionToken, encodeResumptionToken, type ListPosition } from '../../src/demo/resumption-token.ts'
import type { Faults } from './fixture-faults.ts'

/** What a fixture token carries besides the list position (the core ignores these keys). */
interface TokenExtras {
  /** Empty pages still to serve before this position's records (case 45). */
  e?: number
  /** A token issued after the last page (case 42). */
  x?: 1
  /** Issue time in ms (case 49). */
  t?: number
}

/** Counters that outlive one request; reset with the faults. */
export interface OaiFaultState {
  tokenRequests: number
  seenTokens: Map<string, number>
}

export const newOaiFaultState = (): OaiFaultState => ({ tokenRequests: 0, seenTokens: new Map() })

// Case 47: every character a careless harvester mangles: an encoded-looking %20, + (space when unencoded), / = & : and a space.
const decoration = '%20a+b/c=d&e:f g|'

function issueToken(position: ListPosition, extras: TokenExtras, faults: Faults): string {
  let token = encodeResumptionToken(position)
  if (Object.keys(extras).length > 0) {
    const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>
    token = Buffer.from(JSON.stringify({ ...payload, ...extras }), 'utf8').toString('base64url')
  }
  return faults.tokenStyle === 'special-chars' ? decoration + token : token
}

function readToken(wire: string, faults: Faults): { core: string; position: ListPosition | null; extras: TokenExtras } {
  let core = wire
  if (faults.tokenStyle === 'special-chars') {
    // Only the exact trimmed value resumes: a `+` sent unencoded arrives as a space and fails here.
    core = wire.startsWith(decoration) ? wire.slice(decoration.length) : '!'
  }
  const position = decodeResumptionToken(core)
  let extras: TokenExtras = {}
  if (position) {
    const payload = JSON.parse(Buffer.from(core, 'base64url').toString('utf8')) as Record<string, unknown>
    extras = { ...(typeof payload.e === 'number' ? { e: payload.e } : {}), ...(payload.x === 1 ? { x: 1 as const } : {}), ...(typeof payload.t === 'number' ? { t: payload.t } : {}) }
  }
  return { core, position, extras }
}

const listVerbs = new Set(['ListRecords', 'ListIdentifiers', 'ListSets'])

/** The page index a request asks for, before it is answered (0 without a token). */
export function requestedPage(args: OaiArgs, faults: Faults, pageSize: number, setsPageSize: number): number | undefined {
  const verb = args.find(([k]) => k === 'verb')?.[1]
  if (!verb || !listVerbs.has(verb)) return undefined
  const wire = args.find(([k]) => k === 'resumptionToken')?.[1]
  if (wire === undefined) return 0
  const position = readToken(wire, faults).position
  return position ? Math.floor(position.offset / (verb === 'ListSets' ? setsPageSize : pageSize)) : undefined
}

export function answerWithFaults(
  input: { args: OaiArgs; repository: ServedRepository; context: AnswerContext; faults: Faults; state: OaiFaultState },
): { answer: OaiAnswer; applied: string[] } {
  const { repository, context, faults, state } = input
  const applied: string[] = []
  let args = [...input.args]
  const get = (key: string) => args.find(([k]) => k === key)?.[1]
  const verb = (get('verb') ?? null) as OaiVerb | null
  const fail = (code: Parameters<typeof errorAnswer>[1][number]['code'], message: string, echo = true, fault?: string) => {
    if (fault) applied.push(fault)
    return { answer: errorAnswer(context, [{ code, message }], echo ? args : null, verb), applied }
  }
  const isList = verb !== null && listVerbs.has(verb)
  const pageSize = verb === 'ListSets' ? context.setsPageSize : context.pageSize
  const now = context.now.getTime()

  if (faults.rejectSecondsGranularity && [get('from'), get('until')].some((d) => d?.includes('T'))) {
    return fail('badArgument', 'Only YYYY-MM-DD dates are accepted.', false, 'rejectSecondsGranularity')
  }

  const wire = get('resumptionToken')
  let extras: TokenExtras = {}
  if (isList && wire !== undefined) {
    state.tokenRequests++
    const read = readToken(wire, faults)
    extras = read.extras
    const bad = faults.badToken
    if (bad && ((bad.every !== undefined && state.tokenRequests % bad.every === 0) || bad.tokenRequests?.includes(state.tokenRequests))) {
      return fail('badResumptionToken', 'The resumptionToken has expired.', true, 'badToken')
    }
    if (faults.tokenExpiresAfterMs !== undefined && extras.t !== undefined && now - extras.t > faults.tokenExpiresAfterMs) {
      return fail('badResumptionToken', 'The resumptionToken has expired.', true, 'tokenExpiresAfterMs')
    }
    if (faults.requirePrefixWithToken) {
      if (get('metadataPrefix') === undefined) return fail('badArgument', 'metadataPrefix is required.', false, 'requirePrefixWithToken')
      args = args.filter(([k]) => k !== 'metadataPrefix')
    }
    if (read.position && faults.noRecordsMatchAtPage !== undefined && Math.floor(read.position.offset / pageSize) === faults.noRecordsMatchAtPage) {
      return fail('noRecordsMatch', 'No records match.', true, 'noRecordsMatchAtPage')
    }
    if (read.position && extras.x) {
      if (faults.finalToken === 'extra-then-noRecordsMatch') return fail('noRecordsMatch', 'No records match.', true, 'finalToken')
      applied.push('finalToken')
      const at = read.position.offset
      return { answer: emptyListAnswer(verb!, args, context, { value: '', completeListSize: at, cursor: at }), applied }
    }
    let core = read.core
    if (faults.reissueShifts && read.position) {
      const seen = state.seenTokens.get(wire) ?? 0
      state.seenTokens.set(wire, seen + 1)
      if (seen > 0) {
        applied.push('reissueShifts')
        core = encodeResumptionToken({ ...read.position, offset: read.position.offset + Math.max(1, Math.floor(pageSize / 2)) })
      }
    }
    args = args.map(([k, v]) => [k, k === 'resumptionToken' ? core : v] as const)
  }

  const prefix = get('metadataPrefix') ?? (wire !== undefined ? decodeResumptionToken(args.find(([k]) => k === 'resumptionToken')?.[1] ?? '')?.metadataPrefix : undefined)
  if (faults.cannotDisseminate?.identifiers === 'all' && prefix === faults.cannotDisseminate.metadataPrefix &&
    (verb === 'GetRecord' || verb === 'ListRecords' || verb === 'ListIdentifiers')) {
    return fail('cannotDisseminateFormat', `"${prefix}" cannot be disseminated.`, true, 'cannotDisseminate')
  }

  let answer = answerOaiRequest(args, faultyView(repository, faults, context.now, applied), context)

  if (verb === 'Identify' && faults.identify && answer.errors.length === 0) {
    applied.push('identify')
    let item = answer.items[0] ?? ''
    for (const [element, value] of Object.entries(faults.identify) as [string, string][]) {
      item = item.replace(new RegExp(`<${element}>[^<]*</${element}>`), `<${element}>${escapeXml(value)}</${element}>`)
    }
    answer = { ...answer, items: [item] }
  }

  if (!isList || !answer.list || answer.errors.length > 0) return { answer, applied }
  const { position, total } = answer.list
  const page = Math.floor(position.offset / pageSize)
  const withToken = (value: string, extra: Partial<TokenElement> = {}): TokenElement => ({
    value, completeListSize: total, cursor: position.offset, ...extra,
  })

  if (faults.emptyPages && faults.emptyPages.atPage === page && (extras.e === undefined || extras.e > 0)) {
    // Served instead of this page's records; the run ends when a token with e = 0 comes back.
    applied.push('emptyPages')
    const remaining = extras.e === undefined ? faults.emptyPages.count - 1 : extras.e - 1
    answer = { ...answer, items: [], records: [], token: withToken(issueToken(position, { e: remaining }, faults)) }
  } else {
    const isLast = position.offset + answer.items.length >= total
    if (isLast) {
      if (faults.finalToken === 'absent') {
        applied.push('finalToken')
        answer = { ...answer, token: null }
      } else if (faults.finalToken === 'extra-then-empty-page' || faults.finalToken === 'extra-then-noRecordsMatch') {
        applied.push('finalToken')
        answer = { ...answer, token: withToken(issueToken({ ...position, offset: total }, { x: 1 }, faults)) }
      }
    } else if (faults.repeatToken?.atPage === page && wire !== undefined) {
      applied.push('repeatToken')
      answer = { ...answer, token: withToken(wire) }
    } else if (faults.tokenCycle && faults.tokenCycle.atPage === page && page >= 2) {
      applied.push('tokenCycle')
      answer = { ...answer, token: withToken(issueToken({ ...position, offset: (page - 1) * pageSize }, {}, faults)) }
    } else if (answer.token && answer.token.value !== '') {
      const next = decodeResumptionToken(answer.token.value)!
      const stamp = faults.tokenExpiresAfterMs !== undefined ? { t: now } : {}
      answer = { ...answer, token: withToken(issueToken(next, stamp, faults)) }
      if (faults.tokenExpiresAfterMs !== undefined) answer.token!.expirationDate = formatUtcSeconds(new Date(now + faults.tokenExpiresAfterMs))
    }
  }

  if (answer.token) answer = { ...answer, token: oddAttributes(answer.token, faults, page, pageSize, total, applied) }
  if (faults.tokenStyle === 'special-chars' && answer.token && answer.token.value !== '') {
    applied.push('tokenStyle')
    answer = { ...answer, token: { ...answer.token, value: `\n  ${answer.token.value}\n  ` } }
  }
  return { answer, applied }
}

/** Case 52: cursor and completeListSize as careless servers write them. */
function oddAttributes(token: TokenElement, faults: Faults, page: number, pageSize: number, total: number, applied: string[]): TokenElement {
  const out = { ...token }
  if (faults.cursor) applied.push('cursor')
  if (faults.cursor === 'page-index') out.cursor = page
  if (faults.cursor === 'one-based' && out.cursor !== undefined) out.cursor += 1
  if (faults.cursor === 'absent') delete out.cursor
  if (faults.completeListSize) applied.push('completeListSize')
  if (faults.completeListSize === 'under') out.completeListSize = Math.max(1, Math.min(pageSize, Math.floor(total / 2)))
  if (faults.completeListSize === 'changing') out.completeListSize = total + page * 7
  if (faults.completeListSize === 'absent') delete out.completeListSize
  return out
}

function emptyListAnswer(verb: OaiVerb, args: OaiArgs, context: AnswerContext, token: TokenElement | null): OaiAnswer {
  return {
    verb,
    errors: [],
    head: envelopeStart(formatUtcSeconds(context.now), requestElement(context.baseUrl, args)) + `<${verb}>\n`,
    items: [],
    records: [],
    token,
    foot: `</${verb}>\n` + envelopeEnd,
  }
}

/** The repository as a faulty server sees it: dates rewritten, until widened, formats withheld, tombstones hidden. */
function faultyView(repository: ServedRepository, faults: Faults, now: Date, applied: string[]): ServedRepository {
  const withheld = faults.cannotDisseminate && faults.cannotDisseminate.identifiers !== 'all' ? faults.cannotDisseminate : undefined
  if (!faults.datestampAlwaysNow && !faults.widenUntilToEndOfDay && !withheld && !faults.deletedGetRecord) return repository
  const withhold = (record: ReplayRecord): ReplayRecord => {
    if (!withheld || !withheld.identifiers.includes(record.identifier) || !(withheld.metadataPrefix in record.formats)) return record
    const formats = { ...record.formats }
    delete formats[withheld.metadataPrefix]
    return { ...record, formats }
  }
  // In-memory lists skip withheld items; a lazy source only refuses them in GetRecord.
  const base = Array.isArray(repository.records) && withheld
    ? recordSourceOf({ ...repository, records: repository.records.map(withhold) })
    : recordSourceOf(repository)
  const stamp = formatUtcSeconds(now)
  const adjust = (filter: RecordFilter): RecordFilter => {
    const out = { ...filter }
    if (faults.datestampAlwaysNow) {
      delete out.from
      delete out.until
    }
    if (faults.widenUntilToEndOfDay && out.until?.endsWith('T00:00:00Z')) {
      // DSpace's DateUntilFilter: a midnight until becomes the whole day.
      applied.push('widenUntilToEndOfDay')
      out.until = out.until.slice(0, 10) + 'T23:59:59Z'
    }
    return out
  }
  const rewrite = (record: ReplayRecord): ReplayRecord => (faults.datestampAlwaysNow ? { ...record, datestamp: stamp } : record)
  const source: RecordSource = {
    count: (filter) => base.count(adjust(filter)),
    slice: (filter, offset, limit) => base.slice(adjust(filter), offset, limit).map(rewrite),
    get(identifier) {
      const record = base.get(identifier)
      if (!record || (faults.deletedGetRecord === 'idDoesNotExist' && record.deleted)) return undefined
      return rewrite(withhold(record))
    },
  }
  return { ...repository, records: source }
}
