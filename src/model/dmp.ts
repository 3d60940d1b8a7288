// A data management plan in the RDA maDMP 1.2 shape, minus personal data: contacts keep name and ORCID, never e-mail.
import type { Provenance } from './research-output.ts'

export interface DmpIdentifier {
  identifier: string
  type: string
}

export interface DmpPerson {
  name: string
  /** ORCID or another public person identifier; e-mail addresses are dropped (issue #3). */
  id?: DmpIdentifier
  affiliation?: { name: string; affiliation_id?: DmpIdentifier }[]
}

export interface DmpFunding {
  /**
   * Required by maDMP, but DMP tools export fundings without it (DMPRoadmap omits it when the funder has no
   * identifier): such a funding keeps its name and grant id rather than being dropped.
   */
  funder_id?: DmpIdentifier
  funding_status?: 'planned' | 'applied' | 'granted' | 'rejected'
  /** The award number as the funder writes it, label ("Contrato N°", "Grant agreement No.") removed: the key to projects. */
  grant_id?: DmpIdentifier
  /** The funder's name when the source gives one (maDMP carries only the id). */
  funder_name?: string
}

export interface DmpProject {
  title: string
  description?: string
  start?: string
  end?: string
  project_id?: DmpIdentifier[]
  funding?: DmpFunding[]
}

export interface DmpDistribution {
  title: string
  access_url?: string
  download_url?: string
  format?: string[]
  byte_size?: number
  data_access: 'open' | 'shared' | 'closed'
  available_until?: string
  /** A start_date in the future is an embargo (maDMP FAQ); it is absent only when the source gave none. */
  license?: { license_ref: string; start_date?: string }[]
  host?: { title: string; url: string; pid_system?: string[] }
}

export interface DmpDataset {
  title: string
  description?: string
  type?: string
  dataset_id: DmpIdentifier
  personal_data: 'yes' | 'no' | 'unknown'
  sensitive_data: 'yes' | 'no' | 'unknown'
  issued?: string
  language?: string
  keyword?: string[]
  distribution?: DmpDistribution[]
}

export interface DataManagementPlan {
  id: string
  kind: 'dmp'
  title: string
  description?: string
  /** ISO 639-3. */
  language: string
  created: string
  modified: string
  dmp_id: DmpIdentifier
  contact: DmpPerson
  contributor?: (DmpPerson & { role: string[] })[]
  ethical_issues_exist: 'yes' | 'no' | 'unknown'
  project: DmpProject[]
  dataset: DmpDataset[]
  /** The maDMP version the document declared or looked like before it was upgraded to 1.2. */
  sourceVersion: '1.0' | '1.1' | '1.2'
  provenance: Provenance[]
}
