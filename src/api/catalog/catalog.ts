// The catalog description: what redcti publishes (datasets, their distributions, the services), in terms neutral to
// POD data.json and DCAT-AP, so both serializations are pure functions of one value.

/** Text in Spanish and English; Spanish first, as the PNDA shows it. */
export interface Bilingual {
  es: string
  en: string
}

export interface Agent {
  iri: string
  name: string
  homepage: string
  /** ADMS publisher type IRI (DCAT-AP recommends dct:type on foaf:Agent). */
  type: string
}

export interface Contact {
  iri: string
  name: string
  email: string
  /** A page where people can write to us (the docs page). */
  url: string
}

export interface Licence {
  iri: string
  label: string
  /** What the licence applies to, in words: the metadata aggregate, not the works described. */
  rights: Bilingual
}

export interface Distribution {
  /** Hash IRI in the catalog. */
  iri: string
  title: Bilingual
  description: Bilingual
  /** Where the data can be reached (DCAT-AP mandatory); the API list or the file itself. */
  accessUrl: string
  /** The file itself, when the distribution is one (a dump). */
  downloadUrl?: string
  /** Content-Type of what downloadUrl/accessUrl answers (POD mediaType). */
  servedMediaType: string
  /** Media type of the data once uncompressed (IANA-registered types only; NDJSON has none). */
  mediaType?: string
  /** EU file-type authority code (JSON, CSV). */
  fileType: string
  /** Human-readable format (POD `format`). */
  format: string
  compressed: boolean
  /** JSON Schema (or spec) the records follow. */
  conformsTo?: string
  /** The DataService through which the distribution is reached. */
  accessService?: string
}

export interface Dataset {
  /** Short stable id (`outputs`, `outputs-institution-pucp`, `outputs-type-c_6501`, `indicators`). */
  id: string
  iri: string
  title: Bilingual
  description: Bilingual
  keywords: string[]
  /** ISO 8601 UTC: the last change of any record in it (deletions included); null when empty. */
  modified: string | null
  /** Live records in it, when counted exactly. */
  records: number | null
  landingPage: string
  distributions: Distribution[]
}

export interface DataService {
  iri: string
  title: Bilingual
  description: Bilingual
  endpointUrl: string
  endpointDescription: string
  /** The specification the endpoint conforms to. */
  conformsTo: string
  servesDatasets: string[]
}

export interface Catalog {
  iri: string
  title: Bilingual
  description: Bilingual
  homepage: string
  publisher: Agent
  contact: Contact
  licence: Licence
  /** ISO 8601 UTC; null when the aggregate is empty. */
  modified: string | null
  datasets: Dataset[]
  services: DataService[]
  /** URL of the POD data.json, the DCAT JSON-LD and the Turtle (for links between them). */
  documents: { dataJson: string; jsonld: string; turtle: string }
}
