// The storage schema, the source of truth for migrations (drizzle-kit generate). Times are ISO-8601 UTC text.
import { sql } from 'drizzle-orm'
import { sqliteTable, text, integer, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core'

/** Per-source harvest state: what Identify said, the high-water mark, the checkpoint and the lock. */
export const sourceState = sqliteTable('source_state', {
  sourceId: text('source_id').primaryKey(),
  enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
  /** What the source was last harvested as, so records can be re-mapped after it leaves the config file. */
  metadataPrefix: text('metadata_prefix'),
  baseUrl: text('base_url'),
  role: text('role'),
  granularity: text('granularity'),
  earliestDatestamp: text('earliest_datestamp'),
  deletedRecord: text('deleted_record'),
  identifyBaseUrl: text('identify_base_url'),
  /** Server time (its responseDate) at which the last complete harvest started. */
  highWater: text('high_water'),
  /** Checkpoint: the plan being worked through, the current window and its token. */
  planJson: text('plan_json'),
  /** Reconciliation epoch: records listed in the current full pass carry it. */
  epoch: integer('epoch').notNull().default(0),
  lastFullAt: text('last_full_at'),
  deferredUntil: text('deferred_until'),
  lockRunId: integer('lock_run_id'),
  lockPid: integer('lock_pid'),
  lockedAt: text('locked_at'),
})

export const harvestRuns = sqliteTable('harvest_runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: text('source_id').notNull(),
  mode: text('mode', { enum: ['incremental', 'full'] }).notNull(),
  status: text('status', { enum: ['running', 'finished', 'failed', 'interrupted', 'deferred'] }).notNull(),
  startedAt: text('started_at').notNull(),
  finishedAt: text('finished_at'),
  pages: integer('pages').notNull().default(0),
  records: integer('records').notNull().default(0),
  deleted: integer('deleted').notNull().default(0),
  pid: integer('pid'),
  message: text('message'),
}, (t) => [index('harvest_runs_source').on(t.sourceId, t.id)])

/** The raw store: one row per (source, OAI identifier), newest datestamp wins. */
export const rawRecords = sqliteTable('raw_records', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sourceId: text('source_id').notNull(),
  identifier: text('identifier').notNull(),
  datestamp: text('datestamp').notNull(),
  /** Space-separated setSpecs (a setSpec has no spaces: Spec §2.7.2). */
  setSpecs: text('set_specs').notNull().default(''),
  status: text('status', { enum: ['live', 'deleted', 'vanished'] }).notNull(),
  /** Inner XML of <metadata> exactly as received (after character repair); null when deleted. */
  metadata: text('metadata'),
  /** Why the record could not be read as it came; it is kept all the same. */
  problem: text('problem'),
  harvestedAt: text('harvested_at').notNull(),
  /** The reconciliation epoch in which the server last listed this identifier. */
  seenEpoch: integer('seen_epoch').notNull().default(0),
}, (t) => [
  uniqueIndex('raw_records_source_identifier').on(t.sourceId, t.identifier),
  // Partial indexes over the rare rows: a full (source, status) index cost ~15 µs per harvested row
  // (most rows are live); live counts are the total (from the unique index) minus these.
  index('raw_records_not_live').on(t.sourceId, t.status).where(sql`status <> 'live'`),
  index('raw_records_with_problem').on(t.sourceId).where(sql`problem IS NOT NULL`),
])

/** Run-level diagnostics: windows split or bypassed, token loops, records GetRecord could not fetch. */
export const harvestProblems = sqliteTable('harvest_problems', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  runId: integer('run_id').notNull(),
  sourceId: text('source_id').notNull(),
  identifier: text('identifier'),
  kind: text('kind').notNull(),
  detail: text('detail').notNull(),
  at: text('at').notNull(),
}, (t) => [index('harvest_problems_source').on(t.sourceId)])

/** One normalized entity per raw record (per source copy): what the mapper made of it, or why it could not. */
export const normalizedRecords = sqliteTable('normalized_records', {
  /** `ro:<source>:<oai identifier>` — the id of this source copy. */
  id: text('id').primaryKey(),
  sourceId: text('source_id').notNull(),
  oaiIdentifier: text('oai_identifier').notNull(),
  kind: text('kind').notNull(),
  status: text('status', { enum: ['mapped', 'failed', 'deleted'] }).notNull(),
  /** The entity as JSON (null when the mapping failed or the record is deleted). */
  json: text('json'),
  /** Mapping issues and unmapped source fields, JSON arrays. */
  issues: text('issues').notNull().default('[]'),
  unmapped: text('unmapped').notNull().default('[]'),
  error: text('error'),
  clusterId: text('cluster_id'),
  mappedAt: text('mapped_at').notNull(),
  /**
   * The copy's dedup keys as a JSON array (operator links are not in it: they live in cluster_overrides).
   * record_keys finds copies by key; this column lists a copy's keys, so record_keys needs no second index.
   */
  dedupKeys: text('dedup_keys').notNull().default('[]'),
}, (t) => [
  index('normalized_records_source').on(t.sourceId, t.oaiIdentifier),
  index('normalized_records_cluster').on(t.clusterId),
  index('normalized_records_failed').on(t.sourceId).where(sql`status = 'failed'`),
])

