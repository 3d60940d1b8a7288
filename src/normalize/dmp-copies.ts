// Issue #3: "a repository item typed as a data management plan (COAR c_ab20) is a DMP too". Such an item also gets a
// DMP copy (`<copy id>#dmp`) that clusters with tool-exported maDMPs by DOI and counts as a deposited plan (art. 39.7);
// when the item stops being a DMP, or is deleted, its DMP copy is deleted with it.
import type { Db } from '../db/open.ts'
import type { NormalizedCopy } from '../db/cluster-store.ts'
import type { ResearchOutput } from '../model/index.ts'
import { dmpFromOutput, isDmpOutput } from './dmp-from-output.ts'
import { dedupKeys } from './cluster/dedup-keys.ts'
import { validateEntity } from './validate-entity.ts'

const SUFFIX = '#dmp'

export function createDmpCopies(db: Db) {
  // Few repository items are DMPs: the ids of their copies fit in memory, and spare a lookup per record.
  const existing = new Set(db.$client.prepare("SELECT id FROM normalized_records WHERE id LIKE '%#dmp'").pluck().all() as string[])
  return (copy: NormalizedCopy): NormalizedCopy[] => {
    const id = copy.id + SUFFIX
    const output = copy.status === 'mapped' && copy.entity?.kind === 'research-output' ? (copy.entity as ResearchOutput) : null
    if (output && isDmpOutput(output)) {
      const dmp = dmpFromOutput(output)
      const invalid = validateEntity(dmp)
      existing.add(id)
      return [copy, {
        ...copy, id, kind: 'dmp', issues: [], unmapped: [],
        ...(invalid.length === 0
          ? { status: 'mapped' as const, entity: dmp, error: null, keys: dedupKeys(dmp, { oaiIdentifier: copy.oaiIdentifier }) }
          : { status: 'failed' as const, entity: null, error: `invalid dmp: ${invalid.slice(0, 3).join('; ')}`, keys: [] }),
      }]
    }
    if (!existing.has(id)) return [copy]
    existing.delete(id)
    return [copy, { ...copy, id, kind: 'dmp', status: 'deleted', entity: null, issues: [], unmapped: [], error: null, keys: [] }]
  }
}
