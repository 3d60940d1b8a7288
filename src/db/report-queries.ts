// What the compliance report reads: per-source (and per original repository) record, validity and rule counts,
// the facts repository health is judged on, and the findings as rows streamed one at a time for the CSV.
import type { Db } from './open.ts'
import type { Entity } from '../model/index.ts'

/** The copies of one source that share an attribution: all of them, or (aggregators) one original repository/publisher. */
export interface AttributionGroup {
  repository: string | null
  publisher: string | null
  /** Mapped copies. */
  records: number
  /** Mapped copies with at least one error-level finding. */
  invalid: number
  /** Rule id → copies with at least one finding of that rule. */
  findings: Record<string, number>
}

/**
 * Counts for one source, grouped by the copy's `provenance[0].originalRepository` and `publisher` when `byRecord`
 * (an aggregator: ALICIA's copies belong to the repositories it took them from), else one group. SQLite groups;
 * no record is held in memory.
 */
export function attributionGroups(db: Db, sourceId: string, byRecord: boolean): AttributionGroup[] {
  const c = db.$client
  const attribution = byRecord
    ? `json_extract(n.json, '$.provenance[0].originalRepository') AS repository, json_extract(n.json, '$.publisher') AS publisher`
    : 'NULL AS repository, NULL AS publisher'
  const records = c.prepare(`SELECT ${attribution}, count(*) AS records,
      sum(EXISTS (SELECT 1 FROM findings f WHERE f.record_id = n.id AND f.severity = 'error')) AS invalid
    FROM normalized_records n WHERE n.source_id = ? AND n.status = 'mapped' GROUP BY 1, 2`).all(sourceId) as { repository: unknown; publisher: unknown; records: number; invalid: number | null }[]
  const rules = c.prepare(`SELECT ${attribution}, f.rule_id AS rule, count(DISTINCT f.record_id) AS records
    FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'
    WHERE f.source_id = ? GROUP BY 1, 2, 3`).all(sourceId) as { repository: unknown; publisher: unknown; rule: string; records: number }[]
  const key = (r: { repository: unknown; publisher: unknown }) => JSON.stringify([text(r.repository), text(r.publisher)])
  const groups = new Map<string, AttributionGroup>()
  for (const r of records) {
    groups.set(key(r), { repository: text(r.repository), publisher: text(r.publisher), records: r.records, invalid: r.invalid ?? 0, findings: {} })
  }
  for (const r of rules) {
    const group = groups.get(key(r))
    if (group) group.findings[r.rule] = r.records
  }
  return [...groups.values()]
}

/** Every source the database knows (raw records, copies or runs), with what its last harvest recorded. */
export function knownSources(db: Db): { id: string; role: string | null }[] {
  return db.$client.prepare(`SELECT ids.id, s.role FROM (
      SELECT DISTINCT source_id AS id FROM raw_records UNION SELECT source_id FROM normalized_records UNION SELECT source_id FROM harvest_runs
    ) ids LEFT JOIN source_state s ON s.source_id = ids.id ORDER BY ids.id`).all() as { id: string; role: string | null }[]
}

/** How many findings of each severity the given sources (all when none) carry. */
export function findingsBySeverity(db: Db, sourceIds: string[] = []): Record<'error' | 'warning' | 'info', number> {
  const where = sourceIds.length > 0 ? `WHERE source_id IN (${sourceIds.map(() => '?').join(', ')})` : ''
  const rows = db.$client.prepare(`SELECT severity, count(*) AS n FROM findings ${where} GROUP BY severity`).all(...sourceIds) as { severity: string; n: number }[]
  const n = (severity: string) => rows.find((r) => r.severity === severity)?.n ?? 0
  return { error: n('error'), warning: n('warning'), info: n('info') }
}

/** The facts repository health is judged on, for one source. */
export interface HealthFacts {
  sourceId: string
  /** What Identify said about deletions (`no`, `transient`, `persistent`), when it was recorded. */
  deletedRecord: string | null
  /** The server's responseDate when the last complete harvest started. */
  highWater: string | null
  /** The newest datestamp among the live records. */
  newestDatestamp: string | null
  /** The most recent runs, newest first. */
  recentRuns: { id: number; status: string; message: string | null; startedAt: string }[]
  /** Problems of kind → how many in the recent runs, and the latest detail. */
  recentProblems: Record<string, { count: number; detail: string }>
  unreadable: number
  notMapped: number
  vanished: number
}

const RECENT_RUNS = 10

