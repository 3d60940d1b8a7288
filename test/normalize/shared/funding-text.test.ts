// Funding statements in free text: the parser the DSpace core and oai_dc share, and how oai_dc tells a sponsorship
// statement (DSpace flattens dc.description.sponsorship into dc:description) from an abstract that mentions funding.
import { describe, expect, it } from 'vitest'
import type { ResearchOutput } from '../../../src/model/index.ts'
import { mapOaiDc } from '../../../src/normalize/oai-dc.ts'
import { fundingFromText, mergeFunding, readsAsFundingStatement } from '../../../src/normalize/shared/funding-text.ts'
import { realOai } from '../../support/fixtures.ts'

// PUCP thesis hdl 20.500.12404/8431 (the PUCP oai_dc CSV): a 1,001-character abstract that says its first chapter
// was "financiado por el Consorcio de Investigación Económica y Social (CIES)".
const pucpAbstract = /"([^"]*financiado por el Consorcio[^"]*)"/.exec(realOai('pucp-tesis-oai_dc-pyoai-flattened.csv'))![1]!

function oaiDc(...elements: string[]): ResearchOutput {
  const result = mapOaiDc({
    sourceId: 'test', oaiIdentifier: 'oai:repositorio.example.edu.pe:20.500.12345/1', datestamp: '2024-01-01T00:00:00Z',
    harvestedAt: '2024-01-02T00:00:00Z', metadataPrefix: 'oai_dc',
    metadata: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title>${elements.join('')}</oai_dc:dc>`,
  })
  if (!result.ok) throw new Error(result.error)
  return result.entities[0] as ResearchOutput
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

describe('fundingFromText', () => {
  it('CONCYTEC with one of its programmes: the council is the funder, the programme the programme, every contract an award', () => {
    expect(fundingFromText('Esta investigación fue financiada por CONCYTEC-PROCIENCIA en el marco del contrato PE501078563-2022.'))
      .toEqual([{ funder: 'CONCYTEC', programme: 'PROCIENCIA', awardNumber: 'PE501078563-2022', origin: 'text' }])
    expect(fundingFromText('Financiado por FONDECYT, Convenio Nro. 045-2018-FONDECYT-BM y Contrato N° 123-2019-FONDECYT.'))
      .toEqual([
        { funder: 'FONDECYT', awardNumber: '045-2018-FONDECYT-BM', origin: 'text' },
        { funder: 'FONDECYT', awardNumber: '123-2019-FONDECYT', origin: 'text' },
      ])
  })

  it('another funder named after "financiado por", up to the phrase that introduces the call', () => {
    expect(fundingFromText('Capítulo financiado por el Consorcio de Investigación Económica y Social (CIES) en el concurso anual del año 2009.'))
      .toEqual([{ funder: 'Consorcio de Investigación Económica y Social', origin: 'text' }])
  })

  it('nothing from a statement that names no funder or award', () => {
    expect(fundingFromText('Autofinanciado')).toEqual([])
    expect(fundingFromText('Financiado con recursos propios del autor.')).toEqual([])
  })

  it('mergeFunding: the same award stated structured and as text is one funding, the structured one', () => {
    const structured = [{ funder: 'FONDECYT', awardNumber: '123-2019-FONDECYT', origin: 'structured' as const }]
    expect(mergeFunding(structured, fundingFromText('Contrato N° 123-2019-FONDECYT; financiado por FONDECYT.'))).toEqual(structured)
  })
})

describe('readsAsFundingStatement', () => {
  it('a short sentence in the language of funding does; naming a funder alone does not; a long abstract does not', () => {
    expect(readsAsFundingStatement('Esta tesis fue financiada por CONCYTEC-FONDECYT en el marco del Contrato N° 123-2019-FONDECYT.')).toBe(true)
    expect(readsAsFundingStatement('Funded by the European Commission under grant agreement 660668.')).toBe(true)
    // The description of a DMP written from the docs (dmp-from-output.test.ts): it names PROCIENCIA and funds nothing.
    expect(readsAsFundingStatement('Segunda versión del PGD presentado a PROCIENCIA con el informe técnico del primer hito.')).toBe(false)
    expect(pucpAbstract.length).toBeGreaterThan(500)
    expect(readsAsFundingStatement(pucpAbstract)).toBe(false)
  })
})

describe('oai_dc: dc:description that is a funding statement', () => {
  it('becomes a text funding reference and leaves the abstracts', () => {
    const output = oaiDc(
      '<dc:description>Se estudia la calidad del agua del río Rímac.</dc:description>',
      '<dc:description>Esta tesis fue financiada por CONCYTEC-FONDECYT en el marco del Contrato N° 123-2019-FONDECYT.</dc:description>',
    )
    expect(output.abstracts).toEqual([{ value: 'Se estudia la calidad del agua del río Rímac.' }])
    expect(output.funding).toEqual([{ funder: 'CONCYTEC', programme: 'FONDECYT', awardNumber: '123-2019-FONDECYT', origin: 'text' }])
  })

  it('does not repeat an award the grantAgreement relation already states', () => {
    const output = oaiDc(
      '<dc:relation>info:eu-repo/grantAgreement/CONCYTEC/FONDECYT/123-2019-FONDECYT</dc:relation>',
      '<dc:description>Financiado por CONCYTEC, contrato 123-2019-FONDECYT.</dc:description>',
    )
    expect(output.funding).toEqual([{ funder: 'CONCYTEC', programme: 'FONDECYT', awardNumber: '123-2019-FONDECYT', origin: 'structured' }])
    expect(output.abstracts).toEqual([])
  })

  it('the real PUCP abstract that mentions its funding stays an abstract, and yields no funding', () => {
    const output = oaiDc(`<dc:description>${escape(pucpAbstract)}</dc:description>`)
    expect(output.abstracts).toEqual([{ value: pucpAbstract.replace(/\s+/g, ' ').trim() }])
    expect(output.funding).toEqual([])
  })

  it('a statement that names no funder or award stays where it was (an abstract)', () => {
    const output = oaiDc('<dc:description>Financiado con recursos propios del autor.</dc:description>')
    expect(output.abstracts).toEqual([{ value: 'Financiado con recursos propios del autor.' }])
    expect(output.funding).toEqual([])
  })
})