/**
 * Deduplication keys (doi:…, handle:…, oaimd5:…, title:…, and link:<override id>) → the copies that carry them.
 * One B-tree: the migration makes the table WITHOUT ROWID (drizzle cannot declare it); a copy's own keys are
 * read from normalized_records.dedup_keys, so no index on record_id is needed.
 */
export const recordKeys = sqliteTable('record_keys', {
  key: text('key').notNull(),
  recordId: text('record_id').notNull(),
}, (t) => [primaryKey({ columns: [t.key, t.recordId] })])

/** The merged, public entities: one per cluster of source copies. `modified_at` moves only when the JSON changes. */
export const entities = sqliteTable('entities', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  json: text('json'),
  /** Hash of json, to tell a real change from a re-normalization that produced the same output. */
  hash: text('hash'),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
  members: integer('members').notNull().default(0),
  createdAt: text('created_at').notNull(),
  modifiedAt: text('modified_at').notNull(),
  /** Write order, bumped by triggers on every real change: how the lazy indexes know exactly what is new. */
  seq: integer('seq').notNull().default(0),
}, (t) => [index('entities_kind_modified').on(t.kind, t.modifiedAt, t.id), index('entities_seq').on(t.seq)])

/** Operator decisions that survive re-normalization: keep a record apart, or link two records. */
export const clusterOverrides = sqliteTable('cluster_overrides', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['detach', 'link'] }).notNull(),
  recordId: text('record_id').notNull(),
  otherId: text('other_id'),
  note: text('note'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('cluster_overrides_record').on(t.recordId)])

/** Compliance findings per normalized copy (a source's own record, never the merged one: issue #4). */
export const findings = sqliteTable('findings', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** The normalized copy (`<source>:<oai identifier>`) the finding is about. */
  recordId: text('record_id').notNull(),
  sourceId: text('source_id').notNull(),
  ruleId: text('rule_id').notNull(),
  severity: text('severity', { enum: ['error', 'warning', 'info'] }).notNull(),
  /** JSON pointer into the record, or the source field. */
  path: text('path').notNull(),
  /** The offending values, as a JSON array (never personal data: the rules read the public model only). */
  values: text('values').notNull().default('[]'),
  checkedAt: text('checked_at').notNull(),
}, (t) => [
  index('findings_record').on(t.recordId),
  index('findings_source_rule').on(t.sourceId, t.ruleId),
])

/**
 * What the API and the OAI-PMH endpoint filter and page on, one row per entity, kept in step lazily from
 * entities.modified_at (src/db/entity-index.ts) so harvesting never pays for it. Deleted entities stay as
 * rows (deleted = 1): they are the tombstones of the change feed and of /oai.
 */
export const entityIndex = sqliteTable('entity_index', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull(),
  modifiedAt: text('modified_at').notNull(),
  title: text('title'),
  year: integer('year'),
  typeUri: text('type_uri'),
  accessUri: text('access_uri'),
  language: text('language'),
  /** Slug of the institution (the source's, or the original repository for aggregator copies). */
  institution: text('institution'),
  /** Space-separated ids of the sources that hold a copy. */
  sources: text('sources').notNull().default(''),
  fordArea: text('ford_area'),
  hasDoi: integer('has_doi', { mode: 'boolean' }).notNull().default(false),
}, (t) => [
  // Every index ends in `deleted`: a list's page (deleted = 0, by id) is then read from the index alone, without a
  // table row per candidate (a type within three years, 26 rows: 98 -> 55 µs), and the order by id is kept for /oai.
  index('entity_index_kind_id').on(t.kind, t.id, t.deleted),
  index('entity_index_kind_modified').on(t.kind, t.modifiedAt, t.id, t.deleted),
  index('entity_index_kind_institution').on(t.kind, t.institution, t.id, t.deleted),
  index('entity_index_kind_type').on(t.kind, t.typeUri, t.id, t.deleted),
  index('entity_index_kind_year').on(t.kind, t.year, t.id, t.deleted),
  index('entity_index_kind_access').on(t.kind, t.accessUri, t.id, t.deleted),
  index('entity_index_kind_language').on(t.kind, t.language, t.id, t.deleted),
  index('entity_index_kind_ford').on(t.kind, t.fordArea, t.id, t.deleted),
  // A type or an institution within a year range, listed by id: one id-ordered run per year, merged (src/api/entity-list.ts).
  index('entity_index_kind_type_year').on(t.kind, t.typeUri, t.year, t.id, t.deleted),
  index('entity_index_kind_institution_year').on(t.kind, t.institution, t.year, t.id, t.deleted),
])

/** How far entity_index (and the full-text index) has caught up with entities.seq. */
export const indexState = sqliteTable('index_state', {
  name: text('name').primaryKey(),
  watermark: integer('watermark').notNull(),
})
