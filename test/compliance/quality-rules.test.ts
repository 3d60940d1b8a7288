// The quality rules on real records: each rule passes at least one and fails at least one, the failing ones real where
// a real record fails and otherwise derived from a real mapping (the test name says what was changed, and where).
// An element with no readable value at all is the presence rule's to report, not the vocabulary rule's: those cases
// are tested once, by the presence rule, in "one problem, one finding".
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { pucpTheses } from '../support/pucp-theses.ts'
import { describe, expect, it } from 'vitest'
import { parsePage } from '../../harvesters/oai-pmh/parse-page.ts'
import { checkRecord } from '../../src/compliance/check-record.ts'
import { ruleById, rules } from '../../src/compliance/index.ts'
import { qualityRules } from '../../src/compliance/rules/quality-rules.ts'
import type { Rule, RuleHit } from '../../src/compliance/types.ts'
import type { MappingIssue, ResearchOutput } from '../../src/model/index.ts'
import { dspaceDim } from '../../src/normalize/dspace-dim.ts'
import { dspaceXoai } from '../../src/normalize/dspace-xoai.ts'
import { mapOaiDc } from '../../src/normalize/oai-dc.ts'
import { oaiOpenaire } from '../../src/normalize/oai-openaire.ts'
import type { InputFormat, RawInput } from '../../src/normalize/types.ts'
import { realOai } from '../support/fixtures.ts'

// ─── real records, mapped by the project's own mappers ──────────────────────

interface Mapped {
  entity: ResearchOutput
  issues: MappingIssue[]
}

function mapWith(format: InputFormat | ((input: RawInput) => ReturnType<InputFormat['map']>), input: RawInput): Mapped {
  const result = typeof format === 'function' ? format(input) : format.map(input)
  if (!result.ok) throw new Error(`${input.oaiIdentifier}: ${result.error}`)
  return { entity: result.entities[0] as ResearchOutput, issues: result.issues }
}

/** CONICET's real ListRecords page (responseDate 2025-05-27), every live record as the harvester stores it. */
function conicetInputs(): RawInput[] {
  const parsed = parsePage(realOai('conicet-ar-listrecords-oai_dc.xml'))
  if (!parsed.ok) throw new Error(parsed.detail)
  return parsed.page.records.filter((r) => !r.deleted && r.metadata).map((r) => ({
    sourceId: 'conicet-ar', oaiIdentifier: r.identifier, datestamp: r.datestamp, harvestedAt: parsed.page.responseDate,
    metadataPrefix: 'oai_dc', metadata: r.metadata!, repositoryHost: 'ri.conicet.gov.ar',
  }))
}

const pucpInputs = () => pucpTheses()



const fromDocs = fileURLToPath(new URL('../normalize/fixtures/written-from-docs/', import.meta.url))

function docInput(name: string, metadataPrefix: 'xoai' | 'dim'): RawInput {
  return {
    sourceId: 'test-source', oaiIdentifier: `oai:repositorio.example.edu.pe:${name}`, datestamp: '2024-03-18T21:04:52Z',
    harvestedAt: '2024-04-01T00:00:00Z', metadataPrefix, metadata: readFileSync(`${fromDocs}${name}`, 'utf8'),
  }
}

function realXoaiInput(file: string): RawInput {
  return {
    sourceId: 'lareferencia', oaiIdentifier: `oai:lareferencia:${file}`, datestamp: '2024-01-01T00:00:00Z',
    harvestedAt: '2024-01-02T00:00:00Z', metadataPrefix: 'xoai', metadata: realOai(file),
  }
}

/** OpenAIRE's own sample journal article in oai_openaire (a guideline example, not a harvest: PROVENANCE.md). */
function openaireSampleInput(): RawInput {
  return {
    sourceId: 'openaire-sample', oaiIdentifier: 'oai:openaire-guidelines:sample-journalarticle', datestamp: '2024-01-01T00:00:00Z',
    harvestedAt: '2024-01-02T00:00:00Z', metadataPrefix: 'oai_openaire', metadata: realOai('openaire-guidelines-sample-journalarticle-oai_openaire.xml'),
  }
}

const conicet = conicetInputs()
const pucp = pucpInputs()

function byId(inputs: RawInput[], suffix: string): RawInput {
  const input = inputs.find((i) => i.oaiIdentifier.endsWith(suffix))
  if (!input) throw new Error(`no record ${suffix}`)
  return input
}

const raw = {
  /** CONICET journal article: handle, two ISSNs, a DOI, BECyT FORD subjects (Argentina's scheme, not CONCYTEC's). */
  conicetArticle: byId(conicet, ':11336/23263'),
  /** CONICET book with an ISBN. */
  conicetBook: byId(conicet, ':11336/116972'),
  /** PUCP bachelor thesis: open access, CC BY 2.5 Perú (a country port, no SPDX id), FORD in dc:subject. */
  pucpThesis: byId(pucp, ':20.500.12404/13443'),
  /** PUCP thesis marked embargoedAccess with no info:eu-repo/date/embargoEnd (the end, 2024-01-01, is a bare dc:date). */
  pucpEmbargoWithoutEnd: byId(pucp, ':20.500.12404/16724'),
  /** PUCP thesis whose dc:rights holds DSpace's licence error texts instead of a licence. */
  pucpLicenceError: byId(pucp, ':20.500.12404/22787'),
  xoaiThesis: docInput('a peruvian thesis in xoai with RENATI fields and an embargo.xml', 'xoai'),
  xoaiUnconfiguredHandle: docInput('an article in xoai with the unconfigured handle prefix 123456789 and an ISSN.xml', 'xoai'),
  dimDoctoralThesis: docInput('a peruvian doctoral thesis in dim with advisor ORCID and two jurors.xml', 'dim'),
  dimDataset: docInput('a dataset in dim with CONCYTEC sponsorship and a contract number.xml', 'dim'),
  /** Udelar (Uruguay) via LA Referencia: open access, "Licencia Creative Commons – Reconocimiento (CC BY)" with no version. */
  colibri: realXoaiInput('lareferencia-colibri-udelar-uy-datacite-xoai.xml'),
  /** Huelva (Spain) via LA Referencia: an ORCID appended after |||; open access and CC BY-NC-ND 3.0 ES in dc.rights. */
  huelva: realXoaiInput('lareferencia-testres-uhu-huelva-xoai.xml'),
  /** OpenAIRE's sample article: datacite:rights with the COAR open access URI. */
  openaireSample: openaireSampleInput(),
}

