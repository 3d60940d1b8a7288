// Reads every distinct type, rights and language value out of the real fixtures, parsed as what they are.
import { readFileSync } from 'node:fs'
import { SaxesParser, type SaxesTagNS } from 'saxes'
import { sharedFixtures } from '../support/fixtures.ts'

export type Kind = 'type' | 'rights' | 'language' | 'renati-type' | 'renati-level' | 'ford' | 'identifier-scheme'

/** value -> the fixture files it occurs in. */
export type Found = Record<Kind, Map<string, Set<string>>>

const DC = 'http://purl.org/dc/elements/1.1/'
const FORD_URI = /pe-repo\/ocde\/ford#/
const XML_NS = 'http://www.w3.org/XML/1998/namespace'

function add(found: Found, kind: Kind, value: string | undefined, file: string): void {
  const v = value?.replace(/\s+/g, ' ').trim()
  if (!v) return
  const files = found[kind].get(v) ?? new Set<string>()
  files.add(file)
  found[kind].set(v, files)
}

/** RFC 4180: quoted fields may hold commas, doubled quotes and newlines (the PUCP CSV holds all three). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const src = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') { field += '"'; i++ }
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(field); field = '' }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++
      row.push(field); rows.push(row); row = []; field = ''
    } else field += c
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row) }
  return rows
}

// pyoai/pandas flattened oai_dc: repeated elements joined with "\n" in one cell, absent ones written `Missing`
// (see oai/real/PROVENANCE.md), so `Missing` is no value.
function fromPucpCsv(found: Found): void {
  const file = 'oai/real/pucp-tesis-oai_dc-pyoai-flattened.csv'
  const [header, ...rows] = parseCsv(readFileSync(`${sharedFixtures}${file}`, 'utf8'))
  const column = (name: string) => header!.indexOf(name)
  const columns: [Kind, number][] = [['type', column('type')], ['rights', column('rights')], ['language', column('language')], ['ford', column('subject')]]
  for (const [, index] of columns) if (index < 0) throw new Error(`${file}: column missing`)
  for (const row of rows) {
    if (row.length !== header!.length) continue
    for (const [kind, index] of columns) {
      for (const v of row[index]!.split('\n')) {
        if (v.trim() === 'Missing') continue
        // PUCP puts the FORD URI among the dc:subject keywords; only that one is a vocabulary value.
        if (kind !== 'ford' || FORD_URI.test(v)) add(found, kind, v, file)
      }
    }
  }
}

// VuFind staff view as text: "Formato:tesis de grado" (plain) or "Formato: | tesis de grado |" (pipe table);
// Solr field names carry the record's language tags (dc.title.es_PE.fl_str_mv).
function fromAliciaExcerpts(found: Found): void {
  const file = 'oai/real/alicia-vufind-staffview-excerpts.md'
  const text = readFileSync(`${sharedFixtures}${file}`, 'utf8')
  const fields: Record<string, Kind> = { 'Formato': 'type', 'Nivel de acceso': 'rights', 'Lenguaje': 'language' }
  for (const line of text.split('\n')) {
    const m = /^(Formato|Nivel de acceso|Lenguaje):\s*\|?\s*(.*?)\s*\|?\s*$/.exec(line)
    if (m) add(found, fields[m[1]!]!, m[2], file)
    for (const uri of line.matchAll(/https?:\/\/purl\.org\/pe-repo\/ocde\/ford#[\d.]+/g)) add(found, 'ford', uri[0], file)
    for (const tag of line.matchAll(/\bdc\.title(?:\.alternative)?\.([A-Za-z]{2,3}(?:_[A-Za-z]{2})?)\.fl_str_mv/g)) add(found, 'language', tag[1], file)
  }
}

interface Open { tag: SaxesTagNS; text: string }

/**
 * Walks an XML fixture; `visit` sees each element when it closes, with its ancestors (outermost first).
 * Files named `-truncated` were cut by whoever saved them: their unclosed tail is tolerated, nothing else is.
 */
function walkXml(file: string, visit: (element: Open, ancestors: Open[]) => void): void {
  const xml = readFileSync(`${sharedFixtures}${file}`, 'utf8')
  const parser = new SaxesParser({ xmlns: true })
  const stack: Open[] = []
  parser.on('opentag', (tag) => { stack.push({ tag, text: '' }) })
  parser.on('text', (t) => { const top = stack[stack.length - 1]; if (top) top.text += t })
  parser.on('cdata', (t) => { const top = stack[stack.length - 1]; if (top) top.text += t })
  parser.on('closetag', () => { const e = stack.pop()!; visit(e, stack) })
  // The SciELO file opens with a blank line before its XML declaration, which strict XML forbids.
  parser.write(xml.replace(/^\s+(?=<\?xml)/, ''))
  try {
    parser.close()
  } catch (error) {
    if (!(file.includes('-truncated') && /unclosed tag/.test(String(error)))) throw error
  }
}

const attr = (e: Open, local: string, uri = ''): string | undefined =>
  Object.values(e.tag.attributes).find((a) => a.local === local && a.uri === uri)?.value

function xmlLangs(found: Found, e: Open, file: string): void {
  add(found, 'language', attr(e, 'lang', XML_NS), file)
}

/** oai_dc (CONICET), AGRIS (SciELO): dc:type, dc:rights, dc:language, xml:lang. */
function fromDublinCore(found: Found, file: string): void {
  walkXml(file, (e) => {
    xmlLangs(found, e, file)
    if (e.tag.uri !== DC) return
    if (e.tag.local === 'type') add(found, 'type', e.text, file)
    if (e.tag.local === 'rights') add(found, 'rights', e.text, file)
    if (e.tag.local === 'language') add(found, 'language', e.text, file)
  })
}

