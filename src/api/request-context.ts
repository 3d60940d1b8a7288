// What handlers ask of the app around a request: the public base URL, the data version, the known sources.
import type { Context } from 'hono'
import type { AppEnv, AppOptions } from './app.ts'
import { knownSources } from '../db/report-queries.ts'
import { refreshEntityIndex } from '../db/entity-index.ts'
import { prepared } from '../db/statement-cache.ts'
import { observeView, type View } from './visibility.ts'

/** `--public-url` when set, else the origin the request came to. No trailing slash. */
export function baseUrl(c: Context<AppEnv>): string {
  const configured = c.get('options').publicUrl
  return (configured ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}

/**
 * What every entity representation depends on: how far the entity index has caught up (entities.seq, bumped by
 * every real change) and which sources are disabled since when. ETags are made of it, so they need no body.
 */
export interface DataVersion extends View {
  watermark: number
}

export interface Observed {
  /** `PRAGMA data_version` when the observation began: it moves when another connection commits. */
  dataVersion: number
  /** `total_changes()` when it ended: it moves when this connection writes (an admin call, a harvest the API started). */
  changes: number
  version: DataVersion
  /** What requests derived from this state of the data (max(modified_at) per kind, the years a range holds), filled as asked. */
  memo: Map<string, unknown>
}

const observed = new WeakMap<AppOptions, Observed>()

/**
 * The data version, caught up first: the entity index takes in what harvests and normalizations wrote, and the
 * sources' switches are read again, only when the database changed since the last look. Telling costs one read, so
 * every request can ask (a request that finds nothing new used to re-read the switches and prepare six statements).
 */
export function currentData(options: AppOptions): Observed {
  const { db } = options
  // Two statements: the pragma as a table-valued function in one SELECT costs twice as much.
  const dataVersion = prepared(db, 'PRAGMA data_version', { pluck: true }).get() as number
  const totalChanges = prepared(db, 'SELECT total_changes()', { pluck: true })
  const last = observed.get(options)
  if (last && last.dataVersion === dataVersion && last.changes === totalChanges.get()) return last
  refreshEntityIndex(db, { institutionOfSource: institutionsOf(options) })
  const watermark = (prepared(db, "SELECT watermark FROM index_state WHERE name = 'entity_index'", { pluck: true }).get() as number | undefined) ?? 0
  const version = { watermark, ...observeView(db, options.now?.() ?? new Date()) }
  // Our own writes (the index, the switch notes) are part of this observation; another connection's commit since
  // the first read is not, and moves data_version past the one kept, so the next request looks again.
  const next: Observed = { dataVersion, changes: totalChanges.get() as number, version, memo: new Map() }
  observed.set(options, next)
  return next
}

const institutionMaps = new WeakMap<AppOptions, (sourceId: string) => string | null>()

/** A source's institution as the index records it: its configured name; aggregators stand for none. */
function institutionsOf(options: AppOptions): (sourceId: string) => string | null {
  let lookup = institutionMaps.get(options)
  if (!lookup) {
    const institutions = new Map(options.sources.filter((s) => s.role !== 'aggregator').map((s) => [s.id, s.institution ?? s.name ?? s.id]))
    institutionMaps.set(options, lookup = (id) => institutions.get(id) ?? null)
  }
  return lookup
}

/** The data as this request found it: observed once, by the request setup (./request-setup.ts), or here for paths it does not cover. */
function requestData(c: Context<AppEnv>): Observed {
  let data = c.get('data')
  if (!data) c.set('data', data = currentData(c.get('options')))
  return data
}

export function dataVersion(c: Context<AppEnv>): DataVersion {
  return requestData(c).version
}

const MEMO_LIMIT = 1000

/** A value derived from the data as this request found it: computed once per state of the data, shared by the requests that see it. */
export function observedOnce<T>(c: Context<AppEnv>, key: string, compute: () => T): T {
  const { memo } = requestData(c)
  if (memo.has(key)) return memo.get(key) as T
  const value = compute()
  // Keys come from what clients ask (year ranges), and the data may not change for days: keep it bounded.
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, value)
  return value
}

/** When a kind last changed as the public sees it: an entity's change or a source's switch, whichever is later. */
export function lastModifiedOf(c: Context<AppEnv>, kind: string, view: View): string | null {
  const latest = observedOnce(c, `latest ${kind}`, () =>
    prepared(c.get('options').db, 'SELECT max(modified_at) FROM entity_index WHERE kind = ?', { pluck: true }).get(kind) as string | null)
  return [latest, ...view.switched.map(([, at]) => at)].reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null)
}

/** Configured sources and those only the database still knows. */
export function knownSourceIds(c: Context<AppEnv>): Set<string> {
  const { db, sources } = c.get('options')
  return new Set([...sources.map((s) => s.id), ...knownSources(db).map((s) => s.id)])
}
