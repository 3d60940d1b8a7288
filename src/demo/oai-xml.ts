// OAI-PMH 2.0 response XML written as strings: the envelope, request echo, errors, headers, records and tokens.
import type { Granularity, OaiErrorCode } from '../../harvesters/types.ts'
import { datestampIn } from './oai-dates.ts'
import type { ReplayRecord } from './replay-repository.ts'

export const OAI_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/'

export interface OaiError {
  code: OaiErrorCode
  message: string
}

export interface TokenElement {
  /** '' on the page that completes a list (§3.5). */
  value: string
  completeListSize?: number
  cursor?: number
  expirationDate?: string
}

const special = /[&<>"]/
const specialAll = /[&<>"]/g
const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }

/** Escapes for both text and double-quoted attributes; most values need nothing, so test before replacing. */
export function escapeXml(text: string): string {
  return special.test(text) ? text.replace(specialAll, (c) => entities[c] ?? c) : text
}

/** Spec §3.2: declaration first, then the root with its three mandatory attributes, then responseDate and request. */
export function envelopeStart(responseDate: string, request: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<OAI-PMH xmlns="${OAI_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"` +
    ` xsi:schemaLocation="${OAI_NAMESPACE} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">\n` +
    `<responseDate>${responseDate}</responseDate>\n${request}\n`
  )
}

export const envelopeEnd = '</OAI-PMH>\n'

/** Spec §3.2: attributes echo the request's arguments, except after badVerb/badArgument (pass null). */
export function requestElement(baseUrl: string, args: readonly (readonly [string, string])[] | null): string {
  const attributes = (args ?? []).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('')
  return `<request${attributes}>${escapeXml(baseUrl)}</request>`
}

export function errorElements(errors: readonly OaiError[]): string {
  return errors.map((e) => `<error code="${e.code}">${escapeXml(e.message)}</error>\n`).join('')
}

export function headerXml(record: ReplayRecord, granularity: Granularity): string {
  let xml = record.deleted ? '<header status="deleted">' : '<header>'
  xml += `<identifier>${escapeXml(record.identifier)}</identifier>`
  xml += `<datestamp>${datestampIn(granularity, record.datestamp)}</datestamp>`
  for (const spec of record.setSpecs) xml += `<setSpec>${escapeXml(spec)}</setSpec>`
  return xml + '</header>'
}

/** Spec §2.5.1: a deleted record is its header only, never metadata. */
export function recordXml(record: ReplayRecord, metadataPrefix: string, granularity: Granularity): string {
  const header = headerXml(record, granularity)
  if (record.deleted) return `<record>${header}</record>\n`
  return `<record>${header}\n<metadata>${record.formats[metadataPrefix] ?? ''}</metadata></record>\n`
}

export function tokenXml(token: TokenElement | null): string {
  if (!token) return ''
  let attributes = ''
  if (token.completeListSize !== undefined) attributes += ` completeListSize="${token.completeListSize}"`
  if (token.cursor !== undefined) attributes += ` cursor="${token.cursor}"`
  if (token.expirationDate !== undefined) attributes += ` expirationDate="${token.expirationDate}"`
  return token.value === ''
    ? `<resumptionToken${attributes}/>\n`
    : `<resumptionToken${attributes}>${escapeXml(token.value)}</resumptionToken>\n`
}
