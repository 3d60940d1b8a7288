// CLI: regenerates data/vocab/*.json from shared/fixtures; `--check` only reports tables that differ.
// Usage: npx tsx scripts/build-vocabularies.ts <path to shared/fixtures> [--out <dir>] [--check]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildVocabularyTables } from './vocab/tables.ts'

const args = process.argv.slice(2)
const fixtures = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out')
const outIndex = args.indexOf('--out')
const out = outIndex >= 0 ? args[outIndex + 1] : fileURLToPath(new URL('../data/vocab/', import.meta.url))
const check = args.includes('--check')

if (!fixtures || !out || !existsSync(join(fixtures, 'perucris/vocabularios'))) {
  console.error('usage: npx tsx scripts/build-vocabularies.ts <path to shared/fixtures> [--out <dir>] [--check]')
  process.exit(2)
}

let stale = 0
mkdirSync(out, { recursive: true })
for (const [file, content] of buildVocabularyTables(fixtures)) {
  const path = join(out, file)
  const same = existsSync(path) && readFileSync(path, 'utf8') === content
  if (check) {
    if (!same) { stale++; console.error(`${file}: differs from what the fixtures give`) }
    continue
  }
  if (!same) writeFileSync(path, content)
  console.log(`${same ? 'unchanged' : 'wrote    '} ${path}`)
}
process.exit(stale ? 1 : 0)
