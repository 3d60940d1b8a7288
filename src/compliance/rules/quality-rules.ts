// Rules about values: vocabulary membership, identifier validity, embargoes, plausible dates, open formats.
import type { Rule } from '../types.ts'

export const qualityRules: Rule[] = []
