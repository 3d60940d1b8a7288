// The funded-project view (arts. 39.5–39.7, 40.3) on CONCYTEC's PerúCRIS examples, the RDA maDMP examples and the
// PROCIENCIA records written from the docs, each mapped by the project's own mappers.
import { describe, expect, it } from 'vitest'
import { fundedProjects, MISSING_ARTICLES, type FundedProject } from '../../src/compliance/projects.ts'
import { productKind } from '../../src/compliance/product-facts.ts'
import { publicFunderOf } from '../../src/compliance/public-funders.ts'
import type { DataManagementPlan, Entity, ResearchOutput } from '../../src/model/index.ts'
import { createMerge } from '../../src/normalize/merge-entities.ts'
import { dmpFromOutput } from '../../src/normalize/dmp-from-output.ts'
import {
  madmpInput, mapped, perucrisInputs, perucrisThesisInput, peruvianMadmpInput, rdaMadmp, repositoryDmpInput,
  textCitingDatasetInput, THESIS_ID,
} from './fixtures/funded-projects.ts'

const TODAY = '2024-06-01'
const FONDECYT = 'Fondo Nacional de Desarrollo Científico, Tecnológico y de Innovación Tecnológica (FONDECYT)'
const RESTRICTED = { uri: 'http://purl.org/coar/access_right/c_16ec', label: 'restricted access' }
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** RDA's ex4 maDMP (one CSV dataset) given the thesis's project as the PerúCRIS example states it (OriginatesFrom/Project). */
function ex4ForAward168(): Entity {
  const doc = rdaMadmp('ex4-dataset-embargo')
  doc.dmp.project = [{
    title: 'Beca para estudios de Ingeniería en la UPC', start: '2007-01-01', end: '2009-12-31',
    funding: [{ funder_id: { identifier: 'http://dx.doi.org/10.13039/501100010751', type: 'fundref' }, grant_id: { identifier: '168-2007', type: 'other' } }],
  }]
  return mapped(madmpInput(doc, 'rda-ex4-for-168-2007'))
}

const thesis = (edit?: (xml: string) => string) => mapped<ResearchOutput>(perucrisThesisInput(edit))
const only = (projects: FundedProject[]) => {
  expect(projects).toHaveLength(1)
  return projects[0]!
}

describe('funded projects: compliant', () => {
  it('the PerúCRIS thesis (FONDECYT award 168-2007, embargoed until 2025-01-01, with a Handle) and RDA ex4 maDMP given that award', () => {
    const project = only(fundedProjects([thesis(), ex4ForAward168()], TODAY))
    expect(project).toMatchObject({
      id: 'award:1682007', award: '168-2007', title: 'Beca para estudios de Ingeniería en la UPC',
      // The maDMP names its funder by Crossref id only; the thesis's OriginatesFrom names it.
      funder: 'Fondo Nacional de Desarrollo Científico, Tecnológico y de Innovación Tecnológica',
      publicFunding: ['FONDECYT'], end: '2009-12-31', running: false, compliant: true, missing: [], articles: [],
    })
    expect(project.dmps).toEqual([{ id: 'dmp:dmp-tool:rda-ex4-for-168-2007', title: 'Embargo DMP', origin: 'madmp', proprietaryFormats: [] }])
    expect(project.products).toEqual([{
      id: `ro:perucris-example:${THESIS_ID}`, title: 'Diseño de un servicio de Internet para el hogar adecuado al segmento del mercado de NSE C/D',
      type: 'thesis', typeUri: 'http://purl.org/coar/resource_type/c_7a1f', access: 'embargoed',
      exception: { kind: 'embargo', end: '2025-01-01' }, openFormats: null, proprietaryFiles: [], deposited: true, citation: 'structured',
    }])
    expect(project.sources).toEqual(['dmp-tool', 'perucris-example'])
  })

  it('a DMP deposited as a repository item (oai_dc, COAR c_ab20) and an open dataset citing contract PE501078563-2022 in text', () => {
    const dmpItem = mapped<ResearchOutput>(repositoryDmpInput())
    const project = only(fundedProjects([dmpItem, mapped(textCitingDatasetInput())], TODAY))
    expect(project).toMatchObject({ award: 'PE501078563-2022', compliant: true, missing: [], end: null, running: false })
    expect(project.publicFunding).toEqual(expect.arrayContaining(['PROCIENCIA', 'CONCYTEC']))
    expect(project.dmps).toEqual([{ id: dmpItem.id, title: dmpItem.titles[0]!.value, origin: 'repository-item', proprietaryFormats: [] }])
    // The DMP item is a plan, not a product.
    expect(project.products.map((p) => [p.type, p.access, p.citation, p.deposited])).toEqual([['data', 'open', 'text', true]])
  })
})