const formatOf = (input: RawInput) =>
  input.metadataPrefix === 'oai_dc' ? mapOaiDc : input.metadataPrefix === 'dim' ? dspaceDim : input.metadataPrefix === 'oai_openaire' ? oaiOpenaire : dspaceXoai
const mapped = (input: RawInput): Mapped => mapWith(formatOf(input), input)

/** The same real record with one piece of its source text replaced, mapped again (the mapper words the issue). */
function remapped(input: RawInput, from: string | RegExp, to: string): Mapped {
  const metadata = input.metadata.replace(from, to)
  if (metadata === input.metadata) throw new Error(`${input.oaiIdentifier}: ${String(from)} not found`)
  return mapped({ ...input, metadata })
}

/** A real record with values added to its source before the closing tag, mapped again. */
function withAdded(input: RawInput, closing: string, added: string): Mapped {
  return remapped(input, closing, `${added}${closing}`)
}

/** The mapped output of a real record, changed by hand. */
function derived(base: Mapped, change: (record: ResearchOutput) => void): Mapped {
  const entity = structuredClone(base.entity)
  change(entity)
  return { entity, issues: structuredClone(base.issues) }
}

// ─── running one rule ───────────────────────────────────────────────────────

const TODAY = '2025-06-01'
const EMBARGOED = 'http://purl.org/coar/access_right/c_f1cf'
const OPEN = 'http://purl.org/coar/access_right/c_abf2'
const RESTRICTED = 'http://purl.org/coar/access_right/c_16ec'
const METADATA_ONLY = 'http://purl.org/coar/access_right/c_14cb'

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/** What checkRecord does for one rule, on frozen input: a rule that mutates the record throws here. */
function run(rule: Rule, record: Mapped, today = TODAY): RuleHit[] {
  const entity = deepFreeze(structuredClone(record.entity))
  const issues = deepFreeze(structuredClone(record.issues))
  if (rule.appliesTo && !rule.appliesTo(entity)) return []
  return rule.check(entity, { today, issues })
}

// ─── fixtures: every rule passes one and fails one ──────────────────────────

interface Case {
  name: string
  record: () => Mapped
  today?: string
  /** For failing cases: the exact hits expected. */
  hits?: RuleHit[]
}

