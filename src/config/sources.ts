// Loads data/sources.json into Source values, or names every problem field by field in an operator's words.
import { readFileSync } from 'node:fs'
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { fail, ok, type Result, type Source } from '../../harvesters/types.ts'

/** One thing wrong with a config file; `path` is a JSON pointer into it ('' = the whole file). */
export interface ConfigProblem {
  file: string
  path: string
  message: string
}

const schemaUrl = new URL('../../schemas/source.schema.json', import.meta.url)

let compiled: ValidateFunction | undefined

// Compiled on first use, not at import, so merely importing this module touches no disk.
function sourceValidator(): ValidateFunction {
  if (compiled) return compiled
  // allErrors: an operator fixes the whole file in one pass; verbose: messages need the schema's known keys.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true })
  // ajv-formats is CommonJS: under NodeNext the default import is the module object, the plugin is `.default`.
  addFormats.default(ajv, ['uri'])
  compiled = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')))
  return compiled
}

export function loadSources(file: string): Result<Source[], ConfigProblem[]> {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    return fail([{ file, path: '', message: describeReadFailure(error) }])
  }
  return parseSources(text, file)
}

export function parseSources(text: string, file: string): Result<Source[], ConfigProblem[]> {
  let data: unknown
  try {
    // Editors on Windows save a byte-order mark that JSON.parse rejects; it carries no meaning.
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    return fail([{ file, path: '', message: describeSyntaxError(text, error) }])
  }
  const validate = sourceValidator()
  const problems = validate(data) ? [] : schemaProblems(validate.errors ?? [], data, file)
  problems.push(...duplicateProblems(data, file))
  if (problems.length > 0) return fail(problems.sort(bySourceIndex))
  return ok((data as Source[]).map(withDefaults))
}

export function formatConfigProblems(problems: ConfigProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.message}`).join('\n')
}

/** The defaults the schema documents, applied only to a file that passed validation. */
function withDefaults(source: Source): Source {
  return {
    ...source,
    protocol: source.protocol ?? 'oai-pmh',
    role: source.role ?? 'repository',
    enabled: source.enabled ?? true,
    politeness: { ...source.politeness, concurrency: source.politeness?.concurrency ?? 1, delayMs: source.politeness?.delayMs ?? 0 },
  }
}

function describeReadFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return 'file not found'
  if (code === 'EACCES') return 'cannot read the file: permission denied'
  if (code === 'EISDIR') return 'is a directory, not a JSON file'
  return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`
}

function describeSyntaxError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  // Node 20 says "… in JSON at position N"; Node 22 adds "(line L column C)". End of input has no position.
  const at = /at position (\d+)/.exec(raw)
  const position = at ? Number(at[1]) : raw.includes('end of JSON input') ? text.length : locateUnexpected(text, raw)
  // Node 20 quotes a slice of the file after the reason ('Unexpected token ']', "[ {…} ]" is not valid JSON): drop it.
  const reason = raw.replace(/\s*in JSON at position \d+.*$|\s*\(line \d+ column \d+\)$/s, '').replace(/,\s*(?:\.\.\.)?".*" is not valid JSON$/s, '')
  if (position === undefined) return `invalid JSON: ${reason}`
  const before = text.slice(0, position)
  const line = before.split('\n').length
  const column = position - before.lastIndexOf('\n')
  // The most common hand-editing slip; JSON.parse reports it as a missing property name or value.
  const trailingComma = /,\s*$/.test(before) && /^\s*[}\]]/.test(text.slice(position)) ? ' (a trailing comma before it?)' : ''
  return `invalid JSON at line ${line}, column ${column}: ${reason}${trailingComma}`
}

/**
 * Node 20 gives no position for some errors ("Unexpected token ']', … is not valid JSON"): find the token.
 * A comma before a closing bracket is the usual culprit, so look for that first.
 */
function locateUnexpected(text: string, raw: string): number | undefined {
  const token = /Unexpected token '(.)'/.exec(raw)?.[1]
  const trailing = /,(\s*)[}\]]/.exec(text)
  if (trailing && (!token || text[trailing.index + 1 + trailing[1]!.length] === token)) return trailing.index + 1 + trailing[1]!.length
  if (token) {
    const index = text.indexOf(token)
    return index >= 0 ? index : undefined
  }
  return undefined
}

function schemaProblems(errors: ErrorObject[], data: unknown, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = []
  const valueReported = new Set<string>()
  for (const error of errors) {
    // An if/then/else failure (protocol-specific rules) only repeats the field-level errors beneath it.
    if (error.keyword === 'if') continue
    // One bad value trips several keywords ('' fails minLength and pattern): report it once.
    const objectLevel = error.keyword === 'required' || error.keyword === 'additionalProperties'
    if (!objectLevel) {
      if (valueReported.has(error.instancePath)) continue
      valueReported.add(error.instancePath)
    }
    const path = objectLevel ? `${error.instancePath}/${escapePointer(propertyOf(error))}` : error.instancePath
    problems.push({ file, path, message: `${subjectOf(data, path)}${describeSchemaError(error)}` })
  }
  return problems
}

function propertyOf(error: ErrorObject): string {
  const params = error.params as { missingProperty?: string; additionalProperty?: string }
  return params.missingProperty ?? params.additionalProperty ?? ''
}

