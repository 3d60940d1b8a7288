// Answers one OAI-PMH request over a served repository, as data: argument checks, the six verbs, errors and paging.
import type { OaiErrorCode } from '../../harvesters/types.ts'
import { DAY, SECONDS, datestampIn, formatUtcSeconds, parseDateArgument, type DateArgument } from './oai-dates.ts'
import {
  envelopeEnd, envelopeStart, errorElements, escapeXml, headerXml, recordXml, requestElement, tokenXml,
  type OaiError, type TokenElement,
} from './oai-xml.ts'
import { recordSourceOf, type RecordFilter, type ReplayRecord, type ServedRepository } from './replay-repository.ts'
import { decodeResumptionToken, encodeResumptionToken, type ListPosition, type ListVerb } from './resumption-token.ts'

/** The request's key=value pairs in order, repeats kept: a repeated argument is itself an error (§3.6). */
export type OaiArgs = readonly (readonly [string, string])[]

export type OaiVerb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'GetRecord' | 'ListIdentifiers' | 'ListRecords'

export interface AnswerContext {
  /** Echoed in `<request>` and Identify's baseURL; must be the URL the harvester used (§3.2). */
  baseUrl: string
  /** Taken at the start of the request (guidelines §3). */
  now: Date
  pageSize: number
  setsPageSize: number
  /** Encodings beyond identity that the HTTP layer will honour, advertised in Identify (§3.1.3). */
  compression: readonly string[]
}

/**
 * One response in pieces, so a test fixture can drop, corrupt or reorder items and rewrite the
 * token without re-parsing XML. `renderAnswer` joins them into the conformant document.
 */
export interface OaiAnswer {
  verb: OaiVerb | null
  errors: OaiError[]
  /** Declaration, envelope, responseDate, request and the verb element's start tag. */
  head: string
  /** One string per record, header, set or format. */
  items: string[]
  /** The records behind `items`, for GetRecord, ListIdentifiers and ListRecords. */
  records: ReplayRecord[]
  /** The resumptionToken element; null when the list is complete in one response or the verb has none. */
  token: TokenElement | null
  /** Where a list page sits; absent for other verbs and errors. */
  list?: { position: ListPosition; total: number }
  /** The verb element's end tag and the root's. */
  foot: string
}

export function renderAnswer(answer: OaiAnswer): string {
  return answer.head + answer.items.join('') + tokenXml(answer.token) + answer.foot
}

interface VerbArguments {
  required: string[]
  optional: string[]
  /** resumptionToken allowed, and then alone (§4 "exclusive"). */
  resumable?: boolean
}

const verbArguments: Record<OaiVerb, VerbArguments> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], resumable: true },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], resumable: true },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], resumable: true },
}

// A value we could not echo in well-formed XML (the validator sends such values on purpose).
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

