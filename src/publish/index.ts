// The only file that lists every export format.
import type { Exporter } from './types.ts'
import { ndjson } from './ndjson.ts'

export const exporters = { ndjson } satisfies Record<string, Exporter>

export type ExportFormat = keyof typeof exporters
