// Every national identity number in the fixtures we harvest (CERIF identifiers typed dni/passport/cext/cédula,
// DSpace renati.*.dni in dim and xoai, numbers labelled DNI in text): what no public output may ever contain.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sharedFixtures } from './fixtures.ts'

const writtenFromDocs = fileURLToPath(new URL('../normalize/fixtures/written-from-docs/', import.meta.url))

export function collectNationalIds(): Set<string> {
  const ids = new Set<string>()
  const realDir = `${sharedFixtures}oai/real/`
  const texts = [
    ...readdirSync(realDir).filter((f) => f.endsWith('.xml') || f.endsWith('.csv')).map((f) => readFileSync(realDir + f, 'utf8')),
    ...readdirSync(writtenFromDocs).map((f) => readFileSync(writtenFromDocs + f, 'utf8')),
  ]
  for (const text of texts) {
    for (const m of text.matchAll(/terminos#(?:dni|pasaporte|cext|carne\w*|cedula)"\s*>\s*([^<\s]+)/gi)) ids.add(m[1]!)
    for (const m of text.matchAll(/qualifier="(?:dni|pasaporte|cext|cedula)"[^>]*>\s*([^<\s]+)/gi)) ids.add(m[1]!)
    for (const m of text.matchAll(/<element name="(?:dni|pasaporte|cext|cedula)">[\s\S]*?<field name="value">\s*([^<\s]+)/gi)) ids.add(m[1]!)
    for (const m of text.matchAll(/\bDNI\s*(?:N[°ºo.]*)?\s*:?\s*(\d{8})\b/g)) ids.add(m[1]!)
  }
  return ids
}
