// Which institution a copy belongs to: its source's `institution`, or, for an aggregator (ALICIA), the repository
// it took the record from (named like a configured source) or else the record's publisher. Pure.
import type { Source } from '../../harvesters/types.ts'
import { fold } from '../normalize/cluster/dedup-keys.ts'

export interface Attributable {
  repository: string | null
  publisher: string | null
}

export type SourceInfo = Pick<Source, 'id' | 'name' | 'institution' | 'role'>

export function createAttribution(sources: SourceInfo[]) {
  // ALICIA names its member repositories as the configured sources do ("PUCP-Tesis"): that name finds the institution.
  const byName = new Map(sources.filter((s) => s.name && s.institution).map((s) => [fold(s.name!), s.institution!]))
  return (source: SourceInfo, copy: Attributable): string => {
    if (source.role !== 'aggregator') return source.institution ?? source.name ?? source.id
    const known = copy.repository ? byName.get(fold(copy.repository)) : undefined
    return known ?? copy.publisher ?? copy.repository ?? `sin identificar (vía ${source.name ?? source.id})`
  }
}
