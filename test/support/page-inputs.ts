// Mapper inputs from a saved OAI-PMH response (parsePage keeps each record's metadata slice, as the harvester stores it),
// and the national identity numbers a fixture holds, for the tests that check none reaches a mapping.
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { descendants, parseXml, textOf } from '../../src/normalize/shared/xml-tree.ts'
import { isNationalIdScheme } from '../../src/vocab/index.ts'

export function pageInputs(xml: string, source: { sourceId: string; metadataPrefix: string; repositoryHost?: string }): RawInput[] {
  const parsed = parsePage(xml)
  if (!parsed.ok) throw new Error(`not an OAI-PMH page: ${parsed.detail}`)
  return parsed.page.records.filter((r) => !r.deleted && r.metadata).map((r) => ({
    sourceId: source.sourceId, oaiIdentifier: r.identifier, datestamp: r.datestamp, harvestedAt: parsed.page.responseDate,
    metadataPrefix: source.metadataPrefix, metadata: r.metadata!, setSpecs: r.setSpecs,
    ...(source.repositoryHost ? { repositoryHost: source.repositoryHost } : {}),
  }))
}

/**
 * Every value of a CERIF `Identifier` (`type`) or DataCite `nameIdentifier` (`nameIdentifierScheme`) whose scheme
 * names a personal identity document (vocab isNationalIdScheme: concytec/terminos#dni, DNI, passport…).
 */
export function nationalIdValues(xml: string): string[] {
  const root = parseXml(xml)
  return [...descendants(root, 'Identifier'), ...descendants(root, 'nameIdentifier')]
    .filter((e) => isNationalIdScheme(e.attrs.type ?? e.attrs.nameIdentifierScheme ?? ''))
    .map((e) => textOf(e))
}
