// Projects, fundings, persons and organisations as PerúCRIS (CERIF) describes them, and as maDMPs and records imply.
import type { LangString, PersonRef, Provenance, Term } from './research-output.ts'

export interface OrganisationRef {
  name: string
  acronym?: string
  /** Public organisation identifiers: RUC (Peru's tax id, public for organisations), ROR, GRID, Crossref Funder ID. */
  identifiers: { type: string; value: string }[]
}

export interface Organisation extends OrganisationRef {
  id: string
  kind: 'organisation'
  type?: Term
  parent?: string
  country?: string
  provenance: Provenance[]
}

export interface Person extends PersonRef {
  id: string
  kind: 'person'
  provenance: Provenance[]
}

export interface Funding {
  id: string
  kind: 'funding'
  title?: LangString[]
  type?: Term
  funder?: OrganisationRef
  awardNumber?: string
  amount?: { value: number; currency: string }
  /** The open-access mandate the funding carries (CERIF OAMandate): the hook for arts. 39–40. */
  oaMandate?: { mandated: boolean; uri?: string }
  partOf?: string
  provenance: Provenance[]
}

export interface Project {
  id: string
  kind: 'project'
  titles: LangString[]
  acronym?: string
  /** Award numbers and project references: the keys that link products and DMPs to the project. */
  awardNumbers: string[]
  identifiers: { type: string; value: string }[]
  start?: string
  end?: string
  status?: Term
  type?: Term
  funders: OrganisationRef[]
  fundings: string[]
  oaMandate?: { mandated: boolean; uri?: string }
  team: (PersonRef & { role: string })[]
  organisations: (OrganisationRef & { role: string })[]
  abstract?: LangString[]
  provenance: Provenance[]
}

/** Equipment is mapped for completeness (PerúCRIS exposes it); compliance does not use it. */
export interface Equipment {
  id: string
  kind: 'equipment'
  name: LangString[]
  type?: Term
  owner?: OrganisationRef
  provenance: Provenance[]
}
