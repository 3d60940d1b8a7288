// The real PUCP theses of the flattened oai_dc CSV (shared/fixtures/oai/real, see its PROVENANCE) rebuilt as oai_dc
// records: one dc element per line of a cell, `Missing` = absent, the description kept as one value.
import { parse } from 'csv-parse/sync'
import type { RawInput } from '../../src/normalize/types.ts'
import { realOai } from './fixtures.ts'

const DC = ['title', 'creator', 'subject', 'description', 'publisher', 'contributor', 'date', 'type', 'format',
  'identifier', 'source', 'language', 'relation', 'coverage', 'rights']

let rows: Record<string, string>[] | undefined

export function pucpTheses(sourceId = 'pucp-tesis'): RawInput[] {
  rows ??= parse(realOai('pucp-tesis-oai_dc-pyoai-flattened.csv'), { bom: true, columns: true, skip_empty_lines: true, relax_column_count: true }) as Record<string, string>[]
  return rows.map((row) => {
    const cell = (name: string) => row[name] ?? 'Missing'
    const elements = DC.flatMap((name) => {
      const value = cell(name)
      if (value === 'Missing') return []
      return (name === 'description' ? [value] : value.split('\n')).map((v) => `<dc:${name}>${escapeXml(v)}</dc:${name}>`)
    })
    const handle = cell('identifier').split('\n').find((v) => /hdl\.handle\.net/.test(v))?.replace(/^https?:\/\/hdl\.handle\.net\//, '') ?? ''
    return {
      sourceId, oaiIdentifier: `oai:tesis.pucp.edu.pe:${handle}`, datestamp: '2023-08-28T00:00:00Z',
      harvestedAt: '2023-08-28T00:00:00Z', metadataPrefix: 'oai_dc', repositoryHost: 'tesis.pucp.edu.pe',
      metadata: `<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n${elements.join('\n')}\n</oai_dc:dc>`,
    }
  })
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}
