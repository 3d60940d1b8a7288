// A deterministic synthetic DSpace-like repository of any size whose records are built on demand, page by page.
import type { Granularity } from '../../harvesters/types.ts'
import { escapeXml } from '../../src/demo/oai-xml.ts'
import {
  isInSet, type RecordFilter, type RecordSource, type ReplayRecord, type ReplaySet, type SourcedRepository,
} from '../../src/demo/replay-repository.ts'

export interface SyntheticOptions {
  records: number
  /** Changes every record's content and datestamp; the same (seed, index) always gives the same record. */
  seed?: number
  /** Every Nth record is a tombstone (default 20, i.e. 5 %); 0 for none. */
  deletedEvery?: number
  granularity?: Granularity
  deletedRecord?: 'no' | 'transient' | 'persistent'
  repositoryName?: string
}

/** The lazy record source, with a counter that shows how many records were ever built. */
export interface SyntheticSource extends RecordSource {
  readonly size: number
  /** Records built so far (a page of a million-record list builds one page, not a million). */
  built: number
  record(index: number): ReplayRecord
}

export interface SyntheticRepository extends SourcedRepository {
  records: SyntheticSource
}

export const syntheticIdentifierPrefix = 'oai:synthetic.redcti.test:20.500.12345/'

/*
 * Datestamps and order. The list is in index order. Index i falls in block floor(i / 100); block b
 * covers the six hours from 2015-01-01T00:00:00Z + 6 h × b, and i's second inside it is a hash of
 * (seed, i). So datestamps are not in identifier order (anchors-harvest §4 case 64), yet a from/until
 * range maps to a run of whole blocks plus two partial blocks scanned record by record: filtering is
 * exact and costs O(block) per request, not O(N). A million records span about 6.8 years.
 */
const blockSize = 100
const blockSeconds = 6 * 3600
const epochStart = Date.UTC(2015, 0, 1) / 1000

/*
 * Sets: record i belongs to collection i mod 12, `com_<c mod 4>:col_<c>`, and to `driver` when c is even.
 * Set filters are therefore residue classes, counted arithmetically over any index range.
 */
const collectionCount = 12
const communityNames = ['Facultad de Ciencias e Ingeniería', 'Facultad de Ciencias Sociales', 'Facultad de Medicina', 'Escuela de Posgrado']

export function syntheticSetSpecs(index: number): string[] {
  const c = index % collectionCount
  const specs = [`com_${c % 4}:col_${c}`]
  if (c % 2 === 0) specs.push('driver')
  return specs
}

export function syntheticSets(): ReplaySet[] {
  const sets: ReplaySet[] = communityNames.map((name, a) => ({ setSpec: `com_${a}`, setName: name }))
  for (let c = 0; c < collectionCount; c++) sets.push({ setSpec: `com_${c % 4}:col_${c}`, setName: `Colección ${c + 1} de ${communityNames[c % 4]}` })
  sets.push({ setSpec: 'driver', setName: 'Open Access DRIVERset' })
  return sets
}

export function syntheticRepository(options: SyntheticOptions): SyntheticRepository {
  const deletedRecord = options.deletedRecord ?? 'persistent'
  const source = syntheticSource(options.records, options.seed ?? 1, deletedRecord === 'no' ? 0 : options.deletedEvery ?? 20)
  return {
    repositoryName: options.repositoryName ?? `Repositorio sintético (${options.records} registros)`,
    earliestDatestamp: '2015-01-01T00:00:00Z',
    granularity: options.granularity ?? 'YYYY-MM-DDThh:mm:ssZ',
    deletedRecord,
    formats: [{ metadataPrefix: 'oai_dc', schema: 'http://www.openarchives.org/OAI/2.0/oai_dc.xsd', metadataNamespace: 'http://www.openarchives.org/OAI/2.0/oai_dc/' }],
    sets: syntheticSets(),
    adminEmails: ['repositorio@synthetic.redcti.test'],
    records: source,
  }
}