describe('funded projects: what is missing', () => {
  it('DMP missing: the PerúCRIS thesis alone', () => {
    const project = only(fundedProjects([thesis()], TODAY))
    expect(project).toMatchObject({ compliant: false, missing: ['dmp-missing'], articles: [{ code: 'dmp-missing', articles: ['39.7'] }] })
  })

  it('products missing: the PerúCRIS project (reference 1498, OAMandate, ended 2021-05-31) and the grants of the funding example', () => {
    const entities = [...perucrisInputs('project'), ...perucrisInputs('funding')].map((i) => mapped(i))
    const projects = fundedProjects(entities, TODAY)
    // The programme (E031) and the call (E031-2018-01-NERC) are what grants are part of, not projects.
    expect(projects.map((p) => p.award)).toEqual(['007-2019', '075-2020-FONDECYT', '1498'])
    for (const p of projects) expect(p).toMatchObject({ compliant: false, missing: ['dmp-missing', 'products-missing'], products: [], dmps: [] })
    const covid = projects.find((p) => p.award === '1498')!
    // Funded by the Instituto Nacional de Salud: public because the record says an OA mandate applies.
    expect(covid).toMatchObject({ id: 'project:perucris-example:oai:cris.example.org:Projects/112345', funder: 'Institutto Nacional de Salud (INS)', publicFunding: ['OAMandate'], end: '2021-05-31' })
    const glaciers = projects.find((p) => p.award === '007-2019')!
    expect(glaciers).toMatchObject({ title: 'Lagunas de origen glaciar en el Perú: evolución, peligros e impacto del cambio climático', funder: FONDECYT })
    expect(glaciers.publicFunding).toEqual(['FONDECYT', 'OAMandate'])
  })

  it('a product only a CRIS lists is not deposited: the PerúCRIS dataset example pointed at the project example (Projects/112347 → 112345)', () => {
    const product = mapped(perucrisInputs('product', (xml) => xml.replace('<Project id="Projects/112347">', '<Project id="Projects/112345">'))[0]!)
    const project = only(fundedProjects([mapped(perucrisInputs('project')[0]!), product], TODAY))
    expect(project.products).toMatchObject([{ type: 'data', access: 'embargoed', deposited: false, citation: 'structured' }])
    // Its embargo ended on 2022-12-31 yet it still reads embargoed: no longer a justified exception.
    expect(project.missing).toEqual(['dmp-missing', 'products-missing', 'not-open-without-exception'])
  })

  it('closed without exception: the PerúCRIS thesis with its embargo end date removed', () => {
    const project = only(fundedProjects([thesis((xml) => xml.replace(' endDate="2025-01-01"', '')), ex4ForAward168()], TODAY))
    expect(project.products[0]).toMatchObject({ access: 'embargoed', exception: null })
    expect(project).toMatchObject({ compliant: false, missing: ['not-open-without-exception'], articles: [{ code: 'not-open-without-exception', articles: MISSING_ARTICLES['not-open-without-exception'] }] })
  })

  it('closed without exception: the PerúCRIS thesis judged after its embargo ended (2025-01-01)', () => {
    const project = only(fundedProjects([thesis(), ex4ForAward168()], '2025-06-01'))
    expect(project.missing).toEqual(['not-open-without-exception'])
  })

  it('restricted access is an exception only with a stated reason (set by hand on the PerúCRIS thesis: no mapper fills accessReason yet)', () => {
    const restricted = { ...thesis(), accessRight: RESTRICTED, embargoEnd: null }
    expect(only(fundedProjects([restricted, ex4ForAward168()], TODAY)).missing).toEqual(['not-open-without-exception'])
    const reasoned = { ...restricted, accessReason: 'Contiene información confidencial de la empresa colaboradora' }
    const project = only(fundedProjects([reasoned, ex4ForAward168()], TODAY))
    expect(project).toMatchObject({ compliant: true, missing: [] })
    expect(project.products[0]!.exception).toEqual({ kind: 'reason', reason: 'Contiene información confidencial de la empresa colaboradora' })
  })

  it('a restricted dataset whose dc.rights states the reason (the mapper\'s accessReason) is a justified exception', () => {
    const input = textCitingDatasetInput()
    const restricted = {
      ...input,
      metadata: input.metadata.replace('<dim:field mdschema="dc" element="rights">info:eu-repo/semantics/openAccess</dim:field>',
        '<dim:field mdschema="dc" element="rights">info:eu-repo/semantics/restrictedAccess</dim:field>' +
        '<dim:field mdschema="dc" element="rights">Contiene datos personales de los usuarios del agua</dim:field>'),
    }
    const project = only(fundedProjects([mapped(repositoryDmpInput()), mapped(restricted)], TODAY))
    expect(project.products[0]).toMatchObject({ access: 'restricted', exception: { kind: 'reason', reason: 'Contiene datos personales de los usuarios del agua' } })
    expect(project).toMatchObject({ compliant: true, missing: [] })
    // Without the sentence, the same dataset is closed without an exception.
    const silent = { ...restricted, metadata: restricted.metadata.replace(/<dim:field mdschema="dc" element="rights">Contiene[^<]*<\/dim:field>/, '') }
    expect(only(fundedProjects([mapped(repositoryDmpInput()), mapped(silent)], TODAY)).missing).toEqual(['not-open-without-exception'])
  })

  it('data in a proprietary format: the PROCIENCIA maDMP plans an XLSX distribution (judged after the project ended)', () => {
    const project = only(fundedProjects([mapped(peruvianMadmpInput()), mapped(textCitingDatasetInput())], '2026-01-01'))
    expect(project).toMatchObject({
      award: 'PE501078563-2022', title: 'Calidad del agua del río Rímac y salud infantil en Lima Metropolitana',
      funder: 'Programa Nacional de Investigación Científica y Estudios Avanzados (PROCIENCIA)', end: '2025-09-30',
      running: false, compliant: false, missing: ['data-not-open-format'], articles: [{ code: 'data-not-open-format', articles: ['39.5', '40.3'] }],
    })
    expect(project.dmps[0]!.proprietaryFormats).toEqual([XLSX])
  })

  it('data in a proprietary format: the text-citing dataset with an XLSX file added (its DIM record lists no bitstream)', () => {
    const dataset = { ...mapped<ResearchOutput>(textCitingDatasetInput()), files: [{ url: 'https://repositorio.unejemplo.edu.pe/bitstreams/1/download', name: 'caudal-2019-2022.xlsx' }] }
    const project = only(fundedProjects([mapped(repositoryDmpInput()), dataset], TODAY))
    expect(project.products[0]).toMatchObject({ openFormats: false, proprietaryFiles: ['caudal-2019-2022.xlsx'] })
    expect(project.missing).toEqual(['data-not-open-format'])
  })
})

