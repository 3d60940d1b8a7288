// The compliance report (issue #4): per source and per institution, records, valid records and the records each
// rule flags; the publicly funded projects and what they lack; each repository's health. Reads the database only
// through src/db (grouped counts and streamed entities); the judging is done by the pure modules it calls.
import type { Source } from '../../harvesters/types.ts'
import type { Db } from '../db/open.ts'
import { attributionGroups, healthFacts, iterateFindingRows, iterateProjectEntities, knownSources, type FindingRow } from '../db/report-queries.ts'
import { judgeHealth, type SourceHealth } from './health.ts'
import { createAttribution, type SourceInfo } from './institution.ts'
import { findingsCsv } from './findings-csv.ts'
import { createProjectCollector, type FundedProject } from './projects.ts'

export interface Tally {
  /** Mapped copies (each source's own record, never the merged one). */
  records: number
  /** Copies without any error-level finding. */
  valid: number
  /** Rule id → copies with at least one finding of that rule. */
  findings: Record<string, number>
}

export interface SourceReport extends Tally {
  id: string
  name: string | null
  institution: string | null
  role: 'repository' | 'aggregator'
}

export interface InstitutionReport extends Tally {
  institution: string
  /** The sources its records came through (its own repositories, and aggregators that copied them). */
  sources: string[]
}

export interface ComplianceReport {
  today: string
  sources: SourceReport[]
  institutions: InstitutionReport[]
  projects: FundedProject[]
  health: SourceHealth[]
}

export interface ReportOptions {
  /** `YYYY-MM-DD`: a project ending after it is still running. */
  today: string
  /** Only this source: its counts, its health, and the projects any of its records belongs to. */
  sourceId?: string
  /** Days without a newer record, while the server still answers, before an OAI index counts as stale. */
  staleDays?: number
}

/** Configured sources, and sources only the database still knows (their role as the last harvest recorded it). */
export function reportSources(db: Db, configured: Source[]): SourceInfo[] {
  const byId = new Map<string, SourceInfo>(configured.map((s) => [s.id, s]))
  for (const known of knownSources(db)) {
    if (!byId.has(known.id)) byId.set(known.id, { id: known.id, role: known.role === 'aggregator' ? 'aggregator' : 'repository' })
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id))
}

export function buildReport(db: Db, configured: Source[], options: ReportOptions): ComplianceReport {
  const all = reportSources(db, configured)
  const chosen = options.sourceId ? all.filter((s) => s.id === options.sourceId) : all
  const attribute = createAttribution(all)
  const sources: SourceReport[] = []
  const institutions = new Map<string, InstitutionReport>()
  for (const source of chosen) {
    const aggregator = source.role === 'aggregator'
    const total: SourceReport = {
      id: source.id, name: source.name ?? null, institution: source.institution ?? null,
      role: aggregator ? 'aggregator' : 'repository', records: 0, valid: 0, findings: {},
    }
    for (const group of attributionGroups(db, source.id, aggregator)) {
      const name = attribute(source, group)
      let institution = institutions.get(name)
      if (!institution) institutions.set(name, (institution = { institution: name, sources: [], records: 0, valid: 0, findings: {} }))
      if (!institution.sources.includes(source.id)) institution.sources.push(source.id)
      for (const tally of [total, institution]) {
        tally.records += group.records
        tally.valid += group.records - group.invalid
        for (const [rule, n] of Object.entries(group.findings)) tally.findings[rule] = (tally.findings[rule] ?? 0) + n
      }
    }
    sources.push(total)
  }
  for (const i of institutions.values()) i.sources.sort()
  return {
    today: options.today,
    sources,
    institutions: [...institutions.values()].sort((a, b) => a.institution.localeCompare(b.institution)),
    projects: fundedProjectsIn(db, options),
    health: chosen.map((s) => judgeHealth(healthFacts(db, s.id), { staleDays: options.staleDays ?? 90 })),
  }
}

/**
 * The project view needs every source at once (a CRIS project, a maDMP and a repository's article meet on the
 * award number), so it is built whole and then narrowed to the projects the chosen source has a record in.
 * Entities stream from the database, prefiltered there; the collector keeps only those that name an award.
 */
export function fundedProjectsIn(db: Db, options: Pick<ReportOptions, 'today' | 'sourceId'>): FundedProject[] {
  const collector = createProjectCollector(options.today)
  for (const entity of iterateProjectEntities(db)) collector.add(entity)
  const projects = collector.finish()
  return options.sourceId ? projects.filter((p) => p.sources.includes(options.sourceId!)) : projects
}

/** The CSV of findings, line by line, with each row's institution attributed as in the JSON report. */
export function reportCsv(db: Db, configured: Source[], sourceId?: string): Generator<string> {
  const all = reportSources(db, configured)
  const byId = new Map(all.map((s) => [s.id, s]))
  const attribute = createAttribution(all)
  const institutionOf = (row: FindingRow) =>
    attribute(byId.get(row.sourceId) ?? { id: row.sourceId, role: 'repository' }, { repository: row.originalRepository, publisher: row.publisher })
  return findingsCsv(iterateFindingRows(db, sourceId), institutionOf)
}