/** Epoch seconds of record i's datestamp: its block's window plus a per-record hash. */
export function syntheticEpochSeconds(index: number, seed: number): number {
  return epochStart + Math.floor(index / blockSize) * blockSeconds + (hash32(seed, index, 0x5eed) % blockSeconds)
}

export function syntheticDatestamp(index: number, seed: number): string {
  return new Date(syntheticEpochSeconds(index, seed) * 1000).toISOString().slice(0, 19) + 'Z'
}

function syntheticSource(size: number, seed: number, deletedEvery: number): SyntheticSource {
  const isDeleted = (i: number) => deletedEvery > 0 && i % deletedEvery === deletedEvery - 1
  const source: SyntheticSource = {
    size,
    built: 0,
    record(index) {
      source.built++
      return syntheticRecord(index, seed, isDeleted(index))
    },
    count: (filter) => indexList(filter).count,
    slice(filter, offset, limit) {
      return indexList(filter).slice(offset, limit).map((i) => source.record(i))
    },
    get(identifier) {
      if (!identifier.startsWith(syntheticIdentifierPrefix)) return undefined
      const rest = identifier.slice(syntheticIdentifierPrefix.length)
      if (!/^(0|[1-9]\d*)$/.test(rest)) return undefined
      const index = Number(rest)
      return index < size ? source.record(index) : undefined
    },
  }

  function indexList(filter: RecordFilter): IndexList {
    if (filter.metadataPrefix !== 'oai_dc' || size === 0) return emptyList
    // The residue classes that pass the set and deletion tests, over one period of both cycles.
    const period = !filter.includeDeleted && deletedEvery > 0 ? lcm(collectionCount, deletedEvery) : collectionCount
    const residues: number[] = []
    for (let r = 0; r < period; r++) {
      if (filter.set !== undefined && !isInSet(syntheticSetSpecs(r), filter.set)) continue
      if (!filter.includeDeleted && isDeleted(r)) continue
      residues.push(r)
    }
    if (residues.length === 0) return emptyList
    const from = filter.from === undefined ? undefined : Date.parse(filter.from) / 1000
    const until = filter.until === undefined ? undefined : Date.parse(filter.until) / 1000
    const firstBlock = from === undefined ? 0 : Math.max(0, Math.floor((from - epochStart) / blockSeconds))
    const lastBlock = Math.min(Math.floor((size - 1) / blockSize), until === undefined ? Infinity : Math.floor((until - epochStart) / blockSeconds))
    if (lastBlock < firstBlock) return emptyList
    const passes = (i: number) => {
      if (!residues.includes(i % period)) return false
      const t = syntheticEpochSeconds(i, seed)
      return (from === undefined || t >= from) && (until === undefined || t <= until)
    }
    const scan = (block: number) => {
      const found: number[] = []
      for (let i = block * blockSize; i < Math.min(size, (block + 1) * blockSize); i++) if (passes(i)) found.push(i)
      return found
    }
    // Whole blocks strictly inside the range need no date test; the end blocks are scanned.
    const head = from !== undefined || firstBlock === lastBlock ? scan(firstBlock) : []
    const tail = firstBlock !== lastBlock && until !== undefined ? scan(lastBlock) : []
    const middleStart = (head.length > 0 || from !== undefined || firstBlock === lastBlock ? firstBlock + 1 : firstBlock) * blockSize
    const middleEnd = Math.min(size, (until !== undefined && firstBlock !== lastBlock ? lastBlock : lastBlock + 1) * blockSize)
    return concatLists(explicitList(head), periodicList(Math.min(middleStart, middleEnd), middleEnd, period, residues), explicitList(tail))
  }
  return source
}

/** A list of record indices that can be counted and sliced without being materialised. */
interface IndexList {
  count: number
  slice(offset: number, limit: number): number[]
}