describe('funded projects: linking and scope', () => {
  it('a product that cites its award only in free text joins the maDMP project of the same contract', () => {
    const dataset = mapped<ResearchOutput>(textCitingDatasetInput())
    expect(dataset.funding).toEqual([expect.objectContaining({ awardNumber: 'PE501078563-2022', origin: 'text' })])
    const project = only(fundedProjects([mapped(peruvianMadmpInput()), dataset], TODAY))
    expect(project.products).toMatchObject([{ id: dataset.id, citation: 'text' }])
  })

  it('a project still running is not judged, and says what is already missing', () => {
    // The maDMP's project ends 2025-09-30; the maDMP, the DMP item and the dataset all name PE501078563-2022.
    const entities = [mapped(peruvianMadmpInput()), mapped(repositoryDmpInput()), mapped(textCitingDatasetInput())]
    const project = only(fundedProjects(entities, TODAY))
    expect(project).toMatchObject({ running: true, compliant: null, missing: ['data-not-open-format'] })
    expect(project.dmps.map((d) => d.origin).sort()).toEqual(['madmp', 'repository-item'])
    expect(project.sources).toEqual(['dmp-tool', 'unejemplo-dim', 'upch-oai-dc'])
  })

  it('a DMP item merged with the tool-exported maDMP of the same plan is one DMP, the maDMP', () => {
    const item = mapped<ResearchOutput>(repositoryDmpInput())
    const madmp = mapped<DataManagementPlan>(peruvianMadmpInput())
    // What the cluster store builds when the item's DMP copy (src/normalize/dmp-copies.ts) joins the maDMP's cluster.
    const merged = createMerge(() => false)(madmp.id, 'dmp', [
      { entity: madmp, sourceId: 'dmp-tool' }, { entity: dmpFromOutput(item), sourceId: 'upch-oai-dc' },
    ]) as DataManagementPlan
    expect(merged.provenance.map((p) => p.metadataPrefix).sort()).toEqual(['madmp', 'oai_dc'])
    const project = only(fundedProjects([merged, item, mapped(textCitingDatasetInput())], TODAY))
    expect(project.dmps.map((d) => [d.id, d.origin])).toEqual([[madmp.id, 'madmp']])
    // Apart, they are two plans.
    expect(only(fundedProjects([madmp, item], TODAY)).dmps.map((d) => d.origin).sort()).toEqual(['madmp', 'repository-item'])
  })

  it('a project with no public funder and no OA mandate is left out: RDA ex9 (a European Commission grant)', () => {
    const ex9 = mapped(madmpInput(rdaMadmp('ex9-dmp-long'), 'rda-ex9'))
    expect(fundedProjects([ex9], TODAY)).toEqual([])
  })

  it('is the same whatever order the entities come in', () => {
    const entities = [mapped(peruvianMadmpInput()), mapped(repositoryDmpInput()), mapped(textCitingDatasetInput()), thesis(), ex4ForAward168(),
      ...[...perucrisInputs('project'), ...perucrisInputs('funding')].map((i) => mapped(i))]
    expect(fundedProjects([...entities].reverse(), TODAY)).toEqual(fundedProjects(entities, TODAY))
  })
})

