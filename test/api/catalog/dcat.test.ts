import { describe, expect, it } from 'vitest'
import { describeCatalog } from '../../../src/api/catalog/describe-catalog.ts'
import { dcatGraph } from '../../../src/api/catalog/dcat-graph.ts'
import { toJsonLd } from '../../../src/api/catalog/dcat-jsonld.ts'
import { toTurtle } from '../../../src/api/catalog/dcat-turtle.ts'
import { Graph, NS, parseJsonLd, parseTurtle, triplesOf } from './rdf-graph.ts'
import { BASE, facts } from './facts.ts'

const { dcat, dct, foaf, vcard } = NS

describe('the DCAT-AP 3 catalog', () => {
  const nodes = dcatGraph(describeCatalog(facts, BASE))
  const turtle = toTurtle(nodes)
  const jsonLd = JSON.parse(JSON.stringify(toJsonLd(nodes))) as object

  it('parses back from Turtle (n3) and from JSON-LD (jsonld) to the same graph', async () => {
    const fromTurtle = triplesOf(parseTurtle(turtle))
    const fromJsonLd = triplesOf(await parseJsonLd(jsonLd))
    expect(fromTurtle.length).toBeGreaterThan(300)
    expect(fromJsonLd).toEqual(fromTurtle)
  })

  it('has the DCAT-AP mandatory classes and properties, and the recommended ones we can state', () => {
    const g = new Graph(parseTurtle(turtle))
    const [catalog, ...others] = g.ofType(`${dcat}Catalog`)
    expect(others).toEqual([])
    for (const p of ['title', 'description', 'publisher', 'modified', 'license', 'language', 'spatial']) expect(g.values(catalog!, `${dct}${p}`), `catalog dct:${p}`).not.toEqual([])
    expect(g.values(catalog!, `${foaf}homepage`)).toEqual([`${BASE}/docs`])
    expect(g.values(catalog!, `${dct}modified`)).toEqual(['"2025-03-01T10:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime>'])

    const datasets = g.ofType(`${dcat}Dataset`)
    expect(g.values(catalog!, `${dcat}dataset`).sort()).toEqual(datasets.sort())
    expect(datasets).toHaveLength(7)
    for (const d of datasets) {
      for (const p of ['title', 'description', 'publisher', 'identifier']) expect(g.values(d, `${dct}${p}`), `${d} dct:${p}`).not.toEqual([])
      for (const p of ['contactPoint', 'distribution', 'keyword', 'theme']) expect(g.values(d, `${dcat}${p}`), `${d} dcat:${p}`).not.toEqual([])
      expect(g.values(d, `${dct}title`).some((t) => t.endsWith('@es'))).toBe(true)
      expect(g.values(d, `${dct}title`).some((t) => t.endsWith('@en'))).toBe(true)
    }

    const distributions = g.ofType(`${dcat}Distribution`)
    expect(distributions).toHaveLength(3 * 6 + 1)
    for (const x of distributions) {
      expect(g.values(x, `${dcat}accessURL`), x).toHaveLength(1)
      expect([...g.values(x, `${dct}format`), ...g.values(x, `${dcat}mediaType`)], x).not.toEqual([])
      expect(g.values(x, `${dct}license`), x).toEqual(['https://creativecommons.org/licenses/by/4.0/'])
    }
    const csv = `${BASE}/catalog#distribution-outputs-type-c_6501-csv`
    expect(g.values(csv, `${dcat}downloadURL`)).toEqual([`${BASE}/api/v1/dumps/outputs.csv.gz?type=c_6501`])
    expect(g.values(csv, `${dcat}mediaType`)).toEqual(['http://www.iana.org/assignments/media-types/text/csv'])
    expect(g.values(csv, `${dcat}compressFormat`)).toEqual(['http://www.iana.org/assignments/media-types/application/gzip'])

    const [publisher] = g.values(catalog!, `${dct}publisher`)
    expect(g.values(publisher!, `${foaf}name`)[0]).toMatch(/CONCYTEC/)
    const [contact] = g.values(datasets[0]!, `${dcat}contactPoint`)
    expect(g.values(contact!, `${vcard}hasEmail`)).toEqual(['mailto:admin@redcti.localhost'])
    for (const s of g.ofType(`${dcat}DataService`)) {
      expect(g.values(s, `${dcat}endpointURL`), s).toHaveLength(1)
      expect(g.values(s, `${dct}title`), s).not.toEqual([])
    }
    expect(g.ofType(`${dcat}DataService`)).toHaveLength(2)
  })

  it('keeps quotes, backslashes, newlines and angle brackets of names intact in both serializations', async () => {
    const name = facts.institutions[1]!.name
    const g = new Graph(parseTurtle(turtle))
    const title = g.values(`${BASE}/catalog#dataset-outputs-institution-universidad-ficticia-del-peru`, `${dct}title`)
    expect(title).toContain(`${JSON.stringify(`Producción científica: ${name}`)}@es`)
    const fromJsonLd = new Graph(await parseJsonLd(jsonLd))
    expect(fromJsonLd.values(`${BASE}/catalog#dataset-outputs-institution-universidad-ficticia-del-peru`, `${dct}title`).sort()).toEqual(title.sort())
  })

  it('writes a JSON-LD document with an inline @context and no remote context to fetch', () => {
    const document = jsonLd as { '@context': Record<string, string>; '@graph': unknown[] }
    expect(document['@context']).toMatchObject({ dcat, dct, foaf, vcard, dcatap: 'http://data.europa.eu/r5r/' })
    expect(Object.values(document['@context']).every((v) => typeof v === 'string')).toBe(true)
    expect(document['@graph'].length).toBeGreaterThan(20)
  })
})
