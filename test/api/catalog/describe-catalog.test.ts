import { describe, expect, it } from 'vitest'
import { CC_BY_4, DEFAULT_CATALOG_SETTINGS, describeCatalog } from '../../../src/api/catalog/describe-catalog.ts'
import { BASE, emptyFacts, facts } from './facts.ts'

describe('the catalog description', () => {
  const catalog = describeCatalog(facts, BASE)
  const byId = new Map(catalog.datasets.map((d) => [d.id, d]))

  it('has one dataset for the aggregate, one per institution, one per COAR type, one per non-empty collection, and the indicators', () => {
    expect(catalog.datasets.map((d) => d.id)).toEqual([
      'outputs',
      'outputs-institution-pontificia-universidad-catolica-del-peru',
      'outputs-institution-universidad-ficticia-del-peru',
      'outputs-type-c_6501',
      'outputs-type-c_7a1f',
      'dmps',
      'indicators',
    ])
    expect(byId.get('outputs-type-c_7a1f')!.title).toEqual({ es: 'Producción científica por tipo COAR: proyecto fin de carrera (bachelor thesis)', en: 'Research outputs by COAR type: bachelor thesis' })
  })

  it('points each dataset at the dumps that serve it: the whole aggregate, the institution\'s, the aggregate filtered by type', () => {
    const downloads = (id: string) => byId.get(id)!.distributions.map((x) => x.downloadUrl ?? x.accessUrl)
    expect(downloads('outputs')).toEqual([`${BASE}/api/v1/dumps/outputs.ndjson.gz`, `${BASE}/api/v1/dumps/outputs.csv.gz`, `${BASE}/api/v1/outputs`])
    expect(downloads('outputs-institution-pontificia-universidad-catolica-del-peru')).toEqual([
      `${BASE}/api/v1/dumps/institutions/pontificia-universidad-catolica-del-peru/outputs.ndjson.gz`,
      `${BASE}/api/v1/dumps/institutions/pontificia-universidad-catolica-del-peru/outputs.csv.gz`,
      `${BASE}/api/v1/outputs?institution=pontificia-universidad-catolica-del-peru`,
    ])
    expect(downloads('outputs-type-c_6501')).toEqual([
      `${BASE}/api/v1/dumps/outputs.ndjson.gz?type=c_6501`, `${BASE}/api/v1/dumps/outputs.csv.gz?type=c_6501`, `${BASE}/api/v1/outputs?type=c_6501`,
    ])
    expect(downloads('dmps')).toEqual([`${BASE}/api/v1/dumps/dmps.ndjson.gz`, `${BASE}/api/v1/dumps/dmps.csv.gz`, `${BASE}/api/v1/dmps`])
    expect(downloads('indicators')).toEqual([`${BASE}/api/v1/indicators`])
    const ndjson = byId.get('outputs')!.distributions[0]!
    expect(ndjson).toMatchObject({ servedMediaType: 'application/gzip', fileType: 'JSON', compressed: true, conformsTo: `${BASE}/schemas/research-output.schema.json` })
    expect(ndjson.mediaType).toBeUndefined() // NDJSON has no IANA media type
    expect(byId.get('outputs')!.distributions[1]).toMatchObject({ mediaType: 'text/csv', fileType: 'CSV' })
  })

  it('dates each dataset by the last change of its records and the catalog by the last change of any', () => {
    expect(catalog.modified).toBe('2025-03-01T10:00:00Z')
    expect(byId.get('outputs-institution-universidad-ficticia-del-peru')!.modified).toBe('2025-02-01T00:00:00Z')
    expect(byId.get('outputs-type-c_6501')!.modified).toBe('2025-01-15T08:30:00Z')
    expect(byId.get('dmps')!.modified).toBe('2024-12-01T00:00:00Z')
    expect(byId.get('outputs')!.records).toBe(120)
  })

  it('states CC BY 4.0 as the licence of the metadata aggregate, CONCYTEC as publisher, and a contact point', () => {
    expect(catalog.licence.iri).toBe(CC_BY_4)
    expect(catalog.licence.rights.en).toMatch(/^CC BY 4\.0 applies to the metadata aggregate/)
    expect(catalog.licence.rights.es).toMatch(/^CC BY 4\.0 se aplica al agregado de metadatos/)
    expect(catalog.publisher.name).toMatch(/CONCYTEC/)
    expect(catalog.contact.email).toBe(DEFAULT_CATALOG_SETTINGS.contactEmail)
    const configured = describeCatalog(facts, BASE, { ...DEFAULT_CATALOG_SETTINGS, contactEmail: 'datosabiertos@concytec.gob.pe' })
    expect(configured.contact.email).toBe('datosabiertos@concytec.gob.pe')
  })

  it('describes an empty aggregate with the aggregate and indicators datasets, undated', () => {
    const empty = describeCatalog(emptyFacts, BASE)
    expect(empty.datasets.map((d) => d.id)).toEqual(['outputs', 'indicators'])
    expect(empty.modified).toBeNull()
    expect(empty.datasets[0]!.modified).toBeNull()
  })
})
