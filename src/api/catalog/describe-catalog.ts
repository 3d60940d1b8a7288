// Turns the facts about the data into the catalog description: one dataset for the whole research-output aggregate,
// one per institution, one per COAR type, one per other collection, and the indicators, each with the dumps and
// API lists that serve it. Pure: the URLs come from the public base URL.
import { resourceType } from '../../vocab/index.ts'
import type { CatalogFacts, GroupFacts } from './catalog-facts.ts'
import type { Bilingual, Catalog, DataService, Dataset, Distribution } from './catalog.ts'

export interface CatalogSettings {
  publisherName: string
  publisherHomepage: string
  contactName: string
  contactEmail: string
}

export const DEFAULT_CATALOG_SETTINGS: CatalogSettings = {
  publisherName: 'Consejo Nacional de Ciencia, Tecnología e Innovación Tecnológica (CONCYTEC)',
  publisherHomepage: 'https://www.gob.pe/concytec',
  contactName: 'redcti — Red Nacional de Información en CTI (CONCYTEC)',
  contactEmail: 'admin@redcti.localhost',
}

export const CC_BY_4 = 'https://creativecommons.org/licenses/by/4.0/'
const RFC_4180 = 'https://www.rfc-editor.org/rfc/rfc4180'
const OPENAPI_3_1 = 'https://spec.openapis.org/oas/v3.1.0'
const OAI_PMH_2 = 'http://www.openarchives.org/OAI/2.0/openarchivesprotocol.htm'
/** ADMS publisher type: CONCYTEC is the national authority for science, technology and innovation. */
const NATIONAL_AUTHORITY = 'http://purl.org/adms/publishertype/NationalAuthority'

/** The collections besides research outputs, with the words the catalog uses for them. */
const OTHER_COLLECTIONS = [
  { collection: 'dmps', kind: 'dmp', schema: 'dmp', title: { es: 'Planes de gestión de datos', en: 'Data management plans' }, what: { es: 'planes de gestión de datos (RDA maDMP 1.2)', en: 'data management plans (RDA maDMP 1.2)' } },
  { collection: 'projects', kind: 'project', schema: 'project', title: { es: 'Proyectos de investigación', en: 'Research projects' }, what: { es: 'proyectos de investigación (PerúCRIS)', en: 'research projects (PerúCRIS)' } },
  { collection: 'fundings', kind: 'funding', schema: 'funding', title: { es: 'Financiamientos', en: 'Fundings' }, what: { es: 'financiamientos: subvenciones, convocatorias y programas (PerúCRIS)', en: 'fundings: grants, calls and programmes (PerúCRIS)' } },
  { collection: 'organisations', kind: 'organisation', schema: 'organisation', title: { es: 'Organizaciones', en: 'Organisations' }, what: { es: 'organizaciones (PerúCRIS)', en: 'organisations (PerúCRIS)' } },
  { collection: 'persons', kind: 'person', schema: 'person', title: { es: 'Personas (campos públicos)', en: 'Persons (public fields)' }, what: { es: 'personas, solo nombre, ORCID y afiliaciones', en: 'persons, name, ORCID and affiliations only' } },
] as const

