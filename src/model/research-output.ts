// The hub: one research output, whatever format it came in. Mappers produce it; rules and exporters read it.
// Imports nothing. Personal data never enters it: persons carry only name, ORCID and affiliation.

export interface LangString {
  value: string
  /** BCP 47 or ISO 639 tag as the source gave it, when it gave one. */
  lang?: string
}

/** A COAR (or other controlled) term: the URI, its label, and the value the source wrote. */
export interface Term {
  uri: string
  label: string
}

/** The public face of a person: an allow-list (issue #3). No national ID, e-mail, gender or birth date. */
export interface PersonRef {
  name: string
  /** Bare ORCID iD `0000-0002-1825-0097`, checksum verified. */
  orcid?: string
  affiliations?: string[]
}

export type ContributorRole = 'advisor' | 'juror' | 'editor' | 'contributor'

export interface Contributor extends PersonRef {
  role: ContributorRole
}

export type IdentifierType = 'doi' | 'handle' | 'url' | 'issn' | 'isbn' | 'urn' | 'ark' | 'pmid' | 'other'

export interface Identifier {
  type: IdentifierType
  /** Normalized: DOI lower case without resolver, Handle `prefix/suffix`, ISSN `NNNN-NNNX`, ISBN 13 digits. */
  value: string
  /** False when a checksum fails or a Handle uses the unconfigured DSpace prefix 123456789. */
  valid?: boolean
  problem?: string
}

export interface FordSubject {
  /** `5.02.04` (discipline), `5.02.00` (field) or `5.00.00` (area). */
  code: string
  uri: string
  label: string
}

export interface FileRef {
  url: string
  name?: string
  mimeType?: string
  size?: number
  /** COAR access right of this file, when the source says it. */
  access?: Term
  embargoEnd?: string
}

export interface FundingReference {
  funder?: string
  /** Funder identifier (Crossref Funder ID DOI, ROR, RUC of a Peruvian funder). */
  funderId?: string
  programme?: string
  awardNumber?: string
  awardTitle?: string
  awardUri?: string
  /** Where the reference came from: a structured field, or free text we recognised an award in. */
  origin: 'structured' | 'text'
}

/** RENATI thesis data (ALICIA 2.1 elements for works leading to a degree). */
export interface ThesisData {
  degreeName?: string
  /** renati.level: bachiller, tituloProfesional, tituloSegundaEspecialidad, maestro, doctor. */
  level?: Term
  /** renati.type: tesis, trabajoDeInvestigacion, trabajoDeSuficienciaProfesional, trabajoAcademico. */
  renatiType?: Term
  /** renati.discipline: the programme code (INEI CPESUTPT). */
  disciplineCode?: string
  /** thesis.degree.discipline: the programme name. */
  discipline?: string
  grantor?: string
}

export type RelationType = 'isPartOf' | 'hasPart' | 'isDmpOf' | 'hasDmp' | 'isDatasetOf' | 'hasDataset' | 'isSupplementTo' | 'isVersionOf' | 'references' | 'isOutputOf' | 'other'

export interface Relation {
  type: RelationType
  /** An identifier or URL of the related thing (ISSN for isPartOf a journal, an award number for isOutputOf). */
  target: string
  targetType?: IdentifierType | 'award' | 'text'
}

/** Where a record came from; a merged record keeps one per source copy. */
export interface Provenance {
  sourceId: string
  oaiIdentifier: string
  datestamp: string
  harvestedAt: string
  metadataPrefix: string
  /** For aggregator copies (ALICIA): the repository the aggregator took it from, when it says. */
  originalRepository?: string
}

export interface ResourceType {
  /** COAR resource type URI, null when the source value could not be mapped. */
  uri: string | null
  label: string | null
  /** The values the source wrote, kept verbatim. */
  original: string[]
}

export interface ResearchOutput {
  /** Stable id of the merged record (cluster); for a single source copy, derived from source + OAI identifier. */
  id: string
  kind: 'research-output'
  titles: LangString[]
  creators: PersonRef[]
  contributors: Contributor[]
  type: ResourceType
  /** COAR version (publishedVersion, acceptedVersion…) when given. */
  version?: Term
  accessRight: Term | null
  embargoEnd: string | null
  /**
   * Why access is restricted or closed, as the source states it (a dc.rights sentence beside the access term,
   * an oaire:licenseCondition…). Art. 39.5 lets funded research stay closed only under an exception: a stated
   * reason is what makes restricted access a claimed exception rather than a gap (src/compliance/projects.ts).
   */
  accessReason?: string
  license: { uri: string; spdx: string | null } | null
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  issued: string | null
  /** ISO 639-3. */
  languages: string[]
  keywords: LangString[]
  ford: FordSubject[]
  abstracts: LangString[]
  publisher: string | null
  /** ISO 3166-1 alpha-2 of the publisher (dc.publisher.country). */
  publisherCountry?: string
  identifiers: Identifier[]
  landingPage: string | null
  files: FileRef[]
  funding: FundingReference[]
  thesis: ThesisData | null
  relations: Relation[]
  provenance: Provenance[]
}
