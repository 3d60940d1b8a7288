// Compliance findings per normalized copy: replaced whole each time the copy is normalized or checked.
import type { Db } from './open.ts'
import type { Finding } from '../compliance/types.ts'

export function createFindingsStore(db: Db) {
  const c = db.$client
  const remove = c.prepare('DELETE FROM findings WHERE record_id = ?')
  const insert = c.prepare('INSERT INTO findings (record_id, source_id, rule_id, severity, path, "values", checked_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
  return {
    /** Call inside the page (or batch) transaction. */
    replace(recordId: string, sourceId: string, findings: Finding[], at: string): void {
      remove.run(recordId)
      for (const f of findings) insert.run(recordId, sourceId, f.ruleId, f.severity, f.path, JSON.stringify(f.values), at)
    },
  }
}
