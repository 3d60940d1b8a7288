// oai_dc: a research output as unqualified Dublin Core (OAI-PMH §3.4), the public model only, for /oai.
import type { Entity, Identifier, ResearchOutput } from '../model/index.ts'
import { element } from './xml-text.ts'

export const OAI_DC_NAMESPACE = 'http://www.openarchives.org/OAI/2.0/oai_dc/'
const DC = 'http://purl.org/dc/elements/1.1/'

export const oaiDc = {
  metadataPrefix: 'oai_dc',
  schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd',
  metadataNamespace: OAI_DC_NAMESPACE,
  kinds: ['research-output'] as const,
  serialize(entity: Entity): string | null {
    return entity.kind === 'research-output' ? dublinCore(entity) : null
  },
}

/** Resolvable URLs for identifiers (OVAL `dc_identifier_abs` wants absolute http URLs); null for schemes without one. */
export function identifierUrl(identifier: Identifier): string | null {
  switch (identifier.type) {
    case 'doi': return `https://doi.org/${identifier.value}`
    case 'handle': return `https://hdl.handle.net/${identifier.value}`
    case 'url': return /^https?:\/\//i.test(identifier.value) ? identifier.value : null
    case 'pmid': return /^\d+$/.test(identifier.value) ? `https://pubmed.ncbi.nlm.nih.gov/${identifier.value}` : null
    case 'isbn': return `urn:isbn:${identifier.value}`
    case 'urn': return identifier.value.toLowerCase().startsWith('urn:') ? identifier.value : `urn:${identifier.value}`
    case 'ark': return identifier.value.startsWith('ark:') ? identifier.value : null
    default: return null
  }
}

/** Identifiers worth publishing: a failed checksum or DSpace's placeholder Handle prefix 123456789 is not (OVAL `check_handle`). */
export function publishableIdentifiers(output: ResearchOutput): Identifier[] {
  return output.identifiers.filter((i) => i.valid !== false && i.type !== 'issn')
}

function dublinCore(output: ResearchOutput): string {
  const dc: string[] = []
  const add = (name: string, text: string | null | undefined, lang?: string) => {
    const xml = element(`dc:${name}`, text, { 'xml:lang': lang })
    if (xml) dc.push(xml)
  }
  for (const t of output.titles) add('title', t.value, t.lang)
  // PersonRef is an allow-list: a name is all Dublin Core has room for.
  for (const p of output.creators) add('creator', p.name)
  for (const p of output.contributors) add('contributor', p.name)
  for (const k of output.keywords) add('subject', k.value, k.lang)
  for (const f of output.ford) add('subject', f.uri)
  for (const a of output.abstracts) add('description', a.value, a.lang)
  add('publisher', output.publisher)
  add('date', output.issued)
  if (output.embargoEnd) add('date', `info:eu-repo/date/embargoEnd/${output.embargoEnd}`)
  if (output.type.uri) add('type', output.type.uri)
  if (output.type.label) add('type', output.type.label)
  if (output.version) add('type', output.version.uri)
  for (const mime of new Set(output.files.map((f) => f.mimeType).filter((m): m is string => Boolean(m)))) add('format', mime)
  const urls = new Set<string>()
  if (output.landingPage) urls.add(output.landingPage)
  for (const identifier of publishableIdentifiers(output)) {
    const url = identifierUrl(identifier)
    if (url) urls.add(url)
  }
  for (const url of urls) add('identifier', url)
  for (const code of output.languages) add('language', code)
  if (output.accessRight) add('rights', output.accessRight.uri)
  if (output.license) add('rights', output.license.uri)
  for (const r of output.relations) add('relation', r.target)
  for (const f of output.funding) if (f.awardNumber) add('relation', [f.funder, f.programme, f.awardNumber].filter(Boolean).join(' / '))
  for (const i of output.identifiers) if (i.type === 'issn' && i.valid !== false) add('source', `urn:issn:${i.value}`)
  return `<oai_dc:dc xmlns:oai_dc="${OAI_DC_NAMESPACE}" xmlns:dc="${DC}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
    + ` xsi:schemaLocation="${OAI_DC_NAMESPACE} ${oaiDc.schema}">${dc.join('')}</oai_dc:dc>`
}
