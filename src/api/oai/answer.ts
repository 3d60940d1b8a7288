// Answers one OAI-PMH request over the aggregate: the six verbs, every error code, keyset paging. Returns the XML.
import type { Db } from '../../db/open.ts'
import type { OaiErrorCode, Source } from '../../../harvesters/types.ts'
import type { OaiArgs } from '../../demo/oai-answer.ts'
import { formatUtcSeconds } from '../../demo/oai-dates.ts'
import { envelopeEnd, envelopeStart, errorElements, requestElement, tokenXml, type OaiError, type TokenElement } from '../../demo/oai-xml.ts'
import { xmlText } from '../../publish/xml-text.ts'
import { readRequest, type OaiRequest } from './arguments.ts'
import { formatOf, formatsFor, oaiFormats, servedKinds } from './formats.ts'
import { identifyXml } from './identify.ts'
import { countItems, earliestDatestamp, getItem, latestDatestamp, listItems, type OaiItem } from './records.ts'
import { datestampOf, headerXml, recordXml, type RecordContext } from './record-xml.ts'
import { listSets, setExists } from './sets.ts'
import { decodeToken, encodeToken, type ListPosition } from './token.ts'
import { observeVisibility, type Visibility } from './visibility.ts'

export interface OaiSettings {
  /** Records or headers per list response (guidelines §2.5 and OVAL: 100–500). */
  pageSize: number
  setsPageSize: number
  repositoryName: string
  /** The oai-identifier namespace: identifiers are `oai:<this>:<entity id>`. */
  repositoryIdentifier: string
  adminEmails: readonly string[]
  /** How long a list may be resumed after its first page (OVAL wants at least 23 h). */
  tokenLifetimeSeconds: number
}

export interface AnswerContext {
  db: Db
  sources: Source[]
  /** Echoed in <request> and Identify: the URL the harvester used, or the configured public one (Spec §3.2). */
  baseUrl: string
  /** Taken once, at the start of the request (guidelines §3). */
  now: Date
  settings: OaiSettings
  /** Encodings beyond identity that the HTTP layer honours (Spec §3.1.3). */
  compression: readonly string[]
}

export function answerOai(args: OaiArgs, context: AnswerContext): string {
  const responseDate = formatUtcSeconds(context.now)
  const respond = (body: string) => envelopeStart(responseDate, requestElement(context.baseUrl, args)) + body + envelopeEnd
  const fail = (errors: OaiError[], echo: boolean) =>
    envelopeStart(responseDate, requestElement(context.baseUrl, echo ? args : null)) + errorElements(errors) + envelopeEnd
  const read = readRequest(args)
  // Spec §3.2: after badVerb or badArgument the request element carries no attributes.
  if (!read.ok) return fail(read.errors, false)
  const oaiError = (code: OaiErrorCode, message: string) => fail([{ code, message }], true)
  const result = answerVerb(read.request, context, observeVisibility(context.db, context.now))
  if ('errors' in result) return fail(result.errors, true)
  if ('code' in result) return oaiError(result.code, result.message)
  return respond(`<${read.request.verb}>\n${result.body}</${read.request.verb}>\n`)
}

type VerbResult = { body: string } | { code: OaiErrorCode; message: string } | { errors: OaiError[] }

