// What the public sees of a disabled source: nothing. An entity whose every copy comes from disabled sources is
// served as deleted (a tombstone), at query time, so enabling the source again brings it back untouched.
import type { Db } from '../db/open.ts'
import { observeVisibility } from './oai/visibility.ts'

export interface View {
  /** Sources switched off (`redcti disable`, the admin API, a 403), sorted. Usually none. */
  disabled: string[]
  /** Source → when its last switch (either way) was first seen, `YYYY-MM-DDThh:mm:ssZ`, sorted by source. */
  switched: [string, string][]
}

/**
 * Disabling records no time, but a change feed needs one, moving forward, for the tombstones it shows and for the
 * records that come back when the source is enabled again. /oai keeps the moment it first notices each switch
 * (src/api/oai/visibility.ts); the JSON API reads and writes the same notes, so both publish one history.
 * As /oai does, only source_state counts: `enabled: false` in the sources file stops harvesting, not publishing.
 */
export function observeView(db: Db, now: Date): View {
  const v = observeVisibility(db, now)
  return { disabled: [...v.disabled].sort(), switched: [...v.changedAt].sort(([a], [b]) => a.localeCompare(b)) }
}

/**
 * SQL that is true when every source of an entity_index row (`sources`, space-separated ids) is disabled: each
 * disabled id is cut out of ` a b c ` and the row is hidden when nothing is left. Source ids have no spaces
 * (schemas/source.schema.json), so ` id ` matches whole ids only. Null when no source is disabled.
 */
export function hiddenSql(disabled: string[], column = 'i.sources'): { sql: string; args: string[] } | null {
  if (disabled.length === 0) return null
  let expression = `' ' || ${column} || ' '`
  for (let i = 0; i < disabled.length; i++) expression = `replace(${expression}, ?, ' ')`
  return { sql: `(${column} <> '' AND trim(${expression}) = '')`, args: disabled.map((id) => ` ${id} `) }
}

/** Whether an entity's sources can change what is shown of it: only while a source is disabled or was switched. */
export function sourcesMatter(view: { disabled: string[]; switched?: [string, string][] }): boolean {
  return view.disabled.length > 0 || (view.switched?.length ?? 0) > 0
}

export function isHidden(sources: string, disabled: string[]): boolean {
  if (disabled.length === 0 || sources === '') return false
  return sources.split(' ').every((id) => disabled.includes(id))
}

/** SQL for "holds a copy from one of these sources". */
export function fromSourcesSql(ids: string[], column = 'i.sources'): { sql: string; args: string[] } {
  return { sql: `(${ids.map(() => `instr(' ' || ${column} || ' ', ?) > 0`).join(' OR ')})`, args: ids.map((id) => ` ${id} `) }
}

/**
 * When an entity last changed as the public sees it: its own modification, or the switch of a source it has a
 * copy from (it vanished or came back then), whichever is later.
 */
export function effectiveModified(modified: string, sources: string, switched: [string, string][]): string {
  if (switched.length === 0 || sources === '') return modified
  const mine = new Set(sources.split(' '))
  let latest = modified
  for (const [id, at] of switched) if (mine.has(id) && at > latest) latest = at
  return latest
}

/** The same as SQL over entity_index `i`: `max(modified_at, CASE … END, …)` (plain `i.modified_at` when nothing was switched). */
export function effectiveModifiedSql(switched: [string, string][]): { sql: string; args: string[] } {
  if (switched.length === 0) return { sql: 'i.modified_at', args: [] }
  const cases = switched.map(() => `CASE WHEN instr(' ' || i.sources || ' ', ?) > 0 THEN ? ELSE '' END`)
  return { sql: `max(i.modified_at, ${cases.join(', ')})`, args: switched.flatMap(([id, at]) => [` ${id} `, at]) }
}
