// The contract of an input format: raw metadata text in, normalized entities out. Pure: no I/O, no clock.
import type { MappingResult } from '../model/index.ts'

export interface RawInput {
  sourceId: string
  oaiIdentifier: string
  datestamp: string
  harvestedAt: string
  metadataPrefix: string
  /** Inner XML of <metadata> (or a JSON document for maDMP). */
  metadata: string
  /** Host of the source's endpoint, to pick the repository's own landing page among foreign URLs. */
  repositoryHost?: string
  /** OAI setSpecs of the record (a PerúCRIS set tells the entity type). */
  setSpecs?: string[]
}

export interface InputFormat {
  /** The metadataPrefix this format is registered under. */
  id: string
  description: string
  map(input: RawInput): MappingResult
}