export function describeCatalog(facts: CatalogFacts, base: string, settings: CatalogSettings = DEFAULT_CATALOG_SETTINGS): Catalog {
  const catalogIri = `${base}/catalog`
  const at = (fragment: string) => `${catalogIri}#${fragment}`
  const apiService = at('service-api')
  const oaiService = at('service-oai')
  const docs = `${base}/docs`
  const dumps = `${base}/api/v1/dumps`

  const fileDistributions = (datasetId: string, collection: string, path: string, query: string, schema: string, what: Bilingual): Distribution[] => [
    {
      iri: at(`distribution-${datasetId}-ndjson`),
      title: { es: `${what.es}: NDJSON comprimido (gzip)`, en: `${what.en}: NDJSON, gzip-compressed` },
      description: {
        es: 'Un registro JSON por línea, tal como lo muestra la API, generado al pedirlo con los datos del momento.',
        en: 'One JSON record per line, as the API shows it, generated on request from the current data.',
      },
      accessUrl: `${dumps}${path}/${collection}.ndjson.gz${query}`,
      downloadUrl: `${dumps}${path}/${collection}.ndjson.gz${query}`,
      servedMediaType: 'application/gzip',
      fileType: 'JSON',
      format: 'NDJSON (gzip)',
      compressed: true,
      conformsTo: `${base}/schemas/${schema}.schema.json`,
    },
    {
      iri: at(`distribution-${datasetId}-csv`),
      title: { es: `${what.es}: CSV comprimido (gzip)`, en: `${what.en}: CSV, gzip-compressed` },
      description: {
        es: 'Una fila por registro con encabezado (RFC 4180, UTF-8); los valores múltiples van separados por « | ».',
        en: 'One row per record with a header (RFC 4180, UTF-8); repeated values are joined with " | ".',
      },
      accessUrl: `${dumps}${path}/${collection}.csv.gz${query}`,
      downloadUrl: `${dumps}${path}/${collection}.csv.gz${query}`,
      servedMediaType: 'application/gzip',
      mediaType: 'text/csv',
      fileType: 'CSV',
      format: 'CSV (gzip)',
      compressed: true,
      conformsTo: RFC_4180,
    },
  ]
  const apiDistribution = (datasetId: string, url: string, what: Bilingual): Distribution => ({
    iri: at(`distribution-${datasetId}-api`),
    title: { es: `${what.es}: API JSON paginada`, en: `${what.en}: paged JSON API` },
    description: {
      es: 'La lista filtrada de la API, por páginas con cursor; admite también ?format=jsonld y ?format=csv. Para descargar todo, use los volcados.',
      en: 'The filtered API list, paged with a cursor; ?format=jsonld and ?format=csv work too. To download everything, take the dumps.',
    },
    accessUrl: url,
    servedMediaType: 'application/json',
    mediaType: 'application/json',
    fileType: 'JSON',
    format: 'JSON (API)',
    compressed: false,
    accessService: apiService,
  })

  const outputsWhat = { es: 'Producción científica', en: 'Research outputs' }
  const datasets: Dataset[] = []
  /** `facts` dates the dataset and counts its records; `counted: false` for one that is not a set of records. */
  const dataset = (d: Omit<Dataset, 'iri' | 'landingPage' | 'modified' | 'records'> & { facts: GroupFacts | undefined; counted?: boolean }): void => {
    const { facts: group, counted = true, ...rest } = d
    datasets.push({ ...rest, iri: at(`dataset-${d.id}`), landingPage: `${docs}#datasets`, modified: group?.modified ?? null, records: counted ? group?.records ?? 0 : null })
  }

  const outputs = facts.kinds['research-output']
  dataset({
    id: 'outputs',
    title: { es: 'Producción científica del Perú: agregado completo', en: 'Research outputs from Peru: the whole aggregate' },
    description: {
      es: 'Artículos, tesis, libros, conjuntos de datos y demás resultados de investigación cosechados de los repositorios peruanos (y de ALICIA) por OAI-PMH, normalizados, deduplicados y verificados por redcti.',
      en: 'Articles, theses, books, datasets and other research outputs harvested from Peruvian repositories (and ALICIA) over OAI-PMH, normalized, deduplicated and checked by redcti.',
    },
    keywords: ['producción científica', 'investigación', 'repositorios institucionales', 'acceso abierto', 'Perú', 'CTI'],
    facts: outputs,
    distributions: [...fileDistributions('outputs', 'outputs', '', '', 'research-output', outputsWhat), apiDistribution('outputs', `${base}/api/v1/outputs`, outputsWhat)],
  })

  for (const institution of [...facts.institutions].sort((a, b) => a.slug.localeCompare(b.slug))) {
    const id = `outputs-institution-${institution.slug}`
    const what = { es: `Producción de ${institution.name}`, en: `Outputs of ${institution.name}` }
    dataset({
      id,
      title: { es: `Producción científica: ${institution.name}`, en: `Research outputs: ${institution.name}` },
      description: {
        es: `Los resultados de investigación de ${institution.name} en el agregado, incluidos los que llegaron por ALICIA.`,
        en: `The research outputs of ${institution.name} in the aggregate, those that came through ALICIA included.`,
      },
      keywords: ['producción científica', 'Perú', institution.name],
      facts: institution,
      distributions: [
        ...fileDistributions(id, 'outputs', `/institutions/${encodeURIComponent(institution.slug)}`, '', 'research-output', what),
        apiDistribution(id, `${base}/api/v1/outputs?institution=${encodeURIComponent(institution.slug)}`, what),
      ],
    })
  }

  for (const type of [...facts.types].sort((a, b) => a.uri.localeCompare(b.uri))) {
    const code = type.uri.slice(type.uri.lastIndexOf('/') + 1)
    const term = resourceType(type.uri)
    const labelEn = term?.label ?? code
    const labelEs = term?.labelEs ?? labelEn
    const id = `outputs-type-${code}`
    const what = { es: `Tipo ${labelEs}`, en: `Type ${labelEn}` }
    dataset({
      id,
      title: { es: `Producción científica por tipo COAR: ${labelEs} (${labelEn})`, en: `Research outputs by COAR type: ${labelEn}` },
      description: {
        es: `Los resultados de investigación del tipo COAR «${labelEs}» (${type.uri}) de todas las instituciones.`,
        en: `The research outputs of COAR type "${labelEn}" (${type.uri}) from every institution.`,
      },
      keywords: ['producción científica', 'Perú', labelEs, labelEn],
      facts: type,
      distributions: [
        // The dumps take their collection's list filters: the type narrows the whole-aggregate dump.
        ...fileDistributions(id, 'outputs', '', `?type=${encodeURIComponent(code)}`, 'research-output', what),
        apiDistribution(id, `${base}/api/v1/outputs?type=${encodeURIComponent(code)}`, what),
      ],
    })
  }

  for (const other of OTHER_COLLECTIONS) {
    const group = facts.kinds[other.kind]
    if (!group || group.records === 0) continue
    dataset({
      id: other.collection,
      title: { es: `${other.title.es} del Perú`, en: `${other.title.en} from Peru` },
      description: { es: `Los ${other.what.es} del agregado redcti.`, en: `The ${other.what.en} in the redcti aggregate.` },
      keywords: ['CTI', 'Perú', other.title.es.toLowerCase()],
      facts: group,
      distributions: [...fileDistributions(other.collection, other.collection, '', '', other.schema, other.title), apiDistribution(other.collection, `${base}/api/v1/${other.collection}`, other.title)],
    })
  }

  dataset({
    id: 'indicators',
    title: { es: 'Indicadores de producción científica', en: 'Research output indicators' },
    description: {
      es: 'Conteos de la producción científica por institución, año, área OCDE, tipo y derecho de acceso, calculados sobre el agregado.',
      en: 'Counts of research outputs by institution, year, OCDE area, type and access right, computed over the aggregate.',
    },
    keywords: ['indicadores', 'bibliometría', 'producción científica', 'Perú'],
    facts: outputs,
    counted: false,
    distributions: [{
      iri: at('distribution-indicators-api'),
      title: { es: 'Indicadores: JSON', en: 'Indicators: JSON' },
      description: { es: 'Los conteos actuales, calculados al pedirlos.', en: 'The current counts, computed on request.' },
      accessUrl: `${base}/api/v1/indicators`,
      downloadUrl: `${base}/api/v1/indicators`,
      servedMediaType: 'application/json',
      mediaType: 'application/json',
      fileType: 'JSON',
      format: 'JSON',
      compressed: false,
      accessService: apiService,
    }],
  })

  const all = datasets.map((d) => d.iri)
  const services: DataService[] = [
    {
      iri: apiService,
      title: { es: 'API de datos abiertos de redcti', en: 'redcti open-data API' },
      description: {
        es: 'API JSON (también JSON-LD y CSV) con filtros, búsqueda de texto, cursores, feed de cambios (since=) y volcados masivos.',
        en: 'JSON API (JSON-LD and CSV too) with filters, full-text search, cursors, a change feed (since=) and bulk dumps.',
      },
      endpointUrl: `${base}/api/v1`,
      endpointDescription: `${base}/openapi.json`,
      conformsTo: OPENAPI_3_1,
      servesDatasets: all,
    },
    {
      iri: oaiService,
      title: { es: 'Proveedor de datos OAI-PMH de redcti', en: 'redcti OAI-PMH data provider' },
      description: {
        es: 'OAI-PMH 2.0 con oai_dc y oai_openaire (y cerif_perucris), conjuntos por institución y por tipo.',
        en: 'OAI-PMH 2.0 with oai_dc and oai_openaire (and cerif_perucris), sets by institution and by type.',
      },
      endpointUrl: `${base}/oai`,
      endpointDescription: `${base}/oai?verb=Identify`,
      conformsTo: OAI_PMH_2,
      servesDatasets: datasets.filter((d) => d.id.startsWith('outputs')).map((d) => d.iri),
    },
  ]

  return {
    iri: catalogIri,
    title: { es: 'redcti: datos abiertos de la Red Nacional de Información en CTI', en: 'redcti: open data of Peru\'s National Network of Information in STI' },
    description: {
      es: 'Catálogo de lo que redcti publica: el agregado de la producción científica peruana y sus partes por institución y por tipo, los planes de gestión de datos, las entidades CRIS y los indicadores, con volcados NDJSON y CSV y una API.',
      en: 'Catalog of what redcti publishes: the aggregate of Peruvian research outputs and its parts by institution and by type, data management plans, CRIS entities and indicators, with NDJSON and CSV dumps and an API.',
    },
    homepage: docs,
    publisher: { iri: at('publisher'), name: settings.publisherName, homepage: settings.publisherHomepage, type: NATIONAL_AUTHORITY },
    contact: { iri: at('contact'), name: settings.contactName, email: settings.contactEmail, url: docs },
    licence: {
      iri: CC_BY_4,
      label: 'CC BY 4.0',
      rights: {
        es: 'CC BY 4.0 se aplica al agregado de metadatos (los registros tal como redcti los normaliza); cada obra descrita conserva su propia licencia, indicada en el registro.',
        en: 'CC BY 4.0 applies to the metadata aggregate (the records as redcti normalizes them); each work described keeps its own licence, stated in its record.',
      },
    },
    modified: facts.modified,
    datasets,
    services,
    documents: { dataJson: `${base}/data.json`, jsonld: `${base}/catalog.jsonld`, turtle: `${base}/catalog.ttl` },
  }
}
