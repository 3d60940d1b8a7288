// One item as OAI-PMH XML: its header, and for ListRecords/GetRecord its metadata and one <about><provenance> per source copy.
import type { Entity, Provenance } from '../../model/index.ts'
import { xmlText } from '../../publish/xml-text.ts'
import type { OaiMetadataFormat } from './formats.ts'
import { sourceNamespaces } from './formats.ts'
import type { OaiItem } from './records.ts'
import { setSpecsOf } from './sets.ts'

const PROVENANCE = 'http://www.openarchives.org/OAI/2.0/provenance'

export interface RecordContext {
  repositoryIdentifier: string
  /** A source's OAI base URL, for provenance; undefined when it has none (a madmp folder). */
  baseUrlOf(sourceId: string): string | undefined
}

/** `oai:<repositoryIdentifier>:<entity id>` (the oai-identifier scheme our Identify declares). */
export function oaiIdentifier(context: RecordContext, entityId: string): string {
  return `oai:${context.repositoryIdentifier}:${entityId}`
}

/** `2025-05-27T23:10:16Z`: whatever was stored, a datestamp goes out in seconds granularity (Spec §3.3.2). */
export function datestampOf(stored: string): string {
  return stored.length >= 19 ? `${stored.slice(0, 19)}Z` : `${stored.slice(0, 10)}T00:00:00Z`
}

export function headerXml(item: OaiItem, context: RecordContext): string {
  let xml = item.deleted ? '<header status="deleted">' : '<header>'
  xml += `<identifier>${xmlText(oaiIdentifier(context, item.id))}</identifier><datestamp>${datestampOf(item.datestamp)}</datestamp>`
  // A deletion keeps the sets it was seen in when its facets are known (a disabled source's records).
  for (const spec of setSpecsOf(item)) xml += `<setSpec>${xmlText(spec)}</setSpec>`
  return `${xml}</header>`
}

/** Spec §2.5.1: a deleted record is its header alone, no metadata or about parts. */
export function recordXml(item: OaiItem, format: OaiMetadataFormat, context: RecordContext): string {
  const header = headerXml(item, context)
  const metadata = !item.deleted && item.entity ? format.serialize(item.entity) : null
  if (!metadata) return `<record>${header}</record>\n`
  return `<record>${header}\n<metadata>${metadata}</metadata>${aboutXml(item.entity!, context)}</record>\n`
}

/**
 * OpenAIRE asks aggregators for the provenance of what they re-expose (OAI provenance guidelines). The provenance
 * schema holds one originDescription per element, so each source copy gets its own <about>; altered="true"
 * because the record is merged and re-serialized, never the source's XML as is.
 */
function aboutXml(entity: Entity, context: RecordContext): string {
  const provenance: Provenance[] = 'provenance' in entity ? entity.provenance : []
  let xml = ''
  for (const p of provenance) {
    const baseUrl = context.baseUrlOf(p.sourceId)
    const namespace = sourceNamespaces[p.metadataPrefix]
    if (!baseUrl || !namespace || !URL.canParse(baseUrl)) continue
    xml += `<about><provenance xmlns="${PROVENANCE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
      + ` xsi:schemaLocation="${PROVENANCE} http://www.openarchives.org/OAI/2.0/provenance.xsd">`
      + `<originDescription harvestDate="${datestampOf(p.harvestedAt)}" altered="true">`
      + `<baseURL>${xmlText(baseUrl)}</baseURL><identifier>${xmlText(p.oaiIdentifier)}</identifier>`
      + `<datestamp>${datestampOf(p.datestamp)}</datestamp><metadataNamespace>${namespace}</metadataNamespace>`
      + '</originDescription></provenance></about>'
  }
  return xml
}
