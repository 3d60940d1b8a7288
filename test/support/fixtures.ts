// Paths to the shared real-world fixtures (tests may read ../shared; the project never does at run time).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const sharedFixtures = fileURLToPath(new URL('../../../shared/fixtures/', import.meta.url))

export function realOai(name: string): string {
  return readFileSync(`${sharedFixtures}oai/real/${name}`, 'utf8')
}
