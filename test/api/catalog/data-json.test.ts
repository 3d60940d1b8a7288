import { describe, expect, it } from 'vitest'
import { describeCatalog } from '../../../src/api/catalog/describe-catalog.ts'
import { dataJson } from '../../../src/api/catalog/data-json.ts'
import { podErrors } from './pod-validator.ts'
import { BASE, emptyFacts, facts } from './facts.ts'

describe('data.json (Project Open Data v1.1)', () => {
  const document = dataJson(describeCatalog(facts, BASE))
  const datasets = document.dataset as Record<string, unknown>[]

  it('validates against the POD v1.1 catalog schema, non-federal profile (what DKAN, and so the PNDA, applies)', () => {
    expect(podErrors('catalog-non-federal', document)).toEqual([])
    expect(document.conformsTo).toBe('https://project-open-data.cio.gov/v1.1/schema')
    expect(datasets).toHaveLength(7)
  })

  it('fails the federal profile only for the US-only bureauCode and programCode', () => {
    for (const dataset of datasets) {
      expect(podErrors('dataset', dataset).map((e) => e.replace(/ \{.*$/, ''))).toEqual([
        '/: must have required property \'bureauCode\'',
        '/: must have required property \'programCode\'',
      ])
      expect(podErrors('dataset', { ...dataset, bureauCode: ['000:00'], programCode: ['000:000'] })).toEqual([])
    }
  })

  it('carries licence, publisher, contact point, modified date and dump distributions with their media types', () => {
    const outputs = datasets[0]!
    expect(outputs).toMatchObject({
      identifier: `${BASE}/catalog#dataset-outputs`,
      accessLevel: 'public',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      modified: '2025-03-01T10:00:00Z',
      publisher: { '@type': 'org:Organization', name: expect.stringContaining('CONCYTEC') },
      contactPoint: { '@type': 'vcard:Contact', hasEmail: 'mailto:admin@redcti.localhost' },
    })
    expect(String(outputs.rights)).toMatch(/agregado de metadatos/)
    expect(outputs.distribution).toEqual(expect.arrayContaining([
      expect.objectContaining({ downloadURL: `${BASE}/api/v1/dumps/outputs.ndjson.gz`, mediaType: 'application/gzip', format: 'NDJSON (gzip)' }),
      expect.objectContaining({ downloadURL: `${BASE}/api/v1/dumps/outputs.csv.gz`, mediaType: 'application/gzip', format: 'CSV (gzip)' }),
      expect.objectContaining({ accessURL: `${BASE}/api/v1/outputs`, mediaType: 'application/json' }),
    ]))
    expect(new Set(datasets.map((d) => d.identifier)).size).toBe(datasets.length)
  })

  it('validates for an empty aggregate too', () => {
    expect(podErrors('catalog-non-federal', dataJson(describeCatalog(emptyFacts, BASE)))).toEqual([])
  })

  it('is checked by a validator that does reject what POD forbids', () => {
    const [first, ...rest] = datasets
    const broken = (change: Record<string, unknown>) => ({ ...document, dataset: [{ ...first, ...change }, ...rest] })
    expect(podErrors('catalog-non-federal', broken({ title: undefined })).join()).toMatch(/title/)
    expect(podErrors('catalog-non-federal', broken({ accessLevel: 'open' })).join()).toMatch(/accessLevel/)
    expect(podErrors('catalog-non-federal', broken({ modified: 'last week' })).join()).toMatch(/modified/)
    expect(podErrors('catalog-non-federal', broken({ distribution: [{ downloadURL: `${BASE}/x.gz` }] })).join()).toMatch(/mediaType/)
    expect(podErrors('catalog-non-federal', broken({ rights: 'x'.repeat(256) })).join()).toMatch(/rights/)
    expect(podErrors('catalog-non-federal', { ...document, conformsTo: 'https://project-open-data.cio.gov/v1.0/schema' }).join()).toMatch(/conformsTo/)
  })
})
