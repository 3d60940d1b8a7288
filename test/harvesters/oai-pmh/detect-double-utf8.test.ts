// Tests for looksDoubleEncoded: every real fixture must read clean, and the same text double-encoded must not.
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeWindows1252 } from '../../../harvesters/oai-pmh/decode-body.ts'
import { looksDoubleEncoded } from '../../../harvesters/oai-pmh/detect-double-utf8.ts'

const dir = new URL('../../../../shared/fixtures/oai/real/', import.meta.url)
const fixtures = readdirSync(dir).map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }))

/** UTF-8 bytes read back as Latin-1, the way a mis-set JDBC or Perl layer does it. */
const viaLatin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1')
/** UTF-8 bytes read back as windows-1252, the way a Windows tool does it. */
const viaCp1252 = (s: string) => decodeWindows1252(Buffer.from(s, 'utf8'))

const pucpLines = readFileSync(new URL('pucp-tesis-oai_dc-pyoai-flattened.csv', dir), 'utf8').split('\n')
const conicetTitles = [...fixtures.find((f) => f.name === 'conicet-ar-listrecords-oai_dc.xml')!.text
  .matchAll(/<dc:title>([^<]*)<\/dc:title>/g)].map((m) => m[1]!)

describe('case 28: double-encoded UTF-8 is flagged for QA', () => {
  it('"InvestigaciÃ³n" and its kin', () => {
    for (const s of ['InvestigaciÃ³n', 'TECNOLOGÃ\u008dA', 'PerÃº', 'EducaciÃ³n y cultura', 'AvaliaÃ§Ã£o', 'NÂº 5', 'donâ€™t', 'ï»¿<?xml'])
      expect(looksDoubleEncoded(s), s).toBe(true)
  })

  it('every real CONICET title with an accent, double-encoded either way', () => {
    const accented = conicetTitles.filter((t) => /[^\x00-\x7F]/.test(t))
    expect(accented.length).toBeGreaterThan(40)
    for (const t of accented) {
      expect(looksDoubleEncoded(viaLatin1(t)), t).toBe(true)
      expect(looksDoubleEncoded(viaCp1252(t)), t).toBe(true)
    }
  })

  it('nearly every accented line of the PUCP theses, double-encoded', () => {
    const accented = pucpLines.filter((l) => /[^\x00-\x7F]/.test(l))
    const missed = accented.filter((l) => !looksDoubleEncoded(viaCp1252(l)))
    // The one miss is a source typo: "GĚRENS", a lone capital Ě between capitals.
    expect(missed).toEqual([expect.stringContaining('GĚRENS')])
  })
})

describe('case 28: no false positives on real Spanish and Portuguese', () => {
  it.each(fixtures.map((f) => f.name))('%s reads clean', (name) => {
    expect(looksDoubleEncoded(fixtures.find((f) => f.name === name)!.text)).toBe(false)
  })

  it('each of the 13k PUCP lines, one by one', () => {
    expect(pucpLines.filter(looksDoubleEncoded)).toEqual([])
  })

  it('accented capitals before closing punctuation', () => {
    for (const s of ['“AMANHÃ”', '«IRMÃ»', 'AQUÍ…', 'PERÚ–CHILE', 'SÃO PAULO', 'CÂMARA', 'ÎLE-DE-FRANCE', 'NAÏF', 'Nº 5', '10 °C', 'MAÇÃ… e PÊRA'])
      expect(looksDoubleEncoded(s), s).toBe(false)
  })

  it('other mojibake is out of scope (CONICET\'s GBK round trip "Paran¨¢")', () => {
    expect(looksDoubleEncoded('estuarine environments (Paran¨¢, Salado and the Amazon)')).toBe(false)
  })
})