function answerVerb(request: OaiRequest, context: AnswerContext, visibility: Visibility): VerbResult {
  const { db, settings } = context
  const records = recordContext(context)
  switch (request.verb) {
    case 'Identify': {
      const earliest = earliestDatestamp(db, servedKinds)
      const sample = db.$client.prepare('SELECT id FROM entity_index WHERE kind = ? LIMIT 1').pluck().get('research-output') as string | undefined
      return {
        body: identifyXml({
          repositoryName: settings.repositoryName, baseUrl: context.baseUrl, adminEmails: settings.adminEmails,
          // With no item yet, no datestamp exists: the response date is then a true lower bound.
          earliestDatestamp: earliest ? datestampOf(earliest) : formatUtcSeconds(context.now),
          repositoryIdentifier: settings.repositoryIdentifier, sampleId: sample ?? 'ro-0123456789abcdef', compression: context.compression,
        }),
      }
    }

    case 'ListMetadataFormats': {
      let formats = Object.values(oaiFormats) as { metadataPrefix: string; schema: string; metadataNamespace: string }[]
      if (request.identifier !== undefined) {
        const item = itemOf(request.identifier, context, visibility)
        if (!item) return { code: 'idDoesNotExist', message: `No item has the identifier "${request.identifier}".` }
        formats = formatsFor(item.kind)
        if (formats.length === 0) return { code: 'noMetadataFormats', message: `The item "${request.identifier}" (a ${item.kind}) is not disseminated in any format.` }
      }
      return {
        body: formats.map((f) => `<metadataFormat><metadataPrefix>${f.metadataPrefix}</metadataPrefix><schema>${xmlText(f.schema)}</schema>`
          + `<metadataNamespace>${xmlText(f.metadataNamespace)}</metadataNamespace></metadataFormat>\n`).join(''),
      }
    }

    case 'ListSets': {
      const sets = listSets(db, context.sources, servedKinds)
      const position = request.resumptionToken === undefined
        ? { verb: 'ListSets' as const, after: [], cursor: 0, total: sets.length, expires: expiry(context) }
        : resumed(request.resumptionToken, 'ListSets', context)
      if ('code' in position) return position
      const after = position.after[0]
      const rest = after === undefined ? sets : sets.filter((s) => s.setSpec > after)
      if (rest.length === 0) return { code: 'badResumptionToken', message: 'The set list changed: nothing follows this resumptionToken. Restart ListSets.' }
      const page = rest.slice(0, settings.setsPageSize)
      const body = page.map((s) => `<set><setSpec>${xmlText(s.setSpec)}</setSpec><setName>${xmlText(s.setName)}</setName></set>\n`).join('')
      return { body: body + tokenXml(nextToken(position, page.length, rest.length > page.length, [page.at(-1)!.setSpec])) }
    }

    case 'GetRecord': {
      const format = formatOf(request.metadataPrefix)
      const item = itemOf(request.identifier, context, visibility)
      const errors: OaiError[] = []
      if (!format) errors.push({ code: 'cannotDisseminateFormat', message: `This repository does not disseminate "${request.metadataPrefix}"; ListMetadataFormats lists what it does.` })
      if (!item) errors.push({ code: 'idDoesNotExist', message: `No item has the identifier "${request.identifier}".` })
      if (errors.length > 0) return { errors }
      if (!(format!.kinds as readonly string[]).includes(item!.kind)) {
        return { code: 'cannotDisseminateFormat', message: `The item "${request.identifier}" (a ${item!.kind}) is not available as "${request.metadataPrefix}".` }
      }
      return { body: recordXml(item!, format!, records) }
    }

    case 'ListIdentifiers':
    case 'ListRecords': {
      let position: ListPosition
      if (request.resumptionToken !== undefined) {
        const decoded = resumed(request.resumptionToken, request.verb, context)
        if ('code' in decoded) return decoded
        position = decoded
      } else {
        if (!formatOf(request.metadataPrefix)) {
          return { code: 'cannotDisseminateFormat', message: `This repository does not disseminate "${request.metadataPrefix}"; ListMetadataFormats lists what it does.` }
        }
        position = { verb: request.verb, metadataPrefix: request.metadataPrefix, after: [], cursor: 0, total: 0, expires: expiry(context) }
        // `from` loses its Z so every stored form of that second compares as not earlier (records.ts).
        if (request.from) position.from = request.from.bound.slice(0, 19)
        position.until = request.until?.bound ?? frozenUntil(context, formatOf(request.metadataPrefix)!.kinds, visibility)
        if (request.set !== undefined) {
          // A set we do not have is an empty selection (tombstones, which belong to every set, must not fill it).
          if (!setExists(db, request.set, servedKinds)) {
            return { code: 'noRecordsMatch', message: `There is no set "${request.set}"; ListSets lists them.` }
          }
          position.set = request.set
        }
      }
      const format = formatOf(position.metadataPrefix ?? '')
      if (!format) return { code: 'badResumptionToken', message: 'The resumptionToken names a format this repository no longer disseminates.' }
      const query = { kinds: format.kinds, from: position.from, until: position.until, set: position.set }
      if (position.cursor === 0 && position.after.length === 0) {
        position.total = countItems(db, query, visibility)
        if (position.total === 0) return { code: 'noRecordsMatch', message: 'No records match the from, until, set and metadataPrefix arguments.' }
      }
      const items = listItems(db, { ...query, after: position.after.length > 0 ? position.after : undefined, limit: settings.pageSize + 1, withEntity: request.verb === 'ListRecords' }, visibility)
      if (items.length === 0) {
        // Every remaining record changed since the list began (their datestamps left its frozen range): restart.
        return { code: 'badResumptionToken', message: 'The rest of this list changed since it began; harvest again from its start.' }
      }
      const page: OaiItem[] = items.slice(0, settings.pageSize)
      const body = request.verb === 'ListRecords'
        ? page.map((item) => recordXml(item, format, records)).join('')
        : page.map((item) => headerXml(item, records) + '\n').join('')
      const last = page.at(-1)!
      return { body: body + tokenXml(nextToken(position, page.length, items.length > page.length, [last.datestamp, last.id])) }
    }
  }
}

