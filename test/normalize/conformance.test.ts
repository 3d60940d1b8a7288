// The conformance suite over the registry (CONVENTIONS: "every registered format runs against its fixtures; a
// format without fixtures fails the suite"): every input format maps every one of its fixtures — real records
// first, documentation-written ones where none exist — and every mapped entity validates against its schema.
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { inputFormats } from '../../src/normalize/index.ts'
import type { RawInput } from '../../src/normalize/types.ts'
import { validateEntity } from '../../src/normalize/validate-entity.ts'
import { sharedFixtures } from '../support/fixtures.ts'
import { pageInputs } from '../support/page-inputs.ts'
import { pucpTheses } from '../support/pucp-theses.ts'

const real = `${sharedFixtures}oai/real/`
const fromDocs = fileURLToPath(new URL('./fixtures/written-from-docs/', import.meta.url))
const bare = (file: string, metadataPrefix: string, dir = fromDocs): RawInput => ({
  sourceId: 'conformance', oaiIdentifier: `oai:conformance.test:${file}`, datestamp: '2024-01-01T00:00:00Z',
  harvestedAt: '2024-01-01T00:00:00Z', metadataPrefix, metadata: readFileSync(dir + file, 'utf8'),
})
/** Documentation-written fixtures: a bare record, or a whole OAI-PMH response whose records are read with our page parser. */
const docs = (pattern: RegExp, prefix: string) => readdirSync(fromDocs).filter((f) => pattern.test(f) && !f.startsWith('a broken')).flatMap((f) => {
  const text = readFileSync(fromDocs + f, 'utf8')
  return /<(\w+:)?OAI-PMH[\s>]/.test(text) ? pageInputs(text, { sourceId: 'conformance', metadataPrefix: prefix }) : [bare(f, prefix)]
})
const page = (file: string, metadataPrefix: string) => pageInputs(readFileSync(real + file, 'utf8'), { sourceId: 'conformance', metadataPrefix })

/** Each registered format's fixtures: the real records we have, then those written from its documentation. */
const fixtures: Record<string, () => RawInput[]> = {
  oai_dc: () => [...page('conicet-ar-listrecords-oai_dc.xml', 'oai_dc'), ...page('conicet-ar-getrecord-oai_dc.xml', 'oai_dc'), ...pucpTheses(), ...docs(/ in oai_dc /, 'oai_dc')],
  xoai: () => [...readdirSync(real).filter((f) => f.endsWith('-xoai.xml')).map((f) => bare(f, 'xoai', real)), ...docs(/ in xoai /, 'xoai')],
  dim: () => docs(/ in dim /, 'dim'),
  oai_openaire: () => [bare('openaire-guidelines-sample-journalarticle-oai_openaire.xml', 'oai_openaire', real), ...docs(/ in oai_openaire /, 'oai_openaire')],
  cerif_perucris: () => readdirSync(real).filter((f) => /^perucris-guidelines-example-cerif-/.test(f)).flatMap((f) => page(f, 'cerif_perucris')),
  oai_cerif_openaire: () => docs(/^(an? )?OpenAIRE CRIS /, 'oai_cerif_openaire'),
  madmp: () => [...readdirSync(`${sharedFixtures}madmp/`).filter((f) => f.endsWith('.json')).map((f) => bare(f, 'madmp', `${sharedFixtures}madmp/`)), ...docs(/maDMP.*\.json$/, 'madmp')],
}

describe('every registered input format conforms on its fixtures', () => {
  it('every format in the registry has fixtures, and no fixture set names a format that is not registered', () => {
    expect(Object.keys(fixtures).sort()).toEqual(Object.keys(inputFormats).sort())
  })

  for (const [prefix, format] of Object.entries(inputFormats)) {
    it(`${prefix}: every fixture maps, and every entity validates against its schema`, () => {
      const inputs = fixtures[prefix]?.() ?? []
      expect(inputs.length, `${prefix} has no fixtures`).toBeGreaterThan(0)
      for (const input of inputs) {
        const result = format.map(input)
        expect(result.ok, `${input.oaiIdentifier}: ${result.ok ? '' : result.error}`).toBe(true)
        if (!result.ok) continue
        expect(result.entities.length).toBeGreaterThan(0)
        for (const entity of result.entities) expect(validateEntity(entity), `${input.oaiIdentifier} (${entity.kind})`).toEqual([])
      }
    })
  }
})