const emptyList: IndexList = { count: 0, slice: () => [] }

function explicitList(indices: number[]): IndexList {
  return { count: indices.length, slice: (offset, limit) => indices.slice(offset, offset + limit) }
}

/** The indices in [start, end) whose residue modulo `period` is in `residues` (sorted). */
function periodicList(start: number, end: number, period: number, residues: number[]): IndexList {
  const below = (x: number) => Math.floor(x / period) * residues.length + residues.filter((r) => r < x % period).length
  const before = below(start)
  const count = Math.max(0, below(end) - before)
  return {
    count,
    slice(offset, limit) {
      const out: number[] = []
      for (let k = offset; k < Math.min(count, offset + limit); k++) {
        const n = before + k
        out.push(Math.floor(n / residues.length) * period + residues[n % residues.length]!)
      }
      return out
    },
  }
}

function concatLists(...lists: IndexList[]): IndexList {
  return {
    count: lists.reduce((sum, l) => sum + l.count, 0),
    slice(offset, limit) {
      const out: number[] = []
      for (const list of lists) {
        if (out.length >= limit) break
        if (offset >= list.count) {
          offset -= list.count
          continue
        }
        out.push(...list.slice(offset, limit - out.length))
        offset = 0
      }
      return out
    },
  }
}

function lcm(a: number, b: number): number {
  const gcd = (x: number, y: number): number => (y === 0 ? x : gcd(y, x % y))
  return (a / gcd(a, b)) * b
}

/** A 32-bit mix of (seed, index, salt); the same inputs give the same number on every platform. */
function hash32(seed: number, index: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35) ^ salt
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

