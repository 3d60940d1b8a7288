// How the copies of one cluster become its public entity: research outputs merge field by field; other
// entities take the leading copy (the institutional one, then the newest) and keep every copy's provenance.
import type { Entity, Provenance } from '../model/index.ts'
import { mergeOutputs } from './cluster/merge-outputs.ts'

export function createMerge(isAggregator: (sourceId: string) => boolean) {
  return (clusterId: string, kind: string, copies: { entity: Entity; sourceId: string }[]): Entity => {
    if (kind === 'research-output') {
      return mergeOutputs(clusterId, copies.map((c) => ({ output: c.entity as Extract<Entity, { kind: 'research-output' }>, aggregator: isAggregator(c.sourceId) })))
    }
    const ranked = [...copies].sort((a, b) => Number(isAggregator(a.sourceId)) - Number(isAggregator(b.sourceId)) || a.entity.id.localeCompare(b.entity.id))
    const provenance: Provenance[] = ranked.flatMap((c) => ('provenance' in c.entity ? c.entity.provenance : []))
    return { ...ranked[0]!.entity, id: clusterId, provenance } as Entity
  }
}
