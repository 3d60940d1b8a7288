// The source config loader: the shipped file loads, and each slip an operator makes is named field by field.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { Source } from '../../harvesters/types.ts'
import { formatConfigProblems, loadSources, parseSources, type ConfigProblem } from '../../src/config/sources.ts'
import { scratchDir } from '../support/scratch-dir.ts'

const shipped = fileURLToPath(new URL('../../data/sources.json', import.meta.url))
const schemaFile = fileURLToPath(new URL('../../schemas/source.schema.json', import.meta.url))

/** A config as an operator would write it: the PUCP theses endpoint and a second real-looking source. */
function config(edit: (sources: Record<string, unknown>[]) => void = () => {}): string {
  const sources: Record<string, unknown>[] = [
    { id: 'alicia-oai-dc', baseUrl: 'https://alicia.concytec.gob.pe/vufind/OAI/Server', metadataPrefix: 'oai_dc' },
    { id: 'upc-institucional-oai-dc', baseUrl: 'https://repositorioacademico.upc.edu.pe/oai/request', metadataPrefix: 'oai_dc' },
    { id: 'concytec-repositorio-xoai', baseUrl: 'https://repositorio.concytec.gob.pe/server/oai/request', metadataPrefix: 'xoai' },
    {
      id: 'pucp-tesis',
      name: 'PUCP-Tesis',
      baseUrl: 'https://tesis.pucp.edu.pe/oai/request',
      metadataPrefix: 'oai_dc',
      set: 'com_20.500.12404_1',
      politeness: { concurrency: 1, delayMs: 1000 },
      harvest: { overlapHours: 72 },
    },
  ]
  edit(sources)
  return JSON.stringify(sources, null, 2)
}

function problemsOf(text: string): ConfigProblem[] {
  const result = parseSources(text, 'sources.json')
  if (result.ok) throw new Error('expected the config to be rejected')
  return result.error
}

function report(text: string): string {
  return formatConfigProblems(problemsOf(text))
}

describe('the shipped data/sources.json', () => {
  const result = loadSources(shipped)

  it('validates against the schema', () => {
    if (!result.ok) throw new Error(formatConfigProblems(result.error))
    expect(result.value.length).toBeGreaterThan(0)
  })

  it('has unique ids and says where each endpoint comes from', () => {
    const sources = result.ok ? result.value : []
    expect(new Set(sources.map((s) => s.id)).size).toBe(sources.length)
    for (const source of sources) expect(source.note).toMatch(/not verified from here \(no network\)/i)
  })

  it('is polite to production endpoints: one request at a time, a pause between requests', () => {
    for (const source of result.ok ? result.value : []) {
      expect(source.politeness?.concurrency).toBe(1)
      expect(source.politeness?.delayMs).toBeGreaterThanOrEqual(1000)
    }
  })
})

describe('the schema', () => {
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { $defs: Record<string, { properties: Record<string, { description?: string }>; additionalProperties: boolean }> }

  it('describes every property and closes every object, so a typo is reported', () => {
    for (const [name, def] of Object.entries(schema.$defs)) {
      expect(def.additionalProperties, name).toBe(false)
      for (const [key, property] of Object.entries(def.properties)) expect(property.description, `${name}.${key}`).toBeTruthy()
    }
  })

  it('has exactly the keys of Source, Politeness, HarvestSettings and Quirks', () => {
    // Keys listed by hand from harvesters/types.ts; `satisfies` makes the compiler check each list is complete.
    const source = ['id', 'baseUrl', 'metadataPrefix', 'protocol', 'name', 'institution', 'role', 'set', 'enabled', 'note', 'politeness', 'harvest', 'quirks'] satisfies (keyof Source)[]
    const keys = (def: string) => Object.keys(schema.$defs[def]?.properties ?? {}).sort()
    expect(keys('source')).toEqual([...source].sort())
    expect(keys('politeness')).toEqual(['bodyTimeoutMs', 'concurrency', 'delayMs', 'headerTimeoutMs', 'maxAttempts', 'maxRetryAfterSec'])
    expect(keys('harvest')).toEqual(['overlapHours', 'reconcileEveryDays', 'windowDays'])
    expect(keys('quirks')).toEqual(['granularity', 'insecureTls', 'metadataPrefixWithToken', 'noDateWindows'])
  })
})

