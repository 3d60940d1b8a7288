// The findings as CSV, one row per finding, for a repository manager to work through: where, which rule, the
// offending value and the fix (Spanish). A generator of lines, so a million findings stream in flat memory.
import { stringify } from 'csv-stringify/sync'
import type { FindingRow } from '../db/report-queries.ts'
import { ruleById } from './index.ts'

export const FINDINGS_CSV_COLUMNS = ['source', 'institution', 'record', 'landing_url', 'rule', 'severity', 'field', 'value', 'message', 'fix'] as const

/**
 * RFC 4180 quoting by csv-stringify, one record per call. The first line carries a UTF-8 byte-order mark: Excel,
 * which most managers open it in, otherwise reads "Añada" as "AÃ±ada".
 */
export function* findingsCsv(rows: Iterable<FindingRow>, institutionOf: (row: FindingRow) => string): Generator<string> {
  yield stringify([[...FINDINGS_CSV_COLUMNS]], { bom: true })
  for (const row of rows) {
    const rule = ruleById.get(row.ruleId)
    yield stringify([[
      row.sourceId, institutionOf(row), row.oaiIdentifier, row.landingPage ?? '', row.ruleId, row.severity, row.path,
      offendingValues(row.values), rule?.message.es ?? '', rule?.fix.es ?? '',
    ]])
  }
}

function offendingValues(json: string): string {
  try {
    const values: unknown = JSON.parse(json)
    return Array.isArray(values) ? values.map(String).join(' | ') : String(values)
  } catch {
    return json
  }
}
