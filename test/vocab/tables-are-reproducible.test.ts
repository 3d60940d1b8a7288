// The derived tables in data/vocab are exactly what scripts/build-vocabularies.ts makes from the fixtures.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildVocabularyTables } from '../../scripts/vocab/tables.ts'
import { sharedFixtures } from '../support/fixtures.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const committed = (file: string) => readFileSync(join(root, 'data/vocab', file), 'utf8')

describe('the derived vocabulary tables', () => {
  it('are byte-identical to a fresh build from shared/fixtures, and a second build gives the same bytes', () => {
    const first = buildVocabularyTables(sharedFixtures)
    const second = buildVocabularyTables(sharedFixtures)
    expect([...first.keys()].sort()).toEqual([
      'coar-access-rights.json', 'coar-resource-types.json', 'coar-versions.json', 'concytec-terminos.json',
      'ocde-ford.json', 'renati-level.json', 'renati-type.json',
    ])
    for (const [file, content] of first) {
      expect(second.get(file), file).toBe(content)
      expect(committed(file), `${file} is stale: run npx tsx scripts/build-vocabularies.ts ../shared/fixtures`).toBe(content)
    }
  })

  it('are what the documented command writes', () => {
    const out = mkdtempSync(join(tmpdir(), 'redcti-vocab-'))
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-vocabularies.ts'), sharedFixtures, '--out', out], {
        cwd: root, encoding: 'utf8',
      })
      expect(run.status, run.stderr).toBe(0)
      const written = readdirSync(out).sort()
      expect(written).toHaveLength(7)
      for (const file of written) expect(readFileSync(join(out, file), 'utf8'), file).toBe(committed(file))
      const check = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/build-vocabularies.ts'), sharedFixtures, '--check'], {
        cwd: root, encoding: 'utf8',
      })
      expect(check.status, check.stderr).toBe(0)
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  })
})
