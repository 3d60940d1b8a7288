// The compliance rule contract: a rule judges one normalized record (a source's own copy) and never translates.
import type { Entity, MappingIssue } from '../model/index.ts'

export type Severity = 'error' | 'warning' | 'info'

/** What a rule enforces, so a repository manager knows why it matters. */
export type Reference =
  | { kind: 'alicia'; element: string }       // Guía ALICIA 2.1 element (dc.title, dc.subject.ocde…)
  | { kind: 'renati'; element: string }       // RENATI thesis element (renati.level…)
  | { kind: 'openaire'; field: string }       // OpenAIRE Guidelines for Literature v4 field
  | { kind: 'article'; article: string }      // D.S. 062-2024-PCM article (39.5, 40.3…)
  | { kind: 'vocabulary'; vocabulary: string } // COAR, OCDE FORD, ISO 639-3, licences
  | { kind: 'identifier'; scheme: string }    // DOI, Handle, ORCID, ISSN, ISBN

export interface Bilingual {
  es: string
  en: string
}

/** One failure of one rule on one record: where, and the offending values. */
export interface RuleHit {
  path: string
  values: string[]
}

export interface RuleContext {
  /** Today, `YYYY-MM-DD`: rules are pure, the date is passed in (lapsed embargoes). */
  today: string
  /** What the mapper reported about the source record (vocabulary misses, bad checksums). */
  issues: MappingIssue[]
}

export interface Rule {
  /** Stable id, also the rule's file name. */
  id: string
  severity: Severity
  references: Reference[]
  /** The rule sets it belongs to (ALICIA 2.1, RENATI, OpenAIRE v4, vocabularies, identifiers, dates, data). */
  sets: RuleSet[]
  message: Bilingual
  fix: Bilingual
  /** Which records the rule concerns (theses only, datasets only…); all when absent. */
  appliesTo?: (entity: Entity) => boolean
  check(entity: Entity, context: RuleContext): RuleHit[]
}

export type RuleSet = 'alicia' | 'renati' | 'openaire' | 'vocabulary' | 'identifiers' | 'embargo' | 'dates' | 'open-data'

export interface Finding {
  ruleId: string
  severity: Severity
  path: string
  values: string[]
}

export function defineRule(rule: Rule): Rule {
  return rule
}
