// Compliance findings as the API reads them: filtered, keyset-paged on findings.id, and read in batches for the
// CSV (no statement stays open between batches: see src/api/entity-batches.ts).
import type { Db } from '../db/open.ts'
import type { FindingRow } from '../db/report-queries.ts'

export interface FindingFilter {
  source?: string[]
  rule?: string[]
  severity?: string[]
}

export interface FindingPageRow extends FindingRow {
  id: number
  /** The normalized copy (`<source>:<oai identifier>`) the finding is about. */
  recordId: string
  /** The merged entity the copy belongs to, and its kind. */
  clusterId: string | null
  kind: string
  checkedAt: string
}

function where(filter: FindingFilter): { sql: string; args: string[] } {
  const parts: string[] = []
  const args: string[] = []
  for (const [column, values] of [['f.source_id', filter.source], ['f.rule_id', filter.rule], ['f.severity', filter.severity]] as const) {
    if (!values || values.length === 0) continue
    parts.push(`${column} IN (${values.map(() => '?').join(', ')})`)
    args.push(...values)
  }
  return { sql: parts.map((p) => ` AND ${p}`).join(''), args }
}

/** Findings of mapped copies (as the report counts them), after `afterId`, in id order. */
export function findingPage(db: Db, filter: FindingFilter, afterId: number, limit: number, id?: number): FindingPageRow[] {
  const w = where(filter)
  const rows = db.$client.prepare(`SELECT f.id, f.source_id AS sourceId, f.record_id AS recordId, n.oai_identifier AS oaiIdentifier, n.cluster_id AS clusterId, n.kind,
      json_extract(n.json, '$.landingPage') AS landingPage,
      json_extract(n.json, '$.provenance[0].originalRepository') AS originalRepository,
      json_extract(n.json, '$.publisher') AS publisher,
      f.rule_id AS ruleId, f.severity, f.path, f."values" AS "values", f.checked_at AS checkedAt
    FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'
    WHERE ${id !== undefined ? 'f.id = ?' : 'f.id > ?'}${w.sql} ORDER BY f.id LIMIT ?`).all(id ?? afterId, ...w.args, limit) as FindingPageRow[]
  return rows.map((r) => ({ ...r, landingPage: text(r.landingPage), originalRepository: text(r.originalRepository), publisher: text(r.publisher) }))
}

export function* findingBatches(db: Db, filter: FindingFilter, batch = 1000): Generator<FindingPageRow> {
  let after = 0
  while (true) {
    const rows = findingPage(db, filter, after, batch)
    yield* rows
    if (rows.length < batch) return
    after = rows[rows.length - 1]!.id
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}
