// Runs every registered rule on one normalized copy. Pure: the entity, the mapper's issues and today in; findings out.
import type { Entity, MappingIssue } from '../model/index.ts'
import type { Finding } from './types.ts'
import { rules } from './index.ts'

export function checkRecord(entity: Entity, issues: MappingIssue[], today: string): Finding[] {
  const findings: Finding[] = []
  const context = { today, issues }
  for (const rule of rules) {
    if (rule.appliesTo && !rule.appliesTo(entity)) continue
    for (const hit of rule.check(entity, context)) {
      findings.push({ ruleId: rule.id, severity: rule.severity, path: hit.path, values: hit.values })
    }
  }
  return findings
}