describe('defaults', () => {
  it('fills protocol, enabled and politeness after validation, keeping what the file says', () => {
    const result = parseSources(config(), 'sources.json')
    if (!result.ok) throw new Error(formatConfigProblems(result.error))
    const [alicia, , , pucp] = result.value
    expect(alicia).toMatchObject({ protocol: 'oai-pmh', enabled: true, politeness: { concurrency: 1, delayMs: 0 } })
    expect(alicia?.harvest).toBeUndefined()
    expect(pucp).toMatchObject({ set: 'com_20.500.12404_1', politeness: { concurrency: 1, delayMs: 1000 }, harvest: { overlapHours: 72 } })
  })

  it('keeps a disabled source disabled', () => {
    const result = parseSources(config((s) => { s[0]!.enabled = false }), 'sources.json')
    expect(result.ok && result.value[0]?.enabled).toBe(false)
  })
})

describe('a broken config is reported field by field', () => {
  it('a source without baseUrl', () => {
    expect(report(config((s) => { delete s[3]!.baseUrl }))).toBe("sources.json: source 'pucp-tesis' (/3): baseUrl is required")
  })

  it('a source without id is named by its position', () => {
    const problems = problemsOf(config((s) => { delete s[1]!.id }))
    expect(problems).toEqual([{ file: 'sources.json', path: '/1/id', message: 'source /1: id is required' }])
  })

  it('a baseUrl that is not an http(s) URL', () => {
    expect(report(config((s) => { s[3]!.baseUrl = 'tesis.pucp.edu.pe/oai/request' }))).toBe(
      "sources.json: source 'pucp-tesis' (/3): baseUrl must be an http:// or https:// URL without query string or fragment (got 'tesis.pucp.edu.pe/oai/request')",
    )
  })

  it('a baseUrl with the verb already in it', () => {
    const problems = problemsOf(config((s) => { s[1]!.baseUrl = 'https://repositorioacademico.upc.edu.pe/oai/request?verb=Identify' }))
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toBe('/1/baseUrl')
  })

  it('a typo in a politeness key, with a suggestion', () => {
    expect(report(config((s) => { s[3]!.politeness = { concurrency: 1, delayMS: 1000 } }))).toBe(
      `sources.json: source 'pucp-tesis' (/3): politeness.delayMS is not a known setting; did you mean "delayMs"?`,
    )
  })

  it('a typo in a top-level key', () => {
    const problems = problemsOf(config((s) => { s[0]!.metadataPrefx = s[0]!.metadataPrefix; delete s[0]!.metadataPrefix }))
    expect(problems.map((p) => p.message)).toEqual([
      "source 'alicia-oai-dc' (/0): metadataPrefix is required",
      `source 'alicia-oai-dc' (/0): metadataPrefx is not a known setting; did you mean "metadataPrefix"?`,
    ])
    expect(problems.map((p) => p.path)).toEqual(['/0/metadataPrefix', '/0/metadataPrefx'])
  })

  it('a negative delay', () => {
    const problems = problemsOf(config((s) => { s[3]!.politeness = { delayMs: -500 } }))
    expect(problems).toEqual([{ file: 'sources.json', path: '/3/politeness/delayMs', message: "source 'pucp-tesis' (/3): politeness.delayMs must be >= 0" }])
    expect(formatConfigProblems(problems)).toBe("sources.json: source 'pucp-tesis' (/3): politeness.delayMs must be >= 0")
  })

  it('an empty set, reported once', () => {
    expect(report(config((s) => { s[3]!.set = '' }))).toBe(
      `sources.json: source 'pucp-tesis' (/3): set must not be empty: leave "set" out to harvest the whole repository (an empty set parameter is never sent)`,
    )
  })

  it('a duplicate id', () => {
    const problems = problemsOf(config((s) => { s.push({ id: 'pucp-tesis', baseUrl: 'https://tesis.pucp.edu.pe/oai/request', metadataPrefix: 'xoai' }) }))
    expect(problems).toEqual([{ file: 'sources.json', path: '/4/id', message: "source 'pucp-tesis' (/4): id is already used by source /3; ids must be unique" }])
  })

  it('the same endpoint, format and set under two ids', () => {
    expect(report(config((s) => { s.push({ id: 'upc-again', baseUrl: 'https://repositorioacademico.upc.edu.pe/oai/request/', metadataPrefix: 'oai_dc' }) }))).toBe(
      "sources.json: source 'upc-again' (/4): harvests the same baseUrl, metadataPrefix and set as source 'upc-institucional-oai-dc' (/1)",
    )
  })

  it('a number written as a string, an unknown protocol and a bad granularity', () => {
    const problems = problemsOf(config((s) => {
      s[0]!.politeness = { concurrency: '2' }
      s[1]!.protocol = 'oai'
      s[2]!.quirks = { granularity: 'YYYY-MM-DDThh:mm:ss.sZ' }
    }))
    expect(problems.map((p) => p.message)).toEqual([
      `source 'alicia-oai-dc' (/0): politeness.concurrency must be an integer (got '2')`,
      `source 'upc-institucional-oai-dc' (/1): protocol must be one of 'oai-pmh', 'madmp' (got 'oai')`,
      `source 'concytec-repositorio-xoai' (/2): quirks.granularity must be one of 'YYYY-MM-DD', 'YYYY-MM-DDThh:mm:ssZ' (got 'YYYY-MM-DDThh:mm:ss.sZ')`,
    ])
  })

  it('every problem at once, in file order', () => {
    const problems = problemsOf(config((s) => {
      s[3]!.politeness = { maxAttempts: 0 }
      s[0]!.id = 'ALICIA'
      s[2]!.harvest = { windowDays: 0 }
    }))
    expect(problems.map((p) => p.message)).toEqual([
      "source 'ALICIA' (/0): id must be a slug: lowercase letters, digits, '-', '_' or '.', starting with a letter or digit (got 'ALICIA')",
      "source 'concytec-repositorio-xoai' (/2): harvest.windowDays must be > 0",
      "source 'pucp-tesis' (/3): politeness.maxAttempts must be >= 1",
    ])
  })

  it('a file that is an object, not an array', () => {
    expect(report('{ "sources": [] }')).toBe('sources.json: the file must hold a JSON array of sources: it must be an array ([ … ]) (got an object)')
  })

  it('invalid JSON, with line and column', () => {
    const text = config().replace('"metadataPrefix": "xoai"', '"metadataPrefix": "xoai",')
    const problems = problemsOf(text)
    expect(problems).toHaveLength(1)
    expect(problems[0]?.path).toBe('')
    // The closing brace after the trailing comma sits on line 16, column 3 of the pretty-printed file.
    expect(problems[0]?.message).toBe('invalid JSON at line 16, column 3: Expected double-quoted property name (a trailing comma before it?)')
  })

  it('a truncated file', () => {
    expect(report('[\n  { "id": "alicia-oai-dc"')).toMatch(/^sources\.json: invalid JSON at line 2, column 26: /)
  })

  it('a missing file', () => {
    const file = join(scratchDir('redcti-config-'), 'sources.json')
    const result = loadSources(file)
    expect(result.ok ? [] : result.error).toEqual([{ file, path: '', message: 'file not found' }])
  })

  it('reads a file saved with a byte-order mark', () => {
    const file = join(scratchDir('redcti-config-'), 'sources.json')
    writeFileSync(file, `\uFEFF${config()}`)
    expect(loadSources(file).ok).toBe(true)
  })
})

