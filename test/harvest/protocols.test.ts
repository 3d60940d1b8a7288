// The protocol registry: every Source['protocol'] has its harvester, and a source without one is OAI-PMH.
import { describe, expect, it } from 'vitest'
import { harvesterFor, protocols } from '../../src/harvest/protocols.ts'
import { harvestSource } from '../../src/harvest/run.ts'
import { harvestMadmpSource } from '../../src/harvest/harvest-madmp.ts'

describe('harvesterFor', () => {
  it('routes madmp sources to harvestMadmpSource and everything else to the OAI-PMH pipeline', () => {
    const base = { id: 's', baseUrl: 'https://repositorio.example.pe/oai/request', metadataPrefix: 'oai_dc' }
    expect(harvesterFor(base)).toBe(harvestSource)
    expect(harvesterFor({ ...base, protocol: 'oai-pmh' })).toBe(harvestSource)
    expect(harvesterFor({ ...base, baseUrl: 'data/pgd', metadataPrefix: 'madmp', protocol: 'madmp' })).toBe(harvestMadmpSource)
    expect(Object.keys(protocols).sort()).toEqual(['madmp', 'oai-pmh'])
  })
})
