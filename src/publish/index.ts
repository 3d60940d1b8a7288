// The only file that lists every export format.
import type { Exporter } from './types.ts'
import { ndjson } from './ndjson.ts'
import { jsonld } from './jsonld.ts'
import { csv } from './csv.ts'

export const exporters = { ndjson, jsonld, csv } satisfies Record<string, Exporter>

export type ExportFormat = keyof typeof exporters
