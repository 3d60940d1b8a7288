// The metadata formats /oai disseminates: one static registry over the serializers in src/publish (one file each).
import type { Entity } from '../../model/index.ts'
import { oaiDc } from '../../publish/oai-dc.ts'
import { oaiOpenaire } from '../../publish/oai-openaire.ts'
import { cerifPerucris } from '../../publish/cerif-perucris.ts'

/**
 * A format for the `<metadata>` part of a record (Spec §3.4). Not an Exporter: it writes one element per entity,
 * never a document, so it lives in its own registry rather than in src/publish/index.ts.
 */
export interface OaiMetadataFormat {
  metadataPrefix: string
  /** Must equal the xsi:schemaLocation the serializer writes (Spec §3.4). */
  schema: string
  metadataNamespace: string
  /** The entity kinds the format can express; an item of another kind cannot be disseminated in it. */
  kinds: readonly Entity['kind'][]
  /** The metadata root element, namespace and schemaLocation included; null for a kind the format does not cover. */
  serialize(entity: Entity): string | null
}

export const oaiFormats = {
  oai_dc: oaiDc,
  oai_openaire: oaiOpenaire,
  cerif_perucris: cerifPerucris,
} satisfies Record<string, OaiMetadataFormat>

const byPrefix = new Map<string, OaiMetadataFormat>(Object.values(oaiFormats).map((f) => [f.metadataPrefix, f]))

export function formatOf(metadataPrefix: string): OaiMetadataFormat | undefined {
  return byPrefix.get(metadataPrefix)
}

export function formatsFor(kind: string): OaiMetadataFormat[] {
  return [...byPrefix.values()].filter((f) => (f.kinds as readonly string[]).includes(kind))
}

/** Every kind some format disseminates: the items of this repository. */
export const servedKinds: readonly string[] = [...new Set([...byPrefix.values()].flatMap((f) => f.kinds))]

/** Namespaces of the formats our sources are harvested in, for `<provenance><metadataNamespace>`. */
export const sourceNamespaces: Record<string, string> = {
  oai_dc: 'http://www.openarchives.org/OAI/2.0/oai_dc/',
  oai_openaire: 'http://namespace.openaire.eu/schema/oaire/',
  cerif_perucris: 'https://purl.org/pe-repo/cerif-profile/1.0/',
  oai_cerif_openaire: 'https://www.openaire.eu/cerif-profile/1.1/',
  xoai: 'http://www.lyncode.com/xoai',
  dim: 'http://www.dspace.org/xmlns/dspace/dim',
}
