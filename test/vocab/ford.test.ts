// OCDE FORD as CONCYTEC publishes it: 270 concepts, found from any purl form, area or discipline.
import { describe, expect, it } from 'vitest'
import table from '../../data/vocab/ocde-ford.json' with { type: 'json' }
import { fordCodes, lookupFord } from '../../src/vocab/index.ts'

describe('the OCDE FORD table', () => {
  it('has 270 concepts: 6 areas, 42 fields and 222 disciplines', () => {
    const levels = Object.values(table.concepts).map((c) => c.level)
    expect(fordCodes()).toHaveLength(270)
    expect(levels.filter((l) => l === 'area')).toHaveLength(6)
    expect(levels.filter((l) => l === 'field')).toHaveLength(42)
    expect(levels.filter((l) => l === 'discipline')).toHaveLength(222)
  })

  it('keeps the canonical https purl and both labels', () => {
    expect(table.concepts['5.02.04']).toEqual({
      broader: '5.02.00', en: expect.any(String), es: expect.any(String), level: 'discipline',
      uri: 'https://purl.org/pe-repo/ocde/ford#5.02.04',
    })
    expect(Object.values(table.concepts).every((c) => c.uri.startsWith('https://purl.org/pe-repo/ocde/ford#'))).toBe(true)
  })
})

describe('lookupFord', () => {
  it('reads https and http purls (ALICIA carries both) to the same concept', () => {
    const https = lookupFord('https://purl.org/pe-repo/ocde/ford#5.02.04')
    expect(https).toMatchObject({ code: '5.02.04', uri: 'https://purl.org/pe-repo/ocde/ford#5.02.04', level: 'discipline' })
    expect(https?.area).toEqual({ code: '5.00.00', label: 'Ciencias sociales' })
    expect(https?.field?.code).toBe('5.02.00')
    expect(lookupFord('http://purl.org/pe-repo/ocde/ford#5.02.04')).toEqual(https)
  })

  it('accepts bare codes, ford# fragments, surrounding whitespace and a trailing slash', () => {
    for (const v of ['5.02.04', ' 5.02.04 ', '#5.02.04', 'ford#5.02.04', 'purl.org/pe-repo/ocde/ford#5.02.04', 'HTTPS://PURL.ORG/pe-repo/ocde/ford#5.02.04/']) {
      expect(lookupFord(v)?.code, v).toBe('5.02.04')
    }
  })

  it('finds area- and field-level codes, as ALICIA records use them', () => {
    expect(lookupFord('http://purl.org/pe-repo/ocde/ford#5.00.00')).toMatchObject({ code: '5.00.00', level: 'area', field: null })
    expect(lookupFord('https://purl.org/pe-repo/ocde/ford#5.02.00')).toMatchObject({ code: '5.02.00', level: 'field', field: { code: '5.02.00' } })
  })

  it('gives null for codes CONCYTEC does not define and for other schemes', () => {
    for (const v of ['5.99.99', '7.00.00', 'https://purl.org/becyt/ford/6.1', 'https://purl.org/pe-repo/ocde/other#5.02.04', '5.2.4', '', 'Economía']) {
      expect(lookupFord(v), v).toBeNull()
    }
  })

  it('labels disciplines without an English label in Spanish only', () => {
    const c = lookupFord('2.11.04')
    expect(c?.label).toBeTruthy()
    expect(c?.labelEn).toBeNull()
  })
})