function describeSchemaError(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  const value: unknown = error.data
  switch (error.keyword) {
    case 'required': return 'is required'
    case 'additionalProperties': return `is not a known setting${suggestKey(String(params.additionalProperty), knownKeys(error))}`
    case 'type': return `must be ${withArticle(String(params.type))} (got ${describeValue(value)})`
    case 'minimum': return `must be >= ${String(params.limit)}`
    case 'exclusiveMinimum': return `must be > ${String(params.limit)}`
    case 'maximum': return `must be <= ${String(params.limit)}`
    case 'enum': return `must be one of ${(params.allowedValues as unknown[]).map(describeValue).join(', ')} (got ${describeValue(value)})`
    case 'minLength': return lastSegment(error.instancePath) === 'set'
      ? 'must not be empty: leave "set" out to harvest the whole repository (an empty set parameter is never sent)'
      : 'must not be empty'
    case 'maxLength': return `must be at most ${String(params.limit)} characters (got ${describeValue(value)})`
    case 'pattern':
    case 'format': return `${shapeOf(lastSegment(error.instancePath), error.schemaPath) ?? `must match ${String(error.schema)}`} (got ${describeValue(value)})`
    case 'const': return lastSegment(error.instancePath) === 'metadataPrefix'
      ? `must be 'madmp' for a madmp source: its documents are maDMP JSON (got ${describeValue(value)})`
      : `must be ${describeValue(params.allowedValue)} (got ${describeValue(value)})`
    case 'not': return lastSegment(error.instancePath) === 'metadataPrefix'
      ? `'all' is reserved by OAI-PMH (§3.4) and names no format`
      : `${error.message ?? 'is not allowed'} (got ${describeValue(value)})`
    default: return `${error.message ?? `fails ${error.keyword}`} (got ${describeValue(value)})`
  }
}

/** What a patterned field should look like, in words; the patterns live in the schema. */
function shapeOf(field: string, schemaPath = ''): string | undefined {
  switch (field) {
    case 'id': return "must be a slug: lowercase letters, digits, '-', '_' or '.', starting with a letter or digit"
    // The protocol's rules sit in the schema's if/then/else: `then` holds the madmp ones.
    case 'baseUrl': return schemaPath.includes('/then/')
      ? 'must be a folder path, a file: URL or an http:// or https:// URL for a madmp source'
      : 'must be an http:// or https:// URL without query string or fragment'
    case 'metadataPrefix': return "may hold only letters, digits and - _ . ! ~ * ' ( )"
    case 'set': return "must be a setSpec: letters, digits and - _ . ! ~ * ' ( ), levels joined by ':'"
    default: return undefined
  }
}

function knownKeys(error: ErrorObject): string[] {
  const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties
  return Object.keys(properties ?? {})
}

function suggestKey(key: string, known: string[]): string {
  const lower = key.toLowerCase()
  const close = known.find((k) => k.toLowerCase() === lower)
    ?? known.find((k) => editDistance(k, key) <= 2)
    // "overlap" for "overlapHours": the unit suffix is what operators leave out.
    ?? (lower.length >= 4 ? known.find((k) => k.toLowerCase().startsWith(lower)) : undefined)
  return close ? `; did you mean "${close}"?` : known.length > 0 ? ` (known: ${known.join(', ')})` : ''
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

function duplicateProblems(data: unknown, file: string): ConfigProblem[] {
  if (!Array.isArray(data)) return []
  const problems: ConfigProblem[] = []
  const byId = new Map<string, number>()
  const byEndpoint = new Map<string, number>()
  data.forEach((item: unknown, index) => {
    if (typeof item !== 'object' || item === null) return
    const { id, baseUrl, metadataPrefix, set } = item as Record<string, unknown>
    if (typeof id === 'string') {
      const first = byId.get(id)
      if (first === undefined) byId.set(id, index)
      else problems.push({ file, path: `/${index}/id`, message: `${subjectOf(data, `/${index}/id`)}is already used by source /${first}; ids must be unique` })
    }
    if (typeof baseUrl === 'string' && typeof metadataPrefix === 'string') {
      // The same list harvested under two ids would store every record twice under two histories.
      const key = JSON.stringify([baseUrl.replace(/\/+$/, ''), metadataPrefix, typeof set === 'string' ? set : null])
      const first = byEndpoint.get(key)
      if (first === undefined) byEndpoint.set(key, index)
      else problems.push({ file, path: `/${index}`, message: `${subjectOf(data, `/${index}`)}harvests the same baseUrl, metadataPrefix and set as ${describeSource(data, first)}` })
    }
  })
  return problems
}

/** "source 'pucp-tesis' (/3): politeness.delayMs " — who and which field, for the front of a message. */
function subjectOf(data: unknown, pointer: string): string {
  const segments = pointer.split('/').slice(1).map(unescapePointer)
  if (segments.length === 0) return Array.isArray(data) ? '' : 'the file must hold a JSON array of sources: it '
  const [index, ...field] = segments
  const who = `${describeSource(data, Number(index))}: `
  return field.length > 0 ? `${who}${field.join('.')} ` : `${who}`
}

function describeSource(data: unknown, index: number): string {
  const item: unknown = Array.isArray(data) ? data[index] : undefined
  const id = typeof item === 'object' && item !== null ? (item as Record<string, unknown>).id : undefined
  return typeof id === 'string' && id !== '' ? `source '${id}' (/${index})` : `source /${index}`
}

function bySourceIndex(a: ConfigProblem, b: ConfigProblem): number {
  return sourceIndex(a.path) - sourceIndex(b.path)
}

function sourceIndex(pointer: string): number {
  const first = pointer.split('/')[1]
  return first === undefined ? -1 : Number(first)
}

function withArticle(type: string): string {
  const noun = type === 'object' ? 'object ({ … })' : type === 'array' ? 'array ([ … ])' : type
  return /^[aeiou]/.test(type) ? `an ${noun}` : `a ${noun}`
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}…` : value}'`
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  if (typeof value === 'object') return 'an object'
  return String(value)
}

function lastSegment(pointer: string): string {
  return unescapePointer(pointer.slice(pointer.lastIndexOf('/') + 1))
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1')
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~')
}
