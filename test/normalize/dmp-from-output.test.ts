// A repository item typed as a data management plan (COAR c_ab20) is a DMP too: dmpFromOutput on an oai_dc record.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ResearchOutput } from '../../src/model/index.ts'
import { normalizeAward } from '../../src/normalize/cluster/dedup-keys.ts'
import { dmpFromOutput, isDmpOutput } from '../../src/normalize/dmp-from-output.ts'
import { mapOaiDc } from '../../src/normalize/oai-dc.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'

const fixture = fileURLToPath(new URL('./fixtures/written-from-docs/a data management plan in oai_dc with a PROCIENCIA grant agreement.xml', import.meta.url))

function output(): ResearchOutput {
  const result = mapOaiDc({
    sourceId: 'upch-oai-dc', oaiIdentifier: 'oai:repositorio.ejemplo.edu.pe:20.500.99999/13579', datestamp: '2023-06-01T12:00:00Z',
    harvestedAt: '2024-01-01T00:00:00Z', metadataPrefix: 'oai_dc', repositoryHost: 'repositorio.ejemplo.edu.pe',
    metadata: readFileSync(fixture, 'utf8').replace(/^<\?xml[^>]*>\s*/, '').replace(/<!--[\s\S]*?-->\s*/g, ''),
  })
  if (!result.ok) throw new Error(result.error)
  return result.entities[0] as ResearchOutput
}

describe('dmpFromOutput', () => {
  it('knows a DMP by its COAR type and only by it', () => {
    const item = output()
    expect(item.type.uri).toBe('http://purl.org/coar/resource_type/c_ab20')
    expect(isDmpOutput(item)).toBe(true)
    expect(isDmpOutput({ ...item, type: { uri: 'http://purl.org/coar/resource_type/c_ddb1', label: 'dataset', original: [] } })).toBe(false)
  })

  it('title, the DOI as dmp_id, dates from issued and provenance, language, people, and the grant as a project', () => {
    const item = output()
    const dmp = dmpFromOutput(item)
    expect(dmp).toEqual({
      id: 'dmp:upch-oai-dc:oai:repositorio.ejemplo.edu.pe:20.500.99999/13579',
      kind: 'dmp',
      title: 'Plan de gestión de datos del proyecto «Calidad del agua del río Rímac y salud infantil», versión 2',
      description: 'Segunda versión del PGD presentado a PROCIENCIA con el informe técnico del primer hito.',
      language: 'spa',
      created: '2023-05-10T00:00:00Z',
      modified: '2023-06-01T12:00:00Z',
      dmp_id: { identifier: '10.99999/pgd.rimac.v2', type: 'doi' },
      contact: { name: 'Huamaní Torres, Rosa Elena' },
      contributor: [{ name: 'Pérez Salazar, Jorge Luis', role: ['creator'] }, { name: 'Ccori Apaza, Lucía', role: ['contributor'] }],
      ethical_issues_exist: 'unknown',
      project: [{
        title: 'Calidad del agua del río Rímac y salud infantil en Lima Metropolitana',
        funding: [{ funder_name: 'PROCIENCIA', grant_id: { identifier: 'PE501078563-2022', type: 'other' } }],
      }],
      dataset: [],
      sourceVersion: '1.2',
      provenance: item.provenance,
    })
    expect(validateEntity(dmp)).toEqual([])
    // The same award key as the grant id of a tool-exported maDMP ("PE501078563-2022") and a CERIF project.
    expect(normalizeAward(dmp.project[0]!.funding![0]!.grant_id!.identifier)).toBe(normalizeAward('PE501078563-2022'))
  })

  it('falls back to the Handle, then the landing page, then the OAI identifier for dmp_id, and to und for language', () => {
    const item = output()
    const withoutDoi = { ...item, identifiers: item.identifiers.filter((i) => i.type !== 'doi'), languages: [] }
    expect(dmpFromOutput(withoutDoi)).toMatchObject({ dmp_id: { identifier: '20.500.99999/13579', type: 'handle' }, language: 'und' })
    const bare = { ...withoutDoi, identifiers: [], landingPage: null, issued: null, funding: [] }
    const dmp = dmpFromOutput(bare)
    expect(dmp).toMatchObject({ dmp_id: { identifier: 'oai:repositorio.ejemplo.edu.pe:20.500.99999/13579', type: 'other' }, created: '2023-06-01T12:00:00Z', project: [] })
    expect(validateEntity(dmp)).toEqual([])
  })

  it('is pure: the output is not touched', () => {
    const item = output()
    const before = JSON.stringify(item)
    dmpFromOutput(item)
    expect(JSON.stringify(item)).toBe(before)
  })
})
