// Every registered exporter (src/publish/index.ts) over every entity a real harvest produced: it streams one record
// per entity and its output reads back (NDJSON lines, a JSON-LD graph of schema.org nodes, CSV rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'csv-parse/sync'
import { harvestedDb, type HarvestedDb } from './support/harvested-db.ts'
import { iterateEntities } from '../../src/db/entity-queries.ts'
import { exporters } from '../../src/publish/index.ts'
import { COLUMNS, csvOf } from '../../src/publish/csv.ts'
import { entityToJsonLd, schemaType } from '../../src/publish/jsonld.ts'
import type { Entity } from '../../src/model/index.ts'

let h: HarvestedDb
let entities: Entity[]

beforeAll(async () => {
  h = await harvestedDb()
  entities = [...iterateEntities(h.db)]
})
afterAll(() => h.close())

describe('exporters', () => {
  it('every registered format streams every kind of entity', () => {
    const kinds = new Set(entities.map((e) => e.kind))
    expect([...kinds].sort()).toEqual(['dmp', 'equipment', 'funding', 'organisation', 'person', 'project', 'research-output'])
    for (const [id, exporter] of Object.entries(exporters)) {
      const chunks = [...exporter.serialize(entities)]
      expect(chunks.length, id).toBeGreaterThan(entities.length - 1)
      const text = chunks.join('')
      if (id === 'ndjson') expect(text.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual(entities.map((e) => e.id))
      if (id === 'jsonld') {
        const doc = JSON.parse(text)
        expect(doc['@context']).toBe('https://schema.org')
        expect(doc['@graph']).toHaveLength(entities.length)
        for (const node of doc['@graph']) expect(node['@type'], JSON.stringify(node).slice(0, 200)).toMatch(/^[A-Z]\w+$/)
      }
      if (id === 'csv') expect((parse(text, { columns: true }) as unknown[]).length).toBe(entities.length)
    }
  })

  it('JSON-LD types follow COAR, and say only what is known', () => {
    expect(schemaType('http://purl.org/coar/resource_type/c_6501')).toBe('ScholarlyArticle')
    expect(schemaType('http://purl.org/coar/resource_type/c_db06')).toBe('Thesis')
    expect(schemaType('http://purl.org/coar/resource_type/c_ddb1')).toBe('Dataset')
    expect(schemaType(null)).toBe('CreativeWork')
    for (const entity of entities) {
      const node = entityToJsonLd(entity)
      for (const [key, value] of Object.entries(node)) {
        expect(value, `${entity.id} ${key}`).not.toBeUndefined()
        expect(value === '' || (Array.isArray(value) && value.length === 0), `${entity.id} ${key} is empty`).toBe(false)
      }
      expect((node.identifier as { propertyID: string; value: string }[])[0]).toEqual({ '@type': 'PropertyValue', propertyID: 'redcti', value: entity.id })
    }
    const thesis = entities.find((e) => e.kind === 'research-output' && schemaType(e.type.uri) === 'Thesis' && e.thesis?.degreeName)!
    expect(entityToJsonLd(thesis)).toMatchObject({ '@type': 'Thesis', inSupportOf: expect.any(String) })
    const withOrcid = entities.find((e) => e.kind === 'person' && e.orcid)!
    expect(entityToJsonLd(withOrcid)['@id']).toMatch(/^https:\/\/orcid\.org\/\d{4}-/)
  })

  it('CSV has a header of its kind even without rows, and one column list per kind', () => {
    for (const kind of Object.keys(COLUMNS) as Entity['kind'][]) {
      const text = [...csvOf(kind).serialize([])].join('')
      expect(parse(text)).toEqual([COLUMNS[kind].map(([name]) => name)])
      const ofKind = entities.filter((e) => e.kind === kind)
      const rows = parse([...csvOf(kind).serialize(ofKind)].join(''), { columns: true }) as Record<string, string>[]
      expect(rows.map((r) => r.id)).toEqual(ofKind.map((e) => e.id))
      expect(rows.every((r) => r.sources !== '')).toBe(true)
    }
  })
})
