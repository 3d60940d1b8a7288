// What handlers ask of the app around a request: the public base URL, the data version, the known sources.
import type { Context } from 'hono'
import type { AppEnv } from './app.ts'
import { knownSources } from '../db/report-queries.ts'
import { observeView, type View } from './visibility.ts'

/** `--public-url` when set, else the origin the request came to. No trailing slash. */
export function baseUrl(c: Context<AppEnv>): string {
  const configured = c.get('options').publicUrl
  return (configured ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}

/**
 * What every entity representation depends on: how far the entity index has caught up (entities.seq, bumped by
 * every real change) and which sources are disabled since when. Cheap (indexed reads), so ETags need no body.
 */
export function dataVersion(c: Context<AppEnv>): View & { watermark: number } {
  const { db, now } = c.get('options')
  const watermark = (db.$client.prepare("SELECT watermark FROM index_state WHERE name = 'entity_index'").pluck().get() as number | undefined) ?? 0
  return { watermark, ...observeView(db, now?.() ?? new Date()) }
}

/** When a kind last changed as the public sees it: an entity's change or a source's switch, whichever is later. */
export function lastModifiedOf(c: Context<AppEnv>, kind: string, view: View): string | null {
  const latest = c.get('options').db.$client.prepare('SELECT max(modified_at) FROM entity_index WHERE kind = ?').pluck().get(kind) as string | null
  return [latest, ...view.switched.map(([, at]) => at)].reduce<string | null>((a, b) => (b !== null && (a === null || b > a) ? b : a), null)
}

/** Configured sources and those only the database still knows. */
export function knownSourceIds(c: Context<AppEnv>): Set<string> {
  const { db, sources } = c.get('options')
  return new Set([...sources.map((s) => s.id), ...knownSources(db).map((s) => s.id)])
}