export function answerOaiRequest(args: OaiArgs, repository: ServedRepository, context: AnswerContext): OaiAnswer {
  const responseDate = formatUtcSeconds(context.now)
  const refuse = (errors: OaiError[], echo: OaiArgs | null, verb: OaiVerb | null = null) => errorAnswer(context, errors, echo, verb)

  const verbs = args.filter(([key]) => key === 'verb').map(([, value]) => value)
  if (verbs.length !== 1 || !(verbs[0]! in verbArguments)) {
    const message = verbs.length === 0 ? 'The verb argument is missing.'
      : verbs.length > 1 ? 'The verb argument is repeated.'
      : `"${verbs[0]}" is not an OAI-PMH verb (verbs are case-sensitive).`
    return refuse([{ code: 'badVerb', message }], null)
  }
  const verb = verbs[0] as OaiVerb
  const rest = args.filter(([key]) => key !== 'verb')
  const checked = checkArguments(verb, rest, repository)
  if (checked.errors.length > 0) return refuse(checked.errors, null, verb)

  const values = checked.values
  const ok = (element: string, items: string[], extra: Partial<OaiAnswer> = {}): OaiAnswer => ({
    verb,
    errors: [],
    head: envelopeStart(responseDate, requestElement(context.baseUrl, args)) + `<${element}>\n`,
    items,
    records: [],
    token: null,
    foot: `</${element}>\n` + envelopeEnd,
    ...extra,
  })
  const oaiError = (code: OaiErrorCode, message: string) => refuse([{ code, message }], args, verb)

  switch (verb) {
    case 'Identify':
      return ok('Identify', [identifyXml(repository, context)])

    case 'ListMetadataFormats': {
      const identifier = values.get('identifier')
      let formats = repository.formats
      if (identifier !== undefined) {
        const record = visibleRecord(repository, identifier)
        if (!record) return oaiError('idDoesNotExist', `No item has the identifier "${identifier}".`)
        const prefixes = Object.keys(record.formats)
        if (prefixes.length > 0 || !record.deleted) formats = formats.filter((f) => prefixes.includes(f.metadataPrefix))
      }
      if (formats.length === 0) return oaiError('noMetadataFormats', 'There are no metadata formats available for this item.')
      return ok('ListMetadataFormats', formats.map((f) =>
        `<metadataFormat><metadataPrefix>${escapeXml(f.metadataPrefix)}</metadataPrefix><schema>${escapeXml(f.schema)}</schema>` +
        `<metadataNamespace>${escapeXml(f.metadataNamespace)}</metadataNamespace></metadataFormat>\n`))
    }

    case 'ListSets': {
      if (repository.sets.length === 0) return oaiError('noSetHierarchy', 'This repository does not support sets.')
      const position = resumedOrFresh('ListSets', values)
      if (!position) return oaiError('badResumptionToken', 'The resumptionToken is invalid or expired.')
      const total = repository.sets.length
      if (position.offset >= total) return oaiError('badResumptionToken', 'The set list changed: this resumptionToken points past its end.')
      const page = repository.sets.slice(position.offset, position.offset + context.setsPageSize)
      return ok('ListSets', page.map((s) => `<set><setSpec>${escapeXml(s.setSpec)}</setSpec><setName>${escapeXml(s.setName)}</setName></set>\n`), {
        token: pageToken(position, page.length, total),
        list: { position, total },
      })
    }

    case 'GetRecord': {
      const identifier = values.get('identifier')!
      const prefix = values.get('metadataPrefix')!
      if (!repository.formats.some((f) => f.metadataPrefix === prefix)) {
        return oaiError('cannotDisseminateFormat', `This repository does not disseminate "${prefix}".`)
      }
      const record = visibleRecord(repository, identifier)
      if (!record) return oaiError('idDoesNotExist', `No item has the identifier "${identifier}".`)
      const hasFormats = Object.keys(record.formats).length > 0
      if (!(prefix in record.formats) && (!record.deleted || hasFormats)) {
        return oaiError('cannotDisseminateFormat', `The item "${identifier}" is not available as "${prefix}".`)
      }
      return ok('GetRecord', [recordXml(record, prefix, repository.granularity)], { records: [record] })
    }

    case 'ListIdentifiers':
    case 'ListRecords': {
      const position = resumedOrFresh(verb, values)
      if (!position) return oaiError('badResumptionToken', 'The resumptionToken is invalid or expired.')
      const prefix = position.metadataPrefix!
      if (!repository.formats.some((f) => f.metadataPrefix === prefix)) {
        return oaiError('cannotDisseminateFormat', `This repository does not disseminate "${prefix}".`)
      }
      if (position.set !== undefined && repository.sets.length === 0) {
        return oaiError('noSetHierarchy', 'This repository does not support sets.')
      }
      const filter = listFilter(position, repository)
      if (!filter) return oaiError('badResumptionToken', 'The resumptionToken is invalid or expired.')
      const source = recordSourceOf(repository)
      const total = source.count(filter)
      if (total === 0) return oaiError('noRecordsMatch', 'No records match the from, until, set and metadataPrefix arguments.')
      if (position.offset >= total) {
        // §3.5.1: after substantial changes the harvester should restart rather than trust this list.
        return oaiError('badResumptionToken', 'The list changed: this resumptionToken points past its end.')
      }
      const records = source.slice(filter, position.offset, context.pageSize)
      const items = verb === 'ListRecords'
        ? records.map((r) => recordXml(r, prefix, repository.granularity))
        : records.map((r) => headerXml(r, repository.granularity) + '\n')
      return ok(verb, items, { records, token: pageToken(position, records.length, total), list: { position, total } })
    }
  }
}

/** An error response; `echo` is null after badVerb/badArgument, whose request element carries no attributes (§3.2). */
export function errorAnswer(context: AnswerContext, errors: OaiError[], echo: OaiArgs | null, verb: OaiVerb | null): OaiAnswer {
  return {
    verb,
    errors,
    head: envelopeStart(formatUtcSeconds(context.now), requestElement(context.baseUrl, echo)) + errorElements(errors),
    items: [],
    records: [],
    token: null,
    foot: envelopeEnd,
  }
}

