// Which records the quality rules concern: research outputs, and among them research data (art. 40.2).
import type { Entity, ResearchOutput } from '../../model/index.ts'
import type { RuleContext, RuleHit } from '../types.ts'

const COAR_TYPE = 'http://purl.org/coar/resource_type/'

/**
 * COAR dataset (c_ddb1) and the data types COAR 3.x files under it, as OpenAIRE's Guidelines for Data Archives list
 * them (`docs/vocabularies/resourcetype.rst`). Art. 40.2 counts much more as research data (protocols, analysis code,
 * workflows); these are the types a repository uses when the item is the data itself.
 */
const DATASET_TYPES = new Set([
  'c_ddb1', 'ACF7-8YT9', 'FXF3-D3G7', 'AM6W-6QAW', '63NG-B465', 'A8F1-NPV9', '2H0M-X761', 'DD58-GFSX', 'FF4C-28RK',
  'CQMR-7K63', 'W2XT-7017', 'NHD0-W6SY',
].map((id) => `${COAR_TYPE}${id}`))

export function isResearchOutput(entity: Entity): entity is ResearchOutput {
  return entity.kind === 'research-output'
}

export function isDataset(entity: Entity): entity is ResearchOutput {
  return isResearchOutput(entity) && entity.type.uri !== null && DATASET_TYPES.has(entity.type.uri)
}

/** A rule's check for research outputs only; any other entity has nothing to report. */
export function onResearchOutputs(check: (record: ResearchOutput, context: RuleContext) => RuleHit[]) {
  return (entity: Entity, context: RuleContext): RuleHit[] => (isResearchOutput(entity) ? check(entity, context) : [])
}