/** OpenAIRE Literature v4 (oai_openaire): resourceType, version, datacite:rights, licenseCondition, file, dc:language. */
function fromOpenaire(found: Found, file: string): void {
  walkXml(file, (e) => {
    xmlLangs(found, e, file)
    const name = e.tag.local
    if (name === 'resourceType' || name === 'version') { add(found, 'type', e.text, file); add(found, 'type', attr(e, 'uri'), file) }
    if (name === 'rights') { add(found, 'rights', e.text, file); add(found, 'rights', attr(e, 'rightsURI'), file) }
    if (name === 'licenseCondition') { add(found, 'rights', e.text, file); add(found, 'rights', attr(e, 'uri'), file) }
    if (name === 'file') add(found, 'rights', attr(e, 'accessRightsURI'), file)
    if (name === 'language' && e.tag.uri === DC) add(found, 'language', e.text, file)
  })
}

/** DSpace xoai: <element name="…"> nesting with <field name="value|uri|rightsURI|accessRightsURI">. */
function fromXoai(found: Found, file: string): void {
  const kinds: Record<string, Kind> = { type: 'type', resourceType: 'type', version: 'type', rights: 'rights', language: 'language' }
  walkXml(file, (e, ancestors) => {
    if (e.tag.local !== 'field') return
    const field = attr(e, 'name') ?? ''
    if (field === 'accessRightsURI') { add(found, 'rights', e.text, file); return }
    if (!['value', 'uri', 'rightsURI'].includes(field)) return
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const kind = kinds[attr(ancestors[i]!, 'name') ?? '']
      if (kind) { add(found, kind, e.text, file); return }
    }
  })
}

/** PerúCRIS CERIF: COAR Type/Access/Version, License, Language, RENATI Type by scheme, xml:lang. */
function fromPerucris(found: Found, file: string): void {
  walkXml(file, (e) => {
    xmlLangs(found, e, file)
    const text = e.text.trim()
    const scheme = (attr(e, 'scheme') ?? '').trim()
    switch (e.tag.local) {
      case 'Type':
        if (/purl\.org\/coar\/resource_type\//.test(text)) add(found, 'type', text, file)
        if (/renati\/type$/.test(scheme)) add(found, 'renati-type', text, file)
        if (/renati\/level$/.test(scheme)) add(found, 'renati-level', text, file)
        break
      case 'Version': add(found, 'type', text, file); break
      case 'Access': case 'License': add(found, 'rights', text, file); break
      case 'Language': add(found, 'language', text, file); break
      case 'Subject': if (/ocde\/ford$/.test(scheme)) add(found, 'ford', text, file); break
    }
    const idType = attr(e, 'type') ?? ''
    if (e.tag.local === 'Identifier' && /concytec\/terminos#/.test(idType)) add(found, 'identifier-scheme', idType, file)
  })
}

/** maDMP examples: licence references and dataset/DMP languages. */
function fromMadmp(found: Found, file: string): void {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(walk); return }
    if (!node || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (key === 'license_ref' && typeof value === 'string') add(found, 'rights', value, file)
      else if (key === 'language' && typeof value === 'string') add(found, 'language', value, file)
      else walk(value)
    }
  }
  walk(JSON.parse(readFileSync(`${sharedFixtures}${file}`, 'utf8')))
}

export const fixtureFiles = {
  pucpCsv: 'oai/real/pucp-tesis-oai_dc-pyoai-flattened.csv',
  alicia: 'oai/real/alicia-vufind-staffview-excerpts.md',
  dublinCore: ['oai/real/conicet-ar-listrecords-oai_dc.xml', 'oai/real/conicet-ar-getrecord-oai_dc.xml', 'oai/real/scielo-cl-listrecords-oai_dc_agris-truncated.xml'],
  openaire: ['oai/real/openaire-guidelines-sample-journalarticle-oai_openaire.xml'],
  xoai: [
    'oai/real/lareferencia-colibri-udelar-uy-datacite-xoai.xml', 'oai/real/lareferencia-redi-anii-uy-xoai.xml',
    'oai/real/lareferencia-testres-ualg-algarve-xoai.xml', 'oai/real/lareferencia-testres-uhu-huelva-xoai.xml',
  ],
  perucris: ['equipment', 'funding', 'orgunits', 'patent', 'person', 'product', 'project', 'publication']
    .map((e) => `oai/real/perucris-guidelines-example-cerif-${e}.xml`),
  madmp: ['madmp/ex4-dataset-embargo.json', 'madmp/ex8-dmp-minimal-content.json', 'madmp/ex9-dmp-long.json'],
}

export function fixtureValues(): Found {
  const found: Found = {
    'type': new Map(), 'rights': new Map(), 'language': new Map(), 'renati-type': new Map(), 'renati-level': new Map(),
    'ford': new Map(), 'identifier-scheme': new Map(),
  }
  fromPucpCsv(found)
  fromAliciaExcerpts(found)
  for (const f of fixtureFiles.dublinCore) fromDublinCore(found, f)
  for (const f of fixtureFiles.openaire) fromOpenaire(found, f)
  for (const f of fixtureFiles.xoai) fromXoai(found, f)
  for (const f of fixtureFiles.perucris) fromPerucris(found, f)
  for (const f of fixtureFiles.madmp) fromMadmp(found, f)
  return found
}
