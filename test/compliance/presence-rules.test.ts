// Presence rules (ALICIA 2.1, RENATI, OpenAIRE v4) judged on records mapped by the project's mappers, and the registry's conformance.
import { describe, expect, it } from 'vitest'
import { checkRecord } from '../../src/compliance/check-record.ts'
import { rules } from '../../src/compliance/index.ts'
import { presenceRules } from '../../src/compliance/rules/presence-rules.ts'
import type { Rule, RuleHit } from '../../src/compliance/types.ts'
import type { Person, ResearchOutput } from '../../src/model/index.ts'
import {
  conicet, laReferencia, openaireSample, pucp, writtenFromDocs, type MappedRecord,
} from './fixtures/mapped-records.ts'

const TODAY = '2025-06-01'

// ─── fixtures ───────────────────────────────────────────────────────────────
//
// Real: PUCP theses (oai_dc, Peru), CONICET's ListRecords page (oai_dc, Argentina), LA Referencia's xoai records
// (Algarve, Huelva, Uruguay) and OpenAIRE's v4 journal-article sample. No real xoai/dim record of a Peruvian
// repository is stored, so the theses that pass the RENATI rules are the two written from the documentation.
// A failing variant is a mapped record with one field removed from the output, and its name says so.

/** A real PUCP bachelor thesis that passes every presence rule that concerns it. */
const pucpThesis = () => pucp('20.500.12404/21011')
const conicetArticle = () => conicet('11336/179477')
const conicetBook = () => conicet('11336/116972')
const xoaiThesis = () => writtenFromDocs('a peruvian thesis in xoai with RENATI fields and an embargo.xml')
const dimThesis = () => writtenFromDocs('a peruvian doctoral thesis in dim with advisor ORCID and two jurors.xml')
const algarveThesis = () => laReferencia('lareferencia-testres-ualg-algarve-xoai.xml')
const huelvaThesis = () => laReferencia('lareferencia-testres-uhu-huelva-xoai.xml')

/** The mapped record with `change` applied to a copy of its output. */
function derived(record: MappedRecord, change: (output: ResearchOutput) => void): MappedRecord {
  const copy = structuredClone(record)
  change(copy.output)
  return copy
}

interface Case {
  name: string
  record: () => MappedRecord
}

interface FailingCase extends Case {
  hits: RuleHit[]
}

const missing = (path: string): RuleHit[] => [{ path, values: [] }]

/** A RENATI element removed from the documented xoai thesis, for the rules whose only real failure is a foreign thesis. */
const renatiCases = (id: string, path: string, remove: (o: ResearchOutput) => void, what: string) => ({
  [id]: {
    passes: [
      { name: 'the documented Peruvian master thesis in xoai', record: xoaiThesis },
      { name: 'the documented Peruvian doctoral thesis in dim', record: dimThesis },
    ],
    fails: [
      { name: 'the real master thesis of Algarve in xoai, which carries no RENATI fields', record: algarveThesis, hits: missing(path) },
      { name: `the documented xoai thesis with ${what} removed from the mapped output`, record: () => derived(xoaiThesis(), remove), hits: missing(path) },
    ],
  },
})

