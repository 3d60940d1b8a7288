// NDJSON: one merged entity per line.
import type { Exporter } from './types.ts'

export const ndjson: Exporter = {
  id: 'ndjson',
  mediaType: 'application/x-ndjson',
  *serialize(entities) {
    for (const entity of entities) yield `${JSON.stringify(entity)}\n`
  },
}
