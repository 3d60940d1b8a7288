// Rules about required elements: ALICIA 2.1 for every record, RENATI for theses, OpenAIRE v4 mandatory fields.
import type { Rule } from '../types.ts'

export const presenceRules: Rule[] = []