function checkArguments(verb: OaiVerb, rest: OaiArgs, repository: ServedRepository): { errors: OaiError[]; values: Map<string, string> } {
  const spec = verbArguments[verb]
  const allowed = new Set([...spec.required, ...spec.optional, ...(spec.resumable ? ['resumptionToken'] : [])])
  const errors: OaiError[] = []
  const values = new Map<string, string>()
  const bad = (message: string) => errors.push({ code: 'badArgument', message })
  for (const [key, value] of rest) {
    if (!allowed.has(key)) bad(`"${key}" is not an argument of ${verb}.`)
    else if (values.has(key)) bad(`The argument "${key}" is repeated.`)
    else if (value === '') bad(`The argument "${key}" is empty.`)
    else if (notXmlChar.test(value)) bad(`The argument "${key}" holds characters XML cannot carry.`)
    else values.set(key, value)
  }
  // §3.6: report every problem, not just the first.
  if (values.has('resumptionToken')) {
    if (values.size > 1) bad('resumptionToken is an exclusive argument: send it alone with the verb.')
    return { errors, values }
  }
  for (const key of spec.required) if (!values.has(key) && !rest.some(([k]) => k === key)) bad(`The required argument "${key}" is missing.`)
  const dates = checkDates(values.get('from'), values.get('until'), repository)
  if (typeof dates === 'string') bad(dates)
  return { errors, values }
}

/** The from/until bounds, or the badArgument message that rejects them (§3.3.1, §2.7.1). */
function checkDates(from: string | undefined, until: string | undefined, repository: ServedRepository):
  { from?: DateArgument; until?: DateArgument } | string {
  const parsed: { from?: DateArgument; until?: DateArgument } = {}
  for (const [side, text] of [['from', from], ['until', until]] as const) {
    if (text === undefined) continue
    const date = parseDateArgument(text, side)
    if (!date) return `"${text}" is not a legal ${side} date (YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ).`
    if (date.granularity === SECONDS && repository.granularity === DAY) {
      return `${side}="${text}" is finer than this repository's granularity (YYYY-MM-DD).`
    }
    parsed[side] = date
  }
  if (parsed.from && parsed.until) {
    if (parsed.from.granularity !== parsed.until.granularity) return 'from and until must have the same granularity.'
    if (from! > until!) return 'from must be less than or equal to until.'
  }
  return parsed
}

function resumedOrFresh(verb: ListVerb, values: Map<string, string>): ListPosition | null {
  const token = values.get('resumptionToken')
  if (token === undefined) {
    const position: ListPosition = { verb, offset: 0 }
    for (const key of ['metadataPrefix', 'from', 'until', 'set'] as const) {
      const value = values.get(key)
      if (value !== undefined) position[key] = value
    }
    return position
  }
  const position = decodeResumptionToken(token)
  return position && position.verb === verb ? position : null
}

function listFilter(position: ListPosition, repository: ServedRepository): RecordFilter | null {
  const dates = checkDates(position.from, position.until, repository)
  if (typeof dates === 'string') return null
  const filter: RecordFilter = { metadataPrefix: position.metadataPrefix!, includeDeleted: repository.deletedRecord !== 'no' }
  if (dates.from) filter.from = dates.from.bound
  if (dates.until) filter.until = dates.until.bound
  if (position.set !== undefined) filter.set = position.set
  return filter
}

/** §3.5: a token on every incomplete page, an empty one on the page that completes a list, none on a one-page list. */
function pageToken(position: ListPosition, pageLength: number, total: number): TokenElement | null {
  const next = position.offset + pageLength
  if (next < total) return { value: encodeResumptionToken({ ...position, offset: next }), completeListSize: total, cursor: position.offset }
  if (position.offset > 0) return { value: '', completeListSize: total, cursor: position.offset }
  return null
}

/** With deletedRecord=no a deleted item must look as if it never existed (§2.5.1). */
function visibleRecord(repository: ServedRepository, identifier: string): ReplayRecord | undefined {
  const record = recordSourceOf(repository).get(identifier)
  return record && record.deleted && repository.deletedRecord === 'no' ? undefined : record
}

function identifyXml(repository: ServedRepository, context: AnswerContext): string {
  const emails = repository.adminEmails?.length ? repository.adminEmails : ['admin@replay.invalid']
  let xml = `<repositoryName>${escapeXml(repository.repositoryName)}</repositoryName>\n`
  xml += `<baseURL>${escapeXml(context.baseUrl)}</baseURL>\n<protocolVersion>2.0</protocolVersion>\n`
  for (const email of emails) xml += `<adminEmail>${escapeXml(email)}</adminEmail>\n`
  xml += `<earliestDatestamp>${datestampIn(repository.granularity, repository.earliestDatestamp)}</earliestDatestamp>\n`
  xml += `<deletedRecord>${repository.deletedRecord}</deletedRecord>\n<granularity>${repository.granularity}</granularity>\n`
  for (const encoding of context.compression) xml += `<compression>${escapeXml(encoding)}</compression>\n`
  for (const description of repository.descriptions ?? []) xml += `<description>${description}</description>\n`
  return xml
}