export function healthFacts(db: Db, sourceId: string): HealthFacts {
  const c = db.$client
  const state = c.prepare('SELECT deleted_record, high_water FROM source_state WHERE source_id = ?').get(sourceId) as { deleted_record: string | null; high_water: string | null } | undefined
  const runs = c.prepare(`SELECT id, status, message, started_at AS startedAt FROM harvest_runs WHERE source_id = ? ORDER BY id DESC LIMIT ${RECENT_RUNS}`).all(sourceId) as HealthFacts['recentRuns']
  const since = runs.length > 0 ? runs[runs.length - 1]!.id : Number.MAX_SAFE_INTEGER
  const problems = c.prepare(`SELECT kind, count(*) AS count, max(id) AS last FROM harvest_problems WHERE source_id = ? AND run_id >= ? GROUP BY kind`).all(sourceId, since) as { kind: string; count: number; last: number }[]
  const detail = c.prepare('SELECT detail FROM harvest_problems WHERE id = ?').pluck()
  // Counts read the partial indexes over the rare rows (see raw_records in schema.ts).
  const counts = c.prepare(`SELECT
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND problem IS NOT NULL) AS unreadable,
      (SELECT count(*) FROM raw_records WHERE source_id = @id AND status <> 'live' AND status = 'vanished') AS vanished,
      (SELECT count(*) FROM normalized_records WHERE source_id = @id AND status = 'failed') AS notMapped`).get({ id: sourceId }) as { unreadable: number; vanished: number; notMapped: number }
  // One pass over the source's rows: a report runs rarely, and no index on datestamp is worth its cost per harvested row.
  const newest = c.prepare(`SELECT max(datestamp) FROM raw_records WHERE source_id = ? AND status = 'live'`).pluck().get(sourceId) as string | null
  return {
    sourceId,
    deletedRecord: state?.deleted_record ?? null,
    highWater: state?.high_water ?? null,
    newestDatestamp: newest ?? null,
    recentRuns: runs,
    recentProblems: Object.fromEntries(problems.map((p) => [p.kind, { count: p.count, detail: detail.get(p.last) as string }])),
    ...counts,
  }
}

/**
 * The entities the funded-project view reads, streamed: every funding, project and DMP, and the research outputs
 * that name an award or a project, or are DMPs themselves. SQLite filters, so the million outputs that cite nothing
 * are never parsed here.
 */
export function* iterateProjectEntities(db: Db): Generator<Entity> {
  const rows = db.$client.prepare(`SELECT json FROM entities WHERE deleted = 0 AND (kind IN ('funding', 'project', 'dmp') OR (kind = 'research-output' AND (
      json_array_length(json, '$.funding') > 0 OR instr(json, '"isOutputOf"') > 0
      OR json_extract(json, '$.type.uri') = 'http://purl.org/coar/resource_type/c_ab20')))
    ORDER BY id`).pluck().iterate()
  for (const json of rows) yield JSON.parse(json as string) as Entity
}

/** One finding as the CSV shows it: where (source, record, landing page), what (rule, field, values). */
export interface FindingRow {
  sourceId: string
  oaiIdentifier: string
  landingPage: string | null
  originalRepository: string | null
  publisher: string | null
  ruleId: string
  severity: string
  path: string
  /** The offending values, a JSON array. */
  values: string
}

/**
 * Every finding of mapped copies (of one source, or all), sorted by source and record, streamed: better-sqlite3's
 * iterate() steps the statement row by row, so a million findings never sit in memory. The connection is busy
 * until the iteration ends.
 */
export function* iterateFindingRows(db: Db, sourceId?: string): Generator<FindingRow> {
  const where = sourceId ? 'AND f.source_id = ?' : ''
  const rows = db.$client.prepare(`SELECT f.source_id AS sourceId, n.oai_identifier AS oaiIdentifier,
      json_extract(n.json, '$.landingPage') AS landingPage,
      json_extract(n.json, '$.provenance[0].originalRepository') AS originalRepository,
      json_extract(n.json, '$.publisher') AS publisher,
      f.rule_id AS ruleId, f.severity, f.path, f."values" AS "values"
    FROM findings f JOIN normalized_records n ON n.id = f.record_id AND n.status = 'mapped'
    WHERE 1 = 1 ${where} ORDER BY f.source_id, f.record_id, f.id`).iterate(...(sourceId ? [sourceId] : []))
  for (const row of rows) {
    const r = row as FindingRow
    yield { ...r, landingPage: text(r.landingPage), originalRepository: text(r.originalRepository), publisher: text(r.publisher) }
  }
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null
}