const cases: Record<string, { passes: Case[]; fails: FailingCase[] }> = {
  'title-missing': {
    passes: [{ name: 'the real PUCP thesis 20.500.12404/21011', record: pucpThesis }, { name: 'the OpenAIRE v4 sample', record: openaireSample }],
    fails: [
      { name: 'PUCP 21011 with dc.title removed from the mapped output', record: () => derived(pucpThesis(), (o) => { o.titles = [] }), hits: missing('/titles') },
      { name: 'the OpenAIRE v4 sample with datacite:title removed from the mapped output', record: () => derived(openaireSample(), (o) => { o.titles = [] }), hits: missing('/titles') },
    ],
  },
  'author-missing': {
    passes: [{ name: 'the real CONICET article 11336/179477', record: conicetArticle }],
    fails: [{ name: 'CONICET 11336/179477 with dc:creator removed from the mapped output', record: () => derived(conicetArticle(), (o) => { o.creators = [] }), hits: missing('/creators') }],
  },
  'publisher-missing': {
    passes: [{ name: 'the real PUCP thesis 21011', record: pucpThesis }],
    fails: [{ name: 'the real CONICET doctoral thesis 11336/83719, which has no dc:publisher', record: () => conicet('11336/83719'), hits: missing('/publisher') }],
  },
  'issued-date-missing': {
    passes: [{ name: 'the real CONICET article 11336/179477', record: conicetArticle }],
    fails: [
      { name: 'the OpenAIRE v4 sample, whose dates are Accepted and Available but not Issued', record: openaireSample, hits: missing('/issued') },
      { name: 'PUCP 21011 with dc.date.issued removed from the mapped output', record: () => derived(pucpThesis(), (o) => { o.issued = null }), hits: missing('/issued') },
    ],
  },
  'resource-type-missing': {
    passes: [{ name: 'the real PUCP thesis 21011', record: pucpThesis }, { name: 'the OpenAIRE v4 sample', record: openaireSample }],
    fails: [
      { name: 'the real PUCP thesis 20.500.12404/25030, which has no dc:type', record: () => pucp('20.500.12404/25030'), hits: missing('/type') },
      {
        name: 'CONICET 11336/179477 with its COAR type removed from the mapped output, the text "Artículo" left',
        record: () => derived(conicetArticle(), (o) => { o.type = { uri: null, label: null, original: ['Artículo'] } }),
        hits: [{ path: '/type', values: ['Artículo'] }],
      },
    ],
  },
  'language-missing': {
    passes: [{ name: 'the real CONICET article 11336/179477', record: conicetArticle }],
    fails: [{ name: 'CONICET 11336/179477 with dc:language removed from the mapped output', record: () => derived(conicetArticle(), (o) => { o.languages = [] }), hits: missing('/languages') }],
  },
  'access-right-missing': {
    passes: [{ name: 'the real PUCP thesis 21011', record: pucpThesis }, { name: 'the OpenAIRE v4 sample', record: openaireSample }],
    fails: [
      { name: 'PUCP 21011 with dc.rights removed from the mapped output', record: () => derived(pucpThesis(), (o) => { o.accessRight = null }), hits: missing('/accessRight') },
      { name: 'the OpenAIRE v4 sample with datacite:rights removed from the mapped output', record: () => derived(openaireSample(), (o) => { o.accessRight = null }), hits: missing('/accessRight') },
    ],
  },
  'license-missing': {
    passes: [{ name: 'the real PUCP thesis 21011 (CC BY-SA 2.5 PE)', record: pucpThesis }],
    fails: [
      {
        name: 'the real PUCP thesis 20.500.12404/22787, whose dc:rights holds DSpace\'s licence error text',
        record: () => pucp('20.500.12404/22787'),
        hits: [{ path: '/license', values: ['An error occurred on the license name.', 'An error occurred getting the license - uri.'] }],
      },
      { name: 'the real PUCP thesis 20.500.12404/24011, metadata only and without a licence', record: () => pucp('20.500.12404/24011'), hits: missing('/license') },
    ],
  },
  'abstract-missing': {
    passes: [{ name: 'the real PUCP thesis 21011', record: pucpThesis }],
    fails: [{ name: 'the real INIA Uruguay report in LA Referencia\'s xoai, whose description is empty', record: () => laReferencia('lareferencia-redi-anii-uy-xoai.xml'), hits: missing('/abstracts') }],
  },
  'keywords-missing': {
    passes: [{ name: 'the real CONICET article 11336/179477', record: conicetArticle }],
    fails: [{ name: 'CONICET 11336/179477 with dc:subject removed from the mapped output', record: () => derived(conicetArticle(), (o) => { o.keywords = [] }), hits: missing('/keywords') }],
  },
  'thesis-keywords-missing': {
    passes: [{ name: 'the real PUCP thesis 21011', record: pucpThesis }],
    fails: [{ name: 'PUCP 21011 with dc.subject removed from the mapped output', record: () => derived(pucpThesis(), (o) => { o.keywords = [] }), hits: missing('/keywords') }],
  },
  'ford-subject-missing': {
    passes: [{ name: 'the real PUCP thesis 21011 (FORD 5.02.01)', record: pucpThesis }],
    fails: [
      {
        name: 'the real CONICET article 11336/179477, classified with Argentina\'s BECyT FORD URIs instead of dc.subject.ocde',
        record: conicetArticle,
        hits: [{ path: '/ford', values: ['https://purl.org/becyt/ford/6.1', 'https://purl.org/becyt/ford/6'] }],
      },
      { name: 'the real PUCP thesis 20.500.12404/25700, which has no FORD subject', record: () => pucp('20.500.12404/25700'), hits: missing('/ford') },
    ],
  },
  'identifier-uri-missing': {
    passes: [
      { name: 'the real PUCP thesis 21011 (hdl.handle.net)', record: pucpThesis },
      { name: 'the documented xoai article with the unconfigured Handle prefix: present, judged by the identifier rules', record: () => writtenFromDocs('an article in xoai with the unconfigured handle prefix 123456789 and an ISSN.xml') },
    ],
    fails: [
      { name: 'CONICET 11336/179477 with its Handle, URLs and landing page removed from the mapped output', record: () => derived(conicetArticle(), withoutLinks), hits: missing('/landingPage') },
      { name: 'CONICET 11336/23263 with its Handle, URLs and landing page removed from the mapped output, the DOI kept', record: () => derived(conicet('11336/23263'), withoutLinks), hits: missing('/landingPage') },
    ],
  },
  'book-isbn-missing': {
    passes: [{ name: 'the real CONICET book 11336/116972', record: conicetBook }],
    fails: [{ name: 'CONICET book 11336/116972 with its ISBN removed from the mapped output', record: () => derived(conicetBook(), (o) => { o.identifiers = o.identifiers.filter((i) => i.type !== 'isbn') }), hits: missing('/identifiers') }],
  },
  'article-issn-missing': {
    passes: [
      { name: 'the real CONICET article 11336/4602, with urn:issn in dc:relation', record: () => conicet('11336/4602') },
      { name: 'the OpenAIRE v4 sample, with an IsPartOf ISSN', record: openaireSample },
    ],
    fails: [
      {
        name: 'the real CONICET article 11336/179477, whose ISSNs are identifiers and not dc.relation.isPartOf',
        record: conicetArticle,
        hits: [{ path: '/relations', values: ['1852-1002', '2422-7749'] }],
      },
      { name: 'the OpenAIRE v4 sample with its relations removed from the mapped output', record: () => derived(openaireSample(), (o) => { o.relations = [] }), hits: missing('/relations') },
    ],
  },
  'resource-identifier-missing': {
    passes: [
      { name: 'the OpenAIRE v4 sample', record: openaireSample },
      { name: 'CONICET 11336/23263 with its Handle, URLs and landing page removed from the mapped output: the DOI suffices', record: () => derived(conicet('11336/23263'), withoutLinks) },
    ],
    fails: [{
      name: 'CONICET 11336/179477 with its Handle, URLs and landing page removed from the mapped output: ISSNs do not identify the article',
      record: () => derived(conicetArticle(), withoutLinks),
      hits: [{ path: '/identifiers', values: ['1852-1002', '2422-7749'] }],
    }],
  },
  'publisher-country-missing': {
    passes: [{ name: 'the real PUCP thesis 21011 (PE as a second dc:publisher)', record: pucpThesis }, { name: 'the documented xoai thesis', record: xoaiThesis }],
    fails: [
      { name: 'the real CONICET doctoral thesis 11336/83719', record: () => conicet('11336/83719'), hits: missing('/publisherCountry') },
      { name: 'the real doctoral thesis of Huelva in xoai', record: huelvaThesis, hits: missing('/publisherCountry') },
    ],
  },
  'advisor-missing': {
    passes: [{ name: 'the real master thesis of Algarve in xoai', record: algarveThesis }, { name: 'the documented dim thesis', record: dimThesis }],
    fails: [
      { name: 'the real doctoral thesis of Huelva in xoai, which names no dc.contributor.advisor', record: huelvaThesis, hits: missing('/contributors') },
      { name: 'the documented dim thesis with its advisor removed from the mapped output', record: () => derived(dimThesis(), (o) => { o.contributors = o.contributors.filter((c) => c.role !== 'advisor') }), hits: missing('/contributors') },
    ],
  },
  'advisor-orcid-missing': {
    passes: [
      { name: 'the documented dim thesis (renati.advisor.orcid)', record: dimThesis },
      { name: 'the real doctoral thesis of Huelva, which has no advisor at all (advisor-missing reports it)', record: huelvaThesis },
    ],
    fails: [
      { name: 'the real master thesis of Algarve, whose advisor has no ORCID', record: algarveThesis, hits: missing('/contributors/0/orcid') },
      {
        name: 'the documented dim thesis with the advisor ORCID removed from the mapped output',
        record: () => derived(dimThesis(), (o) => { for (const c of o.contributors) if (c.role === 'advisor') delete c.orcid }),
        hits: missing('/contributors/0/orcid'),
      },
    ],
  },
  ...renatiCases('renati-type-missing', '/thesis/renatiType', (o) => { delete o.thesis!.renatiType }, 'renati.type'),
  ...renatiCases('renati-level-missing', '/thesis/level', (o) => { delete o.thesis!.level }, 'renati.level'),
  ...renatiCases('degree-name-missing', '/thesis/degreeName', (o) => { delete o.thesis!.degreeName }, 'thesis.degree.name'),
  ...renatiCases('degree-discipline-missing', '/thesis/discipline', (o) => { delete o.thesis!.discipline }, 'thesis.degree.discipline'),
  ...renatiCases('renati-discipline-missing', '/thesis/disciplineCode', (o) => { delete o.thesis!.disciplineCode }, 'renati.discipline'),
  ...renatiCases('degree-grantor-missing', '/thesis/grantor', (o) => { delete o.thesis!.grantor }, 'thesis.degree.grantor'),
  ...renatiCases('jurors-missing', '/contributors', (o) => { o.contributors = o.contributors.filter((c) => c.role !== 'juror') }, 'renati.juror'),
}