function recordContext(context: AnswerContext): RecordContext {
  const configured = new Map(context.sources.filter((s) => (s.protocol ?? 'oai-pmh') === 'oai-pmh').map((s) => [s.id, s.baseUrl]))
  let recorded: Map<string, string> | null = null
  return {
    repositoryIdentifier: context.settings.repositoryIdentifier,
    baseUrlOf(sourceId) {
      // A source gone from the config file is still known by what its last harvest recorded.
      recorded ??= new Map((context.db.$client.prepare("SELECT source_id, base_url FROM source_state WHERE base_url IS NOT NULL AND coalesce(metadata_prefix, '') <> 'madmp'").all() as { source_id: string; base_url: string }[])
        .map((r) => [r.source_id, r.base_url]))
      return configured.get(sourceId) ?? recorded.get(sourceId)
    },
  }
}

/** The entity an `oai:<repositoryIdentifier>:<id>` identifier names, if it is ours and exists (of any kind: a DMP is an item no format disseminates). */
function itemOf(identifier: string, context: AnswerContext, visibility: Visibility): OaiItem | undefined {
  const prefix = `oai:${context.settings.repositoryIdentifier}:`
  if (!identifier.startsWith(prefix)) return undefined
  return getItem(context.db, identifier.slice(prefix.length), visibility)
}

function expiry(context: AnswerContext): number {
  return Math.floor(context.now.getTime() / 1000) + context.settings.tokenLifetimeSeconds
}

function resumed(token: string, verb: ListPosition['verb'], context: AnswerContext): ListPosition | { code: OaiErrorCode; message: string } {
  const position = decodeToken(token)
  if (!position || position.verb !== verb) return { code: 'badResumptionToken', message: `This resumptionToken was not issued for ${verb} by this repository.` }
  if (position.expires * 1000 < context.now.getTime()) return { code: 'badResumptionToken', message: 'This resumptionToken has expired; harvest the list again from its start.' }
  return position
}

/**
 * Guidelines §5.1: a list without `until` is frozen at the newest datestamp present when it begins, so what changes
 * during the harvest moves out of the list instead of shuffling it (the next incremental harvest gets it).
 */
function frozenUntil(context: AnswerContext, kinds: readonly string[], visibility: Visibility): string {
  const latest = latestDatestamp(context.db, kinds, visibility)
  const now = formatUtcSeconds(context.now)
  return latest && datestampOf(latest) > now ? datestampOf(latest) : now
}

/** Spec §3.5: a token on every incomplete page, an empty one on the page that completes a list, none on a one-page list. */
function nextToken(position: ListPosition, pageLength: number, more: boolean, after: string[]): TokenElement | null {
  const returned = position.cursor + pageLength
  // completeListSize may be an estimate (§3.5), but never one the list already disproves.
  const completeListSize = Math.max(position.total, returned + (more ? 1 : 0))
  const expirationDate = new Date(position.expires * 1000).toISOString().slice(0, 19) + 'Z'
  if (more) return { value: encodeToken({ ...position, after, cursor: returned, total: completeListSize }), completeListSize, cursor: position.cursor, expirationDate }
  if (position.cursor > 0) return { value: '', completeListSize, cursor: position.cursor }
  return null
}
