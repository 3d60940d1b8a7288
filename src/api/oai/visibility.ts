// Which sources /oai hides, and since when: a disabled source's records leave /oai as deletions (issue #5).
import type { Db } from '../../db/open.ts'

/**
 * `redcti disable` and the admin API only set source_state.enabled = 0; they record no time. A deletion needs a
 * datestamp that moves forward when it happens (Spec §2.7.1, or incremental harvesters never learn of it), so
 * /oai notes the moment it first sees each change of a source's flag, and keeps that note in index_state (the
 * table of lazily maintained views of the data) as `oai-visibility:<source>` = ±unix seconds (negative while
 * disabled). An entity whose copies all come from disabled sources is presented as deleted; any entity holding a
 * copy from a source whose flag changed gets a datestamp no earlier than that change.
 */
export interface Visibility {
  /** Sources currently disabled. */
  disabled: Set<string>
  /** Source id → `YYYY-MM-DDThh:mm:ssZ` of its last seen enable/disable change. */
  changedAt: Map<string, string>
}

const PREFIX = 'oai-visibility:'

export function observeVisibility(db: Db, now: Date): Visibility {
  const c = db.$client
  const flags = c.prepare('SELECT source_id AS id, enabled FROM source_state').all() as { id: string; enabled: number }[]
  const notes = new Map((c.prepare(`SELECT name, watermark FROM index_state WHERE name LIKE '${PREFIX}%'`).all() as { name: string; watermark: number }[])
    .map((r) => [r.name.slice(PREFIX.length), r.watermark]))
  const stamp = Math.floor(now.getTime() / 1000)
  const changes: [string, number][] = []
  for (const { id, enabled } of flags) {
    const note = notes.get(id)
    // No note means "enabled as far as /oai ever saw": only a change of state is worth a note.
    const seenEnabled = note === undefined || note > 0
    if (seenEnabled !== Boolean(enabled)) {
      const value = enabled ? stamp : -stamp
      changes.push([id, value])
      notes.set(id, value)
    }
  }
  if (changes.length > 0) {
    const save = c.prepare('INSERT INTO index_state (name, watermark) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET watermark = excluded.watermark')
    c.transaction(() => { for (const [id, value] of changes) save.run(PREFIX + id, value) })()
  }
  const disabled = new Set(flags.filter((f) => !f.enabled).map((f) => f.id))
  const changedAt = new Map([...notes].map(([id, value]) => [id, new Date(Math.abs(value) * 1000).toISOString().slice(0, 19) + 'Z']))
  return { disabled, changedAt }
}
