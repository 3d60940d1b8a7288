// The only file that lists every harvest protocol: a source's `protocol` names the function that harvests it.
import type { Db } from '../db/open.ts'
import type { Source } from '../../harvesters/types.ts'
import { harvestSource, type HarvestOptions, type SourceOutcome } from './run.ts'
import { harvestMadmpSource } from './harvest-madmp.ts'

export type HarvestOne = (db: Db, source: Source, options?: HarvestOptions) => Promise<SourceOutcome>

export const protocols = {
  'oai-pmh': harvestSource,
  madmp: harvestMadmpSource,
} satisfies Record<NonNullable<Source['protocol']>, HarvestOne>

export function harvesterFor(source: Source): HarvestOne {
  return protocols[source.protocol ?? 'oai-pmh']
}
