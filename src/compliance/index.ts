// The only file that lists every compliance rule: each group file lists its rules (one file per rule, file name = rule id).
import type { Rule } from './types.ts'
import { presenceRules } from './rules/presence-rules.ts'
import { qualityRules } from './rules/quality-rules.ts'

export const rules: Rule[] = [...presenceRules, ...qualityRules]

export const ruleById = new Map(rules.map((r) => [r.id, r]))