function random(seed: number, index: number): () => number {
  let state = hash32(seed, index, 0xc0ffee)
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const topics = ['Análisis de la calidad del agua', 'Evaluación del impacto económico', 'Caracterización genética', 'Percepción ciudadana',
  'Modelamiento hidrológico', 'Efecto de la suplementación con hierro', 'Gestión de residuos sólidos', 'Diseño de un sistema de riego',
  'Prevalencia de anemia', 'Políticas públicas de ciencia y tecnología', 'Estrategias de comprensión lectora', 'Conservación de la papa nativa']
const subjectsOf = ['niños', 'comunidades campesinas', 'la quinua', 'pequeñas empresas', 'docentes rurales', 'la alpaca', 'estudiantes universitarios', 'municipalidades']
const places = ['Cusco', 'Puno', 'Arequipa', 'Lima Metropolitana', 'Loreto', 'Cajamarca', 'Piura', 'Áncash', 'Junín', 'San Martín', 'Ayacucho', 'Huánuco']
const familyNames = ['Quispe', 'Mamani', 'Huamán', 'Flores', 'Rodríguez', 'Sánchez', 'García', 'Chávez', 'Ramírez', 'Túpac', 'Núñez', 'Castañeda', 'Ñahui', 'Vásquez']
const givenNames = ['José Luis', 'María Elena', 'Ángel', 'Rocío', 'Jesús', 'Inés', 'Raúl', 'Sofía', 'Martín', 'Lucía', 'Héctor', 'Begoña']
const keywords = ['Investigación aplicada', 'Salud pública', 'Educación intercultural', 'Biodiversidad', 'Cambio climático', 'Economía regional',
  'Minería', 'Agricultura andina', 'Innovación tecnológica', 'Gobernanza', 'Nutrición', 'Recursos hídricos']
const fords = ['1.05.01', '1.06.13', '2.07.01', '3.03.07', '4.01.01', '5.02.04', '5.03.01', '6.02.01', '2.11.01', '3.02.27']
const publishers = ['Universidad Nacional Mayor de San Marcos', 'Pontificia Universidad Católica del Perú', 'Universidad Nacional de San Agustín de Arequipa',
  'Universidad Nacional de Ingeniería', 'Universidad Peruana Cayetano Heredia', 'Universidad Nacional del Altiplano']
const types = ['info:eu-repo/semantics/bachelorThesis', 'info:eu-repo/semantics/masterThesis', 'info:eu-repo/semantics/article', 'info:eu-repo/semantics/doctoralThesis']
const sentences = [
  'La presente investigación tuvo como objetivo determinar la relación entre las variables de estudio en una muestra representativa.',
  'Se empleó un diseño no experimental, de corte transversal y enfoque cuantitativo, con instrumentos validados por juicio de expertos.',
  'Los resultados evidencian diferencias estadísticamente significativas (p < 0,05) entre los grupos comparados durante el periodo de análisis.',
  'Asimismo, se identificó que la participación de la población local es determinante para la sostenibilidad de las intervenciones.',
  'El análisis cualitativo, basado en entrevistas semiestructuradas, permitió reconocer percepciones y prácticas tradicionales de la región.',
  'Se concluye que es necesario fortalecer las capacidades institucionales y la articulación entre el Estado, la academia y la sociedad civil.',
  'Finalmente, se proponen recomendaciones orientadas a la formulación de políticas públicas basadas en evidencia para el Perú.',
  'La información fue procesada con software estadístico y contrastada con la literatura científica nacional e internacional.',
]

export function syntheticRecord(index: number, seed: number, deleted: boolean): ReplayRecord {
  const identifier = syntheticIdentifierPrefix + index
  const header = { identifier, datestamp: syntheticDatestamp(index, seed), setSpecs: syntheticSetSpecs(index) }
  if (deleted) return { ...header, deleted: true, formats: {} }
  return { ...header, deleted: false, formats: { oai_dc: syntheticOaiDc(index, seed) } }
}

function syntheticOaiDc(index: number, seed: number): string {
  const rand = random(seed, index)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const year = 2005 + Math.floor(rand() * 20)
  const month = String(1 + Math.floor(rand() * 12)).padStart(2, '0')
  const day = String(1 + Math.floor(rand() * 28)).padStart(2, '0')
  const place = pick(places)
  const lines: string[] = []
  const el = (name: string, value: string) => lines.push(`<dc:${name}>${escapeXml(value)}</dc:${name}>`)
  el('title', `${pick(topics)} en ${pick(subjectsOf)} de ${place}, ${year}`)
  const creators = 1 + Math.floor(rand() * 4)
  for (let k = 0; k < creators; k++) el('creator', `${pick(familyNames)} ${pick(familyNames)}, ${pick(givenNames)}`)
  el('contributor', `${pick(familyNames)} ${pick(familyNames)}, ${pick(givenNames)}`)
  for (let k = 0; k < 3; k++) el('subject', pick(keywords))
  el('subject', `https://purl.org/pe-repo/ocde/ford#${pick(fords)}`)
  let abstract = ''
  while (abstract.length < 1100) abstract += (abstract ? ' ' : '') + pick(sentences)
  el('description', `${abstract} Estudio realizado en ${place} (registro ${index}).`)
  el('date', `${year}-${month}-${day}T15:${month}:${day}Z`)
  el('date', `${year}-${month}-${day}`)
  el('type', pick(types))
  el('type', 'info:eu-repo/semantics/publishedVersion')
  el('identifier', `https://hdl.handle.net/20.500.12345/${index}`)
  el('identifier', `https://doi.org/10.12345/redcti.${index}`)
  el('language', 'spa')
  el('publisher', pick(publishers))
  el('publisher', 'PE')
  el('rights', rand() < 0.9 ? 'info:eu-repo/semantics/openAccess' : 'info:eu-repo/semantics/embargoedAccess')
  el('rights', 'https://creativecommons.org/licenses/by/4.0/')
  el('format', 'application/pdf')
  return (
    '<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ http://www.openarchives.org/OAI/2.0/oai_dc.xsd">\n' +
    lines.join('\n') + '\n</oai_dc:dc>'
  )
}