function withoutLinks(output: ResearchOutput): void {
  output.identifiers = output.identifiers.filter((i) => i.type !== 'handle' && i.type !== 'url')
  output.landingPage = null
}

/** What the runner would do with one rule: skip it when it does not concern the record, else check (on a frozen copy). */
function judge(rule: Rule, record: MappedRecord): RuleHit[] | 'not applicable' {
  const output = deepFreeze(structuredClone(record.output))
  if (rule.appliesTo && !rule.appliesTo(output)) return 'not applicable'
  return rule.check(output, { today: TODAY, issues: record.issues })
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}

const ruleOf = (id: string): Rule => {
  const rule = presenceRules.find((r) => r.id === id)
  if (!rule) throw new Error(`no presence rule ${id}`)
  return rule
}

// ─── each rule: a passing and a failing record ─────────────────────────────

for (const rule of presenceRules) {
  describe(`${rule.id} (${rule.severity}; ${rule.references.map(describeReference).join(', ')})`, () => {
    for (const c of cases[rule.id]?.passes ?? []) {
      it(`passes ${c.name}`, () => {
        expect(judge(rule, c.record())).toEqual([])
      })
    }
    for (const c of cases[rule.id]?.fails ?? []) {
      it(`fails ${c.name}`, () => {
        expect(judge(rule, c.record())).toEqual(c.hits)
      })
    }
  })
}

