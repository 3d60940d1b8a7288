// Every normalized entity, and the result a mapper returns for one raw record.
import type { ResearchOutput } from './research-output.ts'
import type { DataManagementPlan } from './dmp.ts'
import type { Equipment, Funding, Organisation, Person, Project } from './cris-entities.ts'

export type {
  ContributorRole, Contributor, FileRef, FordSubject, FundingReference, Identifier, IdentifierType, LangString,
  PersonRef, Provenance, Relation, RelationType, ResearchOutput, ResourceType, Term, ThesisData,
} from './research-output.ts'
export type { DataManagementPlan, DmpDataset, DmpDistribution, DmpFunding, DmpIdentifier, DmpPerson, DmpProject } from './dmp.ts'
export type { Equipment, Funding, Organisation, OrganisationRef, Person, Project } from './cris-entities.ts'

export type Entity = ResearchOutput | DataManagementPlan | Project | Funding | Person | Organisation | Equipment

/** A mapping problem a repository manager can act on: where, what, and the value found. */
export interface MappingIssue {
  /** JSON pointer into the output, or the source field name. */
  path: string
  message: string
  value?: string
}

export type MappingResult =
  | {
      ok: true
      entities: Entity[]
      /** Source fields the mapper did not map (qualified names), so gaps in a mapping are visible. */
      unmapped: string[]
      issues: MappingIssue[]
    }
  | { ok: false; error: string }