const fixtures: Record<string, { passes: Case[]; fails: Case[] }> = {
  'type-in-coar-vocabulary': {
    passes: [
      { name: 'PUCP thesis (info:eu-repo/semantics/bachelorThesis)', record: () => mapped(raw.pucpThesis) },
      { name: 'Colibri article (a COAR URI, "journal article" and "other")', record: () => mapped(raw.colibri) },
    ],
    // Only beside a type that could be read: a record with none is resource-type-missing's (see "one problem, one finding").
    // PUCP and CONICET cannot serve here: the oai_dc mapper notes an untranslated dc:type only when no dc:type translates.
    fails: [
      {
        name: 'Colibri article (real, via LA Referencia) remapped with an extra oaire:resourceType "Entrevista" beside its COAR journal article',
        record: () => withAdded(raw.colibri, '<element name="version">',
          '<element name="resourceType"><field name="value">Entrevista</field></element>\n        '),
        hits: [{ path: '/type', values: ['Entrevista'] }],
      },
      {
        name: 'xoai thesis remapped with an extra dc.type "Tesis de maestría (ejemplar)" beside its info:eu-repo/semantics/masterThesis',
        record: () => withAdded(raw.xoaiThesis, '<field name="value">info:eu-repo/semantics/masterThesis</field>',
          '<field name="value">Tesis de maestría (ejemplar)</field>\n        '),
        hits: [{ path: '/type', values: ['Tesis de maestría (ejemplar)'] }],
      },
    ],
  },

  'access-right-in-coar-vocabulary': {
    passes: [
      { name: 'CONICET article (info:eu-repo/semantics/openAccess)', record: () => mapped(raw.conicetArticle) },
      { name: 'Colibri article: openAccess beside the university\'s own terms, which are no access level', record: () => mapped(raw.colibri) },
    ],
    // Only beside an access level that could be read (or an access URI off the vocabulary): a record with none is
    // access-right-missing's (see "one problem, one finding"). Beside a readable level, an unreadable dc:rights text in
    // oai_dc or DSpace is a statement of conditions, not an attempt at a level, so only oai_openaire's datacite:rights
    // (which holds nothing but access levels) can show one: PUCP and CONICET cannot serve here.
    fails: [
      {
        name: 'OpenAIRE\'s sample article (a guideline example) remapped with an extra datacite:rights "Acceso libre en sala" beside its COAR open access',
        record: () => remapped(raw.openaireSample, '>open access</datacite:rights>',
          '>open access</datacite:rights>\n    <datacite:rights>Acceso libre en sala</datacite:rights>'),
        hits: [{ path: '/accessRight', values: ['Acceso libre en sala'] }],
      },
      {
        name: 'CONICET article (real) with the mapped access right changed to a COAR-looking URI off the vocabulary (…/c_abf3)',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.accessRight = { uri: 'http://purl.org/coar/access_right/c_abf3', label: 'open access' } }),
        hits: [{ path: '/accessRight', values: ['http://purl.org/coar/access_right/c_abf3'] }],
      },
    ],
  },

  'language-in-iso-639-3': {
    passes: [
      { name: 'PUCP thesis (spa)', record: () => mapped(raw.pucpThesis) },
      { name: 'xoai thesis (dc.language.iso spa)', record: () => mapped(raw.xoaiThesis) },
    ],
    fails: [
      {
        name: 'PUCP thesis (real) remapped with an extra dc:language "Castellano antiguo" beside its spa',
        record: () => withAdded(raw.pucpThesis, '</oai_dc:dc>', '<dc:language>Castellano antiguo</dc:language>'),
        hits: [{ path: '/languages', values: ['Castellano antiguo'] }],
      },
      {
        name: 'CONICET article with the mapped languages changed to the ISO 639-1 "es"',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.languages = ['es'] }),
        hits: [{ path: '/languages/0', values: ['es'] }],
      },
    ],
  },

  'ford-in-ocde-vocabulary': {
    passes: [
      { name: 'PUCP thesis (https://purl.org/pe-repo/ocde/ford#… in dc:subject)', record: () => mapped(raw.pucpThesis) },
      { name: 'dim dataset (dc.subject.ocde …ford#1.05.00)', record: () => mapped(raw.dimDataset) },
    ],
    fails: [
      {
        // Real: CONICET classifies with BECyT's FORD scheme (purl.org/becyt/ford/…), which is not CONCYTEC's.
        name: 'CONICET article, as harvested: BECyT FORD subjects',
        record: () => mapped(raw.conicetArticle),
      },
      {
        name: 'dim doctoral thesis remapped with dc.subject.ocde changed to ford#3.03.99',
        record: () => remapped(raw.dimDoctoralThesis, 'ford#3.03.00', 'ford#3.03.99'),
        hits: [{ path: '/ford', values: ['http://purl.org/pe-repo/ocde/ford#3.03.99'] }],
      },
    ],
  },

  'license-is-recognised': {
    passes: [
      { name: 'PUCP thesis: CC BY 2.5 Perú, a country port with no SPDX id', record: () => mapped(raw.pucpThesis) },
      { name: 'dim dataset: CC BY 4.0', record: () => mapped(raw.dimDataset) },
    ],
    fails: [
      {
        name: 'Colibri article, as harvested: "Licencia Creative Commons – Reconocimiento (CC BY)" names no version',
        record: () => mapped(raw.colibri),
        hits: [{ path: '/license/uri', values: ['https://creativecommons.org/licenses/by/'] }],
      },
      {
        // Beside a licence that could be read; with none, license-missing reports the values (PUCP 20.500.12404/22787).
        // Not PUCP or CONICET: oai_dc has no dc.rights.uri of its own, and an unreadable dc:rights text beside a readable
        // licence is taken for a statement of conditions.
        name: 'Huelva thesis (real, via LA Referencia) remapped with an added dc.rights.uri institutional page beside its CC BY-NC-ND 3.0 ES',
        record: () => remapped(raw.huelva, '<element name="rights">',
          '<element name="rights"><element name="uri"><element name="none"><field name="value">https://repositorio.example.es/licencia-de-deposito</field></element></element>'),
        hits: [{ path: '/license', values: ['https://repositorio.example.es/licencia-de-deposito'] }],
      },
    ],
  },

  'renati-terms-in-vocabulary': {
    passes: [
      { name: 'xoai thesis (renati level#maestro, type#tesis)', record: () => mapped(raw.xoaiThesis) },
      { name: 'dim doctoral thesis (renati level#doctor, type#tesis)', record: () => mapped(raw.dimDoctoralThesis) },
    ],
    fails: [
      {
        name: 'dim doctoral thesis remapped with renati.level changed to "Diplomado"',
        record: () => remapped(raw.dimDoctoralThesis, 'https://purl.org/pe-repo/renati/level#doctor', 'Diplomado'),
        hits: [{ path: '/thesis/level', values: ['Diplomado'] }],
      },
      {
        name: 'xoai thesis with the mapped renatiType changed to a term outside the vocabulary',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.thesis!.renatiType = { uri: 'https://purl.org/pe-repo/renati/type#monografia', label: 'Monografía' } }),
        hits: [{ path: '/thesis/renatiType', values: ['https://purl.org/pe-repo/renati/type#monografia'] }],
      },
    ],
  },

  'doi-well-formed': {
    passes: [
      { name: 'CONICET article (10.1111/aec.12336)', record: () => mapped(raw.conicetArticle) },
      { name: 'dim dataset (https://doi.org/10.99999/EJEMPLO.DATOS.2023.001)', record: () => mapped(raw.dimDataset) },
    ],
    fails: [
      {
        name: 'xoai article remapped with dc.identifier.doi changed to "https://doi.org/10.99999" (no suffix)',
        record: () => remapped(raw.xoaiUnconfiguredHandle, '10.99999/REJ.V12I2.345', 'https://doi.org/10.99999'),
        hits: [{ path: '/identifiers', values: ['https://doi.org/10.99999'] }],
      },
      {
        name: 'CONICET article with the mapped DOI changed to lose its slash',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.identifiers.find((i) => i.type === 'doi')!.value = '10.1111aec.12336' }),
      },
    ],
  },

  'issn-check-digit': {
    passes: [
      { name: 'CONICET article (ISSN 1442-9985 and 1442-9993)', record: () => mapped(raw.conicetArticle) },
      { name: 'xoai article (dc.identifier.issn and urn:issn:1727-558X)', record: () => mapped(raw.xoaiUnconfiguredHandle) },
    ],
    fails: [
      {
        name: 'CONICET article with the mapped ISSN 1442-9985 changed to 1442-9986',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.identifiers.find((i) => i.value === '1442-9985')!.value = '1442-9986' }),
      },
      {
        name: 'CONICET article remapped with an added dc:relation urn:issn:1442-9986',
        record: () => withAdded(raw.conicetArticle, '</oai_dc:dc>', '<dc:relation>urn:issn:1442-9986</dc:relation>'),
      },
      {
        name: 'xoai article remapped with dc.identifier.issn changed to "1727-558" (a digit short)',
        record: () => remapped(raw.xoaiUnconfiguredHandle, '<field name="value">1727-558X</field>', '<field name="value">1727-558</field>'),
        hits: [{ path: '/identifiers', values: ['1727-558'] }],
      },
    ],
  },

  'isbn-check-digit': {
    passes: [{ name: 'CONICET book (ISBN 9789503407059)', record: () => mapped(raw.conicetBook) }],
    fails: [
      {
        name: 'CONICET book with the mapped ISBN\'s check digit changed',
        record: () => derived(mapped(raw.conicetBook), (r) => { r.identifiers.find((i) => i.type === 'isbn')!.value = '9789503407058' }),
      },
      {
        name: 'CONICET book remapped with an added dc:identifier "ISBN 978-950-34-0705-8"',
        record: () => withAdded(raw.conicetBook, '</oai_dc:dc>', '<dc:identifier>ISBN 978-950-34-0705-8</dc:identifier>'),
      },
    ],
  },

  'orcid-checksum': {
    passes: [
      { name: 'Huelva thesis: the ORCID LA Referencia appends after |||', record: () => mapped(raw.huelva) },
      { name: 'xoai thesis: author ORCID in the authority, renati.advisor.orcid', record: () => mapped(raw.xoaiThesis) },
    ],
    fails: [
      {
        // Written from the docs with a wrong check digit on purpose (0000-0002-1825-0097 is ORCID's own example).
        name: 'dim doctoral thesis, as written: the author authority ORCID 0000-0002-1825-0098',
        record: () => mapped(raw.dimDoctoralThesis),
        hits: [{ path: '/creators', values: ['0000-0002-1825-0098'] }],
      },
      {
        name: 'PUCP thesis remapped with an ORCID of wrong check digit appended to its dc:contributor',
        record: () => remapped(raw.pucpThesis, /(<dc:contributor>[^<]+)(<\/dc:contributor>)/, '$1 https://orcid.org/0000-0002-1694-2330$2'),
        hits: [{ path: '/contributors/0/orcid', values: ['0000-0002-1694-2330'] }],
      },
      {
        name: 'xoai thesis with the mapped advisor ORCID changed to fail its check digit',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.contributors[0]!.orcid = '0000-0002-1694-2330' }),
        hits: [{ path: '/contributors/0/orcid', values: ['0000-0002-1694-2330'] }],
      },
    ],
  },

  'handle-prefix-configured': {
    passes: [
      { name: 'CONICET article (hdl 11336/23263)', record: () => mapped(raw.conicetArticle) },
      { name: 'xoai thesis (hdl 20.500.12759/99901)', record: () => mapped(raw.xoaiThesis) },
    ],
    fails: [{
      name: 'xoai article, as written: http://hdl.handle.net/123456789/1234',
      record: () => mapped(raw.xoaiUnconfiguredHandle),
      hits: [{ path: '/identifiers/0', values: ['123456789/1234'] }],
    }],
  },

  'embargo-has-end-date': {
    passes: [
      { name: 'xoai thesis: embargoedAccess with dc.date.embargoEnd 2025-05-10', record: () => mapped(raw.xoaiThesis) },
      { name: 'PUCP thesis: open access', record: () => mapped(raw.pucpThesis) },
    ],
    fails: [
      {
        name: 'PUCP hdl 20.500.12404/16724, as harvested: embargoedAccess, no info:eu-repo/date/embargoEnd',
        record: () => mapped(raw.pucpEmbargoWithoutEnd),
        hits: [{ path: '/embargoEnd', values: [EMBARGOED] }],
      },
      {
        name: 'xoai thesis remapped without its dc.date.embargoEnd element',
        record: () => remapped(raw.xoaiThesis, /<element name="embargoEnd">[\s\S]*?<\/element>\s*<\/element>/, ''),
        hits: [{ path: '/embargoEnd', values: [EMBARGOED] }],
      },
      {
        name: 'dim dataset with an embargoed file and no end date added to the mapped output',
        record: () => derived(mapped(raw.dimDataset), (r) => {
          r.files = [{ url: 'https://repositorio.example.edu.pe/bitstream/20.500.12759/99977/1/caudales.csv', name: 'caudales.csv', access: { uri: EMBARGOED, label: 'embargoed access' } }]
        }),
        hits: [{ path: '/files/0/embargoEnd', values: ['caudales.csv'] }],
      },
    ],
  },

  'embargo-end-not-passed': {
    passes: [
      { name: 'xoai thesis (embargo to 2025-05-10) checked on 2025-01-01', record: () => mapped(raw.xoaiThesis), today: '2025-01-01' },
      { name: 'xoai thesis checked on 2025-05-10, the day the embargo ends', record: () => mapped(raw.xoaiThesis), today: '2025-05-10' },
    ],
    fails: [
      {
        name: 'xoai thesis checked on 2025-06-01: the embargo ended on 2025-05-10 and dc.rights still says embargoed',
        record: () => mapped(raw.xoaiThesis), today: '2025-06-01',
        hits: [{ path: '/accessRight', values: [EMBARGOED, '2025-05-10'] }],
      },
      {
        name: 'xoai thesis with its mapped file marked embargoed, checked on 2025-06-01',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.files[0]!.access = { uri: EMBARGOED, label: 'embargoed access' } }),
        today: '2025-06-01',
        hits: [{ path: '/accessRight', values: [EMBARGOED, '2025-05-10'] }, { path: '/files/0/access', values: ['Huaman_tl.pdf', '2025-05-10'] }],
      },
    ],
  },

  'embargo-end-without-embargo': {
    passes: [
      { name: 'xoai thesis: embargoed, with its end date', record: () => mapped(raw.xoaiThesis) },
      {
        name: 'xoai thesis with the mapped access changed to open, checked on 2025-06-01: an embargo lifted, its date kept',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.accessRight = { uri: OPEN, label: 'open access' } }),
        today: '2025-06-01',
      },
    ],
    fails: [
      {
        name: 'xoai thesis with the mapped access changed to open, checked on 2025-01-01: the end is still ahead',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.accessRight = { uri: OPEN, label: 'open access' } }),
        today: '2025-01-01',
        hits: [{ path: '/embargoEnd', values: ['2025-05-10', OPEN] }],
      },
      {
        name: 'CONICET article with the mapped access restricted and an embargo end added',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.accessRight = { uri: RESTRICTED, label: 'restricted access' }; r.embargoEnd = '2024-12-31' }),
        hits: [{ path: '/embargoEnd', values: ['2024-12-31', RESTRICTED] }],
      },
    ],
  },

  'embargo-end-plausible': {
    passes: [
      { name: 'xoai thesis (end 2025-05-10)', record: () => mapped(raw.xoaiThesis) },
      {
        name: 'xoai thesis with the mapped end changed to 2034-05-10, checked on 2025-06-01 (within ten years)',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.embargoEnd = '2034-05-10' }),
        today: '2025-06-01',
      },
    ],
    fails: [
      {
        name: 'xoai thesis with the mapped end changed to 2034-05-10, checked on 2024-01-01 (more than ten years)',
        record: () => derived(mapped(raw.xoaiThesis), (r) => { r.embargoEnd = '2034-05-10' }),
        today: '2024-01-01',
        hits: [{ path: '/embargoEnd', values: ['2034-05-10'] }],
      },
      {
        name: 'xoai thesis remapped with dc.date.embargoEnd typed as 2205-05-10',
        record: () => remapped(raw.xoaiThesis, '<field name="value">2025-05-10</field>', '<field name="value">2205-05-10</field>'),
        hits: [{ path: '/embargoEnd', values: ['2205-05-10'] }],
      },
    ],
  },

  'issued-date-plausible': {
    passes: [
      { name: 'CONICET article (2016-02)', record: () => mapped(raw.conicetArticle) },
      {
        name: 'CONICET article with the mapped issued changed to 2027, checked on 2026-03-01 (within a year)',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.issued = '2027' }),
        today: '2026-03-01',
      },
    ],
    fails: [
      {
        name: 'CONICET article with the mapped issued changed to 2027, checked on 2025-06-01 (more than a year ahead)',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.issued = '2027' }),
        today: '2025-06-01',
        hits: [{ path: '/issued', values: ['2027'] }],
      },
      {
        name: 'xoai thesis remapped with dc.date.issued typed as 1023-05-10',
        record: () => remapped(raw.xoaiThesis, '<field name="value">2023-05-10</field>', '<field name="value">1023-05-10</field>'),
        hits: [{ path: '/issued', values: ['1023-05-10'] }],
      },
    ],
  },

  'dates-well-formed': {
    passes: [
      { name: 'PUCP thesis (dc:date timestamps, 2019-12, day dates)', record: () => mapped(raw.pucpThesis) },
      { name: 'xoai thesis (dc.date.issued 2023-05-10, dc.date.embargoEnd 2025-05-10)', record: () => mapped(raw.xoaiThesis) },
    ],
    fails: [
      {
        name: 'PUCP thesis (real) remapped with an added dc:date "10/05/2019" beside its readable dates',
        record: () => withAdded(raw.pucpThesis, '</oai_dc:dc>', '<dc:date>10/05/2019</dc:date>'),
        hits: [{ path: '/issued', values: ['10/05/2019'] }],
      },
      {
        name: 'xoai thesis remapped with dc.date.embargoEnd typed as "10 de mayo de 2025"',
        record: () => remapped(raw.xoaiThesis, '<field name="value">2025-05-10</field>', '<field name="value">10 de mayo de 2025</field>'),
        hits: [{ path: '/embargoEnd', values: ['10 de mayo de 2025'] }],
      },
    ],
  },

  'dataset-files-open-format': {
    passes: [
      { name: 'dim dataset as written (dim carries no files)', record: () => mapped(raw.dimDataset) },
      {
        name: 'dim dataset with a CSV file added to the mapped output',
        record: () => derived(mapped(raw.dimDataset), (r) => { r.files = [csvFile] }),
      },
      { name: 'xoai thesis with a PDF: not a dataset', record: () => mapped(raw.xoaiThesis) },
    ],
    fails: [{
      name: 'dim dataset with a CSV and an XLSX file added to the mapped output',
      record: () => derived(mapped(raw.dimDataset), (r) => { r.files = [csvFile, xlsxFile] }),
      hits: [{ path: '/files/1', values: ['caudales.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] }],
    }],
  },

  'dataset-files-have-format': {
    passes: [{
      name: 'dim dataset with a CSV file added to the mapped output',
      record: () => derived(mapped(raw.dimDataset), (r) => { r.files = [csvFile] }),
    }],
    fails: [{
      name: 'dim dataset with a file of DSpace format "Unknown" (application/octet-stream, no extension) added to the mapped output',
      record: () => derived(mapped(raw.dimDataset), (r) => {
        r.files = [csvFile, { url: 'https://repositorio.example.edu.pe/bitstream/20.500.12759/99977/3/caudales', name: 'caudales', mimeType: 'application/octet-stream' }]
      }),
      hits: [{ path: '/files/1', values: ['caudales', 'application/octet-stream'] }],
    }],
  },

  'dataset-open-or-justified': {
    passes: [
      { name: 'dim dataset as written (open access)', record: () => mapped(raw.dimDataset) },
      {
        name: 'dim dataset remapped as restrictedAccess with the reason stated in a second dc.rights',
        record: () => remapped(raw.dimDataset, '<dim:field mdschema="dc" element="rights">info:eu-repo/semantics/openAccess</dim:field>',
          '<dim:field mdschema="dc" element="rights">info:eu-repo/semantics/restrictedAccess</dim:field>' +
          '<dim:field mdschema="dc" element="rights">Contiene datos personales de pacientes</dim:field>'),
      },
      {
        name: 'dim dataset with the mapped access changed to restricted and an accessReason set',
        record: () => derived(mapped(raw.dimDataset), (r) => {
          r.accessRight = { uri: RESTRICTED, label: 'restricted access' }
          r.accessReason = 'Contiene datos personales de pacientes'
        }),
      },
      {
        name: 'dim dataset with the mapped access changed to embargoed until 2026-12-31',
        record: () => derived(mapped(raw.dimDataset), (r) => { r.accessRight = { uri: EMBARGOED, label: 'embargoed access' }; r.embargoEnd = '2026-12-31' }),
      },
      {
        name: 'CONICET article with the mapped access restricted: not a dataset',
        record: () => derived(mapped(raw.conicetArticle), (r) => { r.accessRight = { uri: RESTRICTED, label: 'restricted access' } }),
      },
    ],
    fails: [
      {
        name: 'dim dataset remapped with dc.rights changed to restrictedAccess and no reason',
        record: () => remapped(raw.dimDataset, 'info:eu-repo/semantics/openAccess', 'info:eu-repo/semantics/restrictedAccess'),
        hits: [{ path: '/accessRight', values: [RESTRICTED] }],
      },
      {
        name: 'dim dataset remapped with dc.rights changed to closedAccess (metadata only) and no reason',
        record: () => remapped(raw.dimDataset, 'info:eu-repo/semantics/openAccess', 'info:eu-repo/semantics/closedAccess'),
        hits: [{ path: '/accessRight', values: [METADATA_ONLY] }],
      },
    ],
  },
}

const csvFile = {
  url: 'https://repositorio.example.edu.pe/bitstream/20.500.12759/99977/1/caudales.csv', name: 'caudales.csv', mimeType: 'text/csv',
}
const xlsxFile = {
  url: 'https://repositorio.example.edu.pe/bitstream/20.500.12759/99977/2/caudales.xlsx', name: 'caudales.xlsx',
  mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

// ─── the rules, one by one ──────────────────────────────────────────────────

const ruleOf = (id: string): Rule => {
  const rule = qualityRules.find((r) => r.id === id)
  if (!rule) throw new Error(`no quality rule ${id}`)
  return rule
}

describe.each(Object.entries(fixtures))('%s', (id, { passes, fails }) => {
  it.each(passes.map((c) => [c.name, c] as const))('passes: %s', (_, c) => {
    expect(run(ruleOf(id), c.record(), c.today)).toEqual([])
  })

  it.each(fails.map((c) => [c.name, c] as const))('fails: %s', (_, c) => {
    const hits = run(ruleOf(id), c.record(), c.today)
    expect(hits.length).toBeGreaterThan(0)
    for (const hit of hits) expect(hit.path).toMatch(/^\/[A-Za-z]/)
    if (c.hits) expect(hits).toEqual(c.hits)
  })
})

// ─── one problem, one finding ───────────────────────────────────────────────

/**
 * An element with no readable value at all is reported once, by its presence rule, with the values that could not be
 * read as its offending values; the vocabulary rule stays silent (it reports unreadable values only beside a value
 * that could be read, see the fixtures above). Each case is a real mapping with the element's only value spoilt.
 */
interface ReportedOnce {
  /** The element and the record, as the subject of "… is reported once, by <presence rule>". */
  name: string
  record: () => Mapped
  vocabularyRule: string
  presenceRule: string
  hit: RuleHit
}

const reportedOnce: ReportedOnce[] = [
  {
    name: 'the only dc:type of the PUCP thesis (real), remapped as "Documento de sustentación",',
    record: () => remapped(raw.pucpThesis, 'info:eu-repo/semantics/bachelorThesis', 'Documento de sustentación'),
    vocabularyRule: 'type-in-coar-vocabulary', presenceRule: 'resource-type-missing',
    hit: { path: '/type', values: ['Documento de sustentación'] },
  },
  {
    name: 'the only dc.type of the xoai thesis, remapped as "Tesis de maestría (ejemplar)",',
    record: () => remapped(raw.xoaiThesis, 'info:eu-repo/semantics/masterThesis', 'Tesis de maestría (ejemplar)'),
    vocabularyRule: 'type-in-coar-vocabulary', presenceRule: 'resource-type-missing',
    hit: { path: '/type', values: ['Tesis de maestría (ejemplar)'] },
  },
  {
    name: 'the dc:type of the CONICET article (real), with the mapped type.uri set to null as if unmapped,',
    record: () => derived(mapped(raw.conicetArticle), (r) => { r.type = { uri: null, label: null, original: ['Artículo científico'] } }),
    vocabularyRule: 'type-in-coar-vocabulary', presenceRule: 'resource-type-missing',
    hit: { path: '/type', values: ['Artículo científico'] },
  },
  {
    name: 'the only dc:rights access level of the PUCP thesis (real), remapped as "Acceso libre en sala",',
    record: () => remapped(raw.pucpThesis, 'info:eu-repo/semantics/openAccess', 'Acceso libre en sala'),
    vocabularyRule: 'access-right-in-coar-vocabulary', presenceRule: 'access-right-missing',
    hit: { path: '/accessRight', values: ['Acceso libre en sala'] },
  },
  {
    name: 'the only dc.rights of the dim dataset, remapped as "Abierto a consulta",',
    record: () => remapped(raw.dimDataset, 'info:eu-repo/semantics/openAccess', 'Abierto a consulta'),
    vocabularyRule: 'access-right-in-coar-vocabulary', presenceRule: 'access-right-missing',
    hit: { path: '/accessRight', values: ['Abierto a consulta'] },
  },
  {
    name: 'the only dc.language.iso of the xoai thesis, remapped as "Castellano antiguo",',
    record: () => remapped(raw.xoaiThesis, '<field name="value">spa</field>', '<field name="value">Castellano antiguo</field>'),
    vocabularyRule: 'language-in-iso-639-3', presenceRule: 'language-missing',
    hit: { path: '/languages', values: ['Castellano antiguo'] },
  },
  {
    name: 'PUCP hdl 20.500.12404/22787 as harvested, DSpace\'s licence error texts in dc:rights and no licence,',
    record: () => mapped(raw.pucpLicenceError),
    vocabularyRule: 'license-is-recognised', presenceRule: 'license-missing',
    hit: { path: '/license', values: ['An error occurred on the license name.', 'An error occurred getting the license - uri.'] },
  },
  {
    name: 'the only dc.rights.uri of the dim dataset, remapped as an institutional page,',
    record: () => remapped(raw.dimDataset, 'https://creativecommons.org/licenses/by/4.0/', 'https://repositorio.example.edu.pe/politicas/licencia'),
    vocabularyRule: 'license-is-recognised', presenceRule: 'license-missing',
    hit: { path: '/license', values: ['https://repositorio.example.edu.pe/politicas/licencia'] },
  },
  {
    name: 'the only dc.date.issued of the dim doctoral thesis, remapped as "15/03/2024",',
    record: () => remapped(raw.dimDoctoralThesis, 'qualifier="issued">2024<', 'qualifier="issued">15/03/2024<'),
    vocabularyRule: 'dates-well-formed', presenceRule: 'issued-date-missing',
    hit: { path: '/issued', values: ['15/03/2024'] },
  },
]

const presenceRuleOf = (id: string): Rule => {
  const rule = ruleById.get(id)
  if (!rule || qualityRules.includes(rule)) throw new Error(`no presence rule ${id}`)
  return rule
}

describe('one problem, one finding', () => {
  it.each(reportedOnce.map((c) => [c.name, c.presenceRule, c] as const))('%s is reported once, by %s', (_, __, c) => {
    const record = c.record()
    expect(run(ruleOf(c.vocabularyRule), record)).toEqual([])
    expect(run(presenceRuleOf(c.presenceRule), record)).toEqual([c.hit])
    // Over the whole registry, as a record is checked: the values that could not be read are in that finding alone.
    const findings = checkRecord(record.entity, record.issues, TODAY)
    expect(findings.filter((f) => f.values.some((v) => c.hit.values.includes(v))))
      .toEqual([{ ruleId: c.presenceRule, severity: 'error', ...c.hit }])
  })
})

describe('the hits name what to correct', () => {
  it('the BECyT FORD subjects CONICET writes are reported with their values', () => {
    const hits = run(ruleOf('ford-in-ocde-vocabulary'), mapped(raw.conicetArticle))
    expect(hits).toHaveLength(1)
    expect(hits[0]!.path).toBe('/ford')
    expect(hits[0]!.values.length).toBeGreaterThan(0)
    for (const value of hits[0]!.values) expect(value).toMatch(/^https:\/\/purl\.org\/becyt\/ford\//)
  })

  it('a changed DOI, ISSN or ISBN is reported where it sits in the record, with the value', () => {
    const article = mapped(raw.conicetArticle)
    const doiAt = article.entity.identifiers.findIndex((i) => i.type === 'doi')
    const issnAt = article.entity.identifiers.findIndex((i) => i.value === '1442-9985')
    expect(run(ruleOf('doi-well-formed'), fixtures['doi-well-formed']!.fails[1]!.record()))
      .toEqual([{ path: `/identifiers/${doiAt}`, values: ['10.1111aec.12336'] }])
    expect(run(ruleOf('issn-check-digit'), fixtures['issn-check-digit']!.fails[0]!.record()))
      .toEqual([{ path: `/identifiers/${issnAt}`, values: ['1442-9986'] }])
    const relations = fixtures['issn-check-digit']!.fails[1]!.record()
    const relationAt = relations.entity.relations.findIndex((r) => r.target === '1442-9986')
    expect(run(ruleOf('issn-check-digit'), relations)).toEqual([{ path: `/relations/${relationAt}`, values: ['1442-9986'] }])
    const book = mapped(raw.conicetBook)
    const isbnAt = book.entity.identifiers.findIndex((i) => i.type === 'isbn')
    expect(run(ruleOf('isbn-check-digit'), fixtures['isbn-check-digit']!.fails[0]!.record()))
      .toEqual([{ path: `/identifiers/${isbnAt}`, values: ['9789503407058'] }])
    const added = fixtures['isbn-check-digit']!.fails[1]!.record()
    const addedAt = added.entity.identifiers.findIndex((i) => i.type === 'isbn' && i.valid === false)
    expect(run(ruleOf('isbn-check-digit'), added)).toEqual([{ path: `/identifiers/${addedAt}`, values: [added.entity.identifiers[addedAt]!.value] }])
  })

  it('no hit repeats a national identity number, even from a record that carries several (renati.*.dni, "DNI 45127890")', () => {
    const record = mapped(raw.dimDoctoralThesis)
    const shown = JSON.stringify(qualityRules.flatMap((rule) => run(rule, record)))
    for (const id of ['45127890', '07654321', '001234567']) expect(shown).not.toContain(id)
    const issues: MappingIssue[] = [
      { path: 'dc.language.iso', message: 'language not recognised', value: 'DNI 45127890' },
      { path: 'renati.advisor.orcid', message: 'not an ORCID', value: 'asesor@example.edu.pe' },
    ]
    const hits = qualityRules.flatMap((rule) => run(rule, { entity: record.entity, issues }))
    expect(hits).toContainEqual({ path: '/languages', values: [] })
    expect(hits).toContainEqual({ path: '/contributors', values: [] })
  })
})

// ─── conformance over the registry ──────────────────────────────────────────

const rulesDir = fileURLToPath(new URL('../../src/compliance/rules/', import.meta.url))

describe('every quality rule conforms', () => {
  it('ids are unique across the whole registry, and every quality rule is registered', () => {
    const ids = rules.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const rule of qualityRules) expect(rules).toContain(rule)
  })

  it('has fixtures for exactly the registered quality rules', () => {
    expect(Object.keys(fixtures).sort()).toEqual(qualityRules.map((r) => r.id).sort())
  })

  it.each(qualityRules.map((r) => [r.id, r] as const))('%s', async (id, rule) => {
    // One file per rule, named after its id, whose default export is the rule.
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
    expect(existsSync(`${rulesDir}${id}.ts`)).toBe(true)
    const module = (await import(`${rulesDir}${id}.ts`)) as { default: Rule }
    expect(module.default).toBe(rule)
    // The file says why it exists: a comment header before the code.
    expect(readFileSync(`${rulesDir}${id}.ts`, 'utf8')).toMatch(/^\/\/ \S/)
    // Bilingual message and fix for a repository manager: the fix names a DSpace field and gives an example.
    for (const text of [rule.message, rule.fix]) {
      expect(text.es.trim().length).toBeGreaterThan(20)
      expect(text.en.trim().length).toBeGreaterThan(20)
      expect(text.es).not.toBe(text.en)
    }
    expect(rule.fix.es).toMatch(/\b(?:dc|renati|thesis)[.:][a-z]/)
    expect(rule.fix.en).toMatch(/\b(?:dc|renati|thesis)[.:][a-z]/)
    expect(rule.fix.es).toMatch(/«[^»]+»/)
    expect(rule.fix.en).toMatch(/"[^"]+"/)
    // What it enforces, and the set it belongs to.
    expect(rule.references.length).toBeGreaterThan(0)
    expect(rule.sets.length).toBeGreaterThan(0)
    expect(['error', 'warning', 'info']).toContain(rule.severity)
    // A passing and a failing fixture.
    expect(fixtures[id]?.passes.length ?? 0).toBeGreaterThan(0)
    expect(fixtures[id]?.fails.length ?? 0).toBeGreaterThan(0)
  })

  it('an article reference is one of the articles of D.S. 062-2024-PCM this group enforces', () => {
    const articles = qualityRules.flatMap((r) => r.references.flatMap((ref) => (ref.kind === 'article' ? [ref.article] : [])))
    expect(articles.length).toBeGreaterThan(0)
    for (const article of articles) expect(['39.5', '40.3']).toContain(article)
  })
})

// ─── on every real record ───────────────────────────────────────────────────

describe('on every real record', () => {
  const everyRecord = () => [
    ...conicet.map((input) => ({ input, record: mapped(input) })),
    ...pucp.map((input) => ({ input, record: mapped(input) })),
    ...Object.values(raw).map((input) => ({ input, record: mapped(input) })),
  ]

  it('no rule throws, mutates its input, or answers differently twice', () => {
    for (const { input, record } of everyRecord()) {
      for (const rule of qualityRules) {
        const first = run(rule, record, TODAY)
        expect(run(rule, record, TODAY), `${rule.id} on ${input.oaiIdentifier}`).toEqual(first)
      }
    }
  })

  it('over the 558 PUCP theses, the embargo and licence errors are the two records that have them, each reported once', () => {
    const records = pucp.map((input) => ({ id: input.oaiIdentifier, record: mapped(input) }))
    const hitsOf = (rule: Rule) => records.flatMap(({ id, record }) => run(rule, record).map((hit) => ({ id, ...hit })))
    const firing = (rule: Rule) => [...new Set(hitsOf(rule).map((h) => h.id))]
    expect(firing(ruleOf('embargo-has-end-date'))).toEqual(['oai:tesis.pucp.edu.pe:20.500.12404/16724'])
    expect(firing(ruleOf('handle-prefix-configured'))).toEqual([])
    // 20.500.12404/22787 has no readable licence, only DSpace's error texts, so it is license-missing's to report (with
    // those texts) and license-is-recognised stays silent: no other PUCP thesis has an unreadable licence beside a
    // readable one. license-missing also fires, with nothing to show, on the 181 closed-access theses with no licence.
    expect(firing(ruleOf('license-is-recognised'))).toEqual([])
    const licenceMissing = hitsOf(presenceRuleOf('license-missing'))
    expect(licenceMissing).toHaveLength(182)
    expect(licenceMissing.filter((h) => h.values.length > 0)).toEqual([{
      id: 'oai:tesis.pucp.edu.pe:20.500.12404/22787', path: '/license',
      values: ['An error occurred on the license name.', 'An error occurred getting the license - uri.'],
    }])
    // Whatever a vocabulary rule and its presence rule find on these theses, they never both report one element.
    const pairs = new Map(reportedOnce.map((c) => [`${c.vocabularyRule} ${c.presenceRule}`, c]))
    for (const { vocabularyRule, presenceRule, hit } of pairs.values()) {
      for (const { id, record } of records) {
        const both = [ruleOf(vocabularyRule), presenceRuleOf(presenceRule)].filter((rule) => run(rule, record).some((h) => h.path === hit.path))
        expect(both.length, `${vocabularyRule} and ${presenceRule} on ${id}`).toBeLessThan(2)
      }
    }
  })

  it('checkRecord stores the quality findings with their rule and severity', () => {
    const { entity, issues } = mapped(raw.xoaiUnconfiguredHandle)
    const findings = checkRecord(entity, issues, TODAY)
    expect(findings).toContainEqual({ ruleId: 'handle-prefix-configured', severity: 'error', path: '/identifiers/0', values: ['123456789/1234'] })
  })
})