function describeReference(reference: Rule['references'][number]): string {
  switch (reference.kind) {
    case 'alicia': return `ALICIA ${reference.element}`
    case 'renati': return `RENATI ${reference.element}`
    case 'openaire': return `OpenAIRE ${reference.field}`
    case 'article': return `art. ${reference.article}`
    case 'vocabulary': return reference.vocabulary
    case 'identifier': return reference.scheme
  }
}

// ─── scope ──────────────────────────────────────────────────────────────────

const RENATI_SCHEMA_RULES = ['advisor-missing', 'advisor-orcid-missing', 'renati-type-missing', 'renati-level-missing',
  'degree-name-missing', 'degree-discipline-missing', 'renati-discipline-missing', 'degree-grantor-missing', 'jurors-missing']
const THESIS_RULES = [...RENATI_SCHEMA_RULES, 'thesis-keywords-missing', 'publisher-country-missing']

describe('which records the presence rules concern', () => {
  it('a thesis copy harvested in oai_dc is not judged on fields oai_dc cannot carry (renati.*, thesis.*, the advisor role)', () => {
    for (const id of RENATI_SCHEMA_RULES) expect(judge(ruleOf(id), pucpThesis()), id).toBe('not applicable')
    for (const id of ['thesis-keywords-missing', 'publisher-country-missing']) expect(judge(ruleOf(id), pucpThesis()), id).toEqual([])
  })

  it('a journal article is not judged on thesis elements, a thesis not on the ISSN or ISBN', () => {
    for (const id of THESIS_RULES) expect(judge(ruleOf(id), conicetArticle()), id).toBe('not applicable')
    for (const id of ['article-issn-missing', 'book-isbn-missing']) expect(judge(ruleOf(id), pucpThesis()), id).toBe('not applicable')
    expect(judge(ruleOf('book-isbn-missing'), conicet('11336/109802')), 'a book part').toBe('not applicable')
  })

  it('keywords are recommended for other works and mandatory for theses: exactly one of the two rules concerns a record', () => {
    expect(judge(ruleOf('keywords-missing'), pucpThesis())).toBe('not applicable')
    expect(judge(ruleOf('thesis-keywords-missing'), conicetArticle())).toBe('not applicable')
    expect(ruleOf('keywords-missing').severity).toBe('warning')
    expect(ruleOf('thesis-keywords-missing').severity).toBe('error')
  })

  it('a record carrying RENATI data is a work leading to a degree whatever its type (documented xoai thesis typed "other" in the mapped output)', () => {
    const other = derived(xoaiThesis(), (o) => { o.type = { uri: 'http://purl.org/coar/resource_type/c_1843', label: 'other', original: [] }; delete o.thesis!.level })
    expect(judge(ruleOf('renati-level-missing'), other)).toEqual(missing('/thesis/level'))
  })

  it('no presence rule concerns a CRIS person', () => {
    const person: Person = { id: 'person:1', kind: 'person', name: 'Ccahuana Luna, María Fernanda', provenance: [] }
    for (const rule of presenceRules) expect(rule.appliesTo?.(person), rule.id).toBe(false)
  })

  it('the real PUCP thesis 21011 passes every presence rule that concerns it, through checkRecord', () => {
    const { output, issues } = pucpThesis()
    const ids = new Set(presenceRules.map((r) => r.id))
    expect(checkRecord(output, issues, TODAY).filter((f) => ids.has(f.ruleId))).toEqual([])
  })

  it('checkRecord reports a presence finding with the rule\'s id and severity (real PUCP thesis 25030 without dc:type)', () => {
    const { output, issues } = pucp('20.500.12404/25030')
    expect(checkRecord(output, issues, TODAY)).toContainEqual({ ruleId: 'resource-type-missing', severity: 'error', path: '/type', values: [] })
  })
})

