// The only file that lists every compliance rule (file name = rule id).
import type { Rule } from './types.ts'

export const rules: Rule[] = []

export const ruleById = new Map(rules.map((r) => [r.id, r]))