describe('product kinds and public funders', () => {
  it('classifies COAR types through their broader concepts as art. 39.7 lists products', () => {
    expect(productKind('http://purl.org/coar/resource_type/c_2df8fbb1')).toBe('article') // research article
    expect(productKind('http://purl.org/coar/resource_type/c_816b')).toBe('article') // preprint: the manuscript
    expect(productKind('http://purl.org/coar/resource_type/c_db06')).toBe('thesis')
    expect(productKind('http://purl.org/coar/resource_type/c_3248')).toBe('book') // book part
    expect(productKind('http://purl.org/coar/resource_type/c_5ce6')).toBe('data') // software: art. 40.2 "códigos de análisis"
    expect(productKind('http://purl.org/coar/resource_type/c_18ws')).toBe('other')
    expect(productKind(null)).toBe('other')
  })

  it('knows CONCYTEC, FONDECYT, PROCIENCIA and PROINNÓVATE by name, acronym, Crossref id or gob.pe address', () => {
    expect(publicFunderOf('Consejo Nacional de Ciencia, Tecnología e Innovación Tecnológica')).toBe('CONCYTEC')
    expect(publicFunderOf('http://dx.doi.org/10.13039/501100010751')).toBe('FONDECYT')
    expect(publicFunderOf('https://prociencia.gob.pe/')).toBe('PROCIENCIA')
    expect(publicFunderOf('Programa Nacional de Desarrollo Tecnológico e Innovación - ProInnóvate')).toBe('PROINNÓVATE')
    expect(publicFunderOf('https://www.minam.gob.pe/')).toBe('www.minam.gob.pe')
    expect(publicFunderOf('European Commission - Framework Programme')).toBeNull()
  })
})