describe('madmp sources (maDMP JSON from a folder or a URL)', () => {
  const madmp = (fields: Record<string, unknown>) => config((s) => { s.push({ id: 'pgd-prociencia', protocol: 'madmp', metadataPrefix: 'madmp', ...fields }) })

  it('accepts a folder path, a file: URL and an http(s) URL with a query string', () => {
    for (const baseUrl of ['data/dmps', '/srv/redcti/dmps/', 'file:///srv/redcti/dmps', 'https://dmp.example.pe/api/v1/plans?format=ndjson']) {
      const result = parseSources(madmp({ baseUrl }), 'sources.json')
      if (!result.ok) throw new Error(`${baseUrl}: ${formatConfigProblems(result.error)}`)
      expect(result.value[4]).toMatchObject({ protocol: 'madmp', baseUrl })
    }
  })

  it('a madmp source must use the madmp format', () => {
    expect(report(madmp({ baseUrl: 'data/dmps', metadataPrefix: 'oai_dc' }))).toBe(
      "sources.json: source 'pgd-prociencia' (/4): metadataPrefix must be 'madmp' for a madmp source: its documents are maDMP JSON (got 'oai_dc')",
    )
  })

  it('an OAI-PMH source still needs an http(s) base URL', () => {
    expect(report(config((s) => { s[0]!.baseUrl = 'data/dmps' }))).toBe(
      "sources.json: source 'alicia-oai-dc' (/0): baseUrl must be an http:// or https:// URL without query string or fragment (got 'data/dmps')",
    )
  })
})