// ─── the registry ───────────────────────────────────────────────────────────

describe('the presence-rule registry conforms', () => {
  it('every rule has a stable kebab-case id, the name of the file whose default export it is', async () => {
    for (const rule of presenceRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/)
      const module = (await import(`../../src/compliance/rules/${rule.id}.ts`)) as { default: Rule }
      expect(module.default, rule.id).toBe(rule)
    }
  })

  it('ids are unique across the whole compliance registry, and every presence rule is registered', () => {
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length)
    for (const rule of presenceRules) expect(rules).toContain(rule)
  })

  it('every rule has a severity, a set, at least one reference, and a message and a fix in Spanish and English', () => {
    for (const rule of presenceRules) {
      expect(['error', 'warning', 'info'], rule.id).toContain(rule.severity)
      expect(rule.sets.length, rule.id).toBeGreaterThan(0)
      expect(rule.references.length, rule.id).toBeGreaterThan(0)
      for (const text of [rule.message, rule.fix]) {
        expect(text.es.trim().length, rule.id).toBeGreaterThan(20)
        expect(text.en.trim().length, rule.id).toBeGreaterThan(20)
        expect(text.es, rule.id).not.toBe(text.en)
      }
    }
  })

  it('every message names the element it is about, and every fix the DSpace field to fill with an example value', () => {
    for (const rule of presenceRules) {
      const elements = rule.references.flatMap((r) => (r.kind === 'alicia' || r.kind === 'renati' ? [r.element] : []))
      for (const element of elements) {
        expect(rule.message.es, rule.id).toContain(element)
        expect(rule.message.en, rule.id).toContain(element)
        expect(rule.fix.es, rule.id).toContain(element)
        expect(rule.fix.en, rule.id).toContain(element)
      }
      // An OpenAIRE-only rule still tells a DSpace manager which dc field feeds the OpenAIRE one.
      expect(rule.fix.es, rule.id).toMatch(/\b(?:dc|renati|thesis)\.[a-z]+/)
      expect(rule.fix.es, rule.id).toMatch(/p\. ej\./)
      expect(rule.fix.en, rule.id).toMatch(/e\.g\./)
    }
  })

  it('every rule has a passing and a failing fixture in this file, and every fixture names a registered rule', () => {
    for (const rule of presenceRules) {
      expect(cases[rule.id]?.passes.length ?? 0, `${rule.id}: no passing fixture`).toBeGreaterThan(0)
      expect(cases[rule.id]?.fails.length ?? 0, `${rule.id}: no failing fixture`).toBeGreaterThan(0)
    }
    for (const id of Object.keys(cases)) expect(presenceRules.map((r) => r.id), id).toContain(id)
  })

  it('one check, one rule: no two rules enforce the same reference', () => {
    const seen = new Map<string, string>()
    for (const rule of presenceRules) {
      for (const reference of rule.references) {
        const key = JSON.stringify(reference)
        // dc.subject is the one element with two obligations (mandatory for theses, recommended otherwise): two scopes.
        if (seen.has(key) && !(key.includes('"dc.subject"'))) throw new Error(`${rule.id} and ${seen.get(key)} both enforce ${key}`)
        seen.set(key, rule.id)
      }
    }
  })

  it('no rule needs renati.author.dni or renati.advisor.dni: the public model never holds national identity numbers', () => {
    for (const rule of presenceRules) {
      expect(JSON.stringify(rule.references), rule.id).not.toMatch(/\.(?:dni|cext|pasaporte|cedula)\b/)
    }
  })

  it('ALICIA 2.1 and OpenAIRE v4 share one rule where they ask for the same element', () => {
    const both = presenceRules.filter((r) => r.sets.includes('alicia') && r.sets.includes('openaire')).map((r) => r.id).sort()
    expect(both).toEqual(['access-right-missing', 'issued-date-missing', 'resource-type-missing', 'title-missing'])
  })

  it('every finding on every fixture is a JSON pointer into the record with string values', () => {
    for (const rule of presenceRules) {
      for (const c of [...(cases[rule.id]?.passes ?? []), ...(cases[rule.id]?.fails ?? [])]) {
        const hits = judge(rule, c.record())
        if (hits === 'not applicable') throw new Error(`${rule.id}: the fixture "${c.name}" is not one the rule concerns`)
        for (const hit of hits) {
          expect(hit.path, rule.id).toMatch(/^\/[a-zA-Z]+(?:\/[a-zA-Z0-9]+)*$/)
          for (const value of hit.values) expect(typeof value).toBe('string')
        }
      }
    }
  })
})
