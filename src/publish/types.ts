// The exporter contract: entities in, chunks of text out (a generator, so a million records stream in flat memory).
import type { Entity } from '../model/index.ts'

export interface Exporter {
  id: string
  mediaType: string
  serialize(entities: Iterable<Entity>): Iterable<string>
}
