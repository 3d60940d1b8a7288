// Reads an OAI-PMH request's key=value pairs into a typed request, or the badVerb/badArgument errors it earns (Spec §3.6, §4).
import type { OaiArgs } from '../../demo/oai-answer.ts'
import { parseDateArgument, type DateArgument } from '../../demo/oai-dates.ts'
import type { OaiError } from '../../demo/oai-xml.ts'

export type OaiVerb = 'Identify' | 'ListMetadataFormats' | 'ListSets' | 'GetRecord' | 'ListIdentifiers' | 'ListRecords'

export type OaiRequest =
  | { verb: 'Identify' }
  | { verb: 'ListMetadataFormats'; identifier?: string }
  | { verb: 'ListSets'; resumptionToken?: string }
  | { verb: 'GetRecord'; identifier: string; metadataPrefix: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; resumptionToken: string }
  | { verb: 'ListIdentifiers' | 'ListRecords'; resumptionToken?: undefined; metadataPrefix: string; from?: DateArgument; until?: DateArgument; set?: string }

/** A request we can answer, or the errors whose response echoes no arguments (Spec §3.2: badVerb, badArgument). */
export type ReadRequest = { ok: true; request: OaiRequest } | { ok: false; errors: OaiError[] }

const verbArguments: Record<OaiVerb, { required: string[]; optional: string[]; resumable: boolean }> = {
  Identify: { required: [], optional: [], resumable: false },
  ListMetadataFormats: { required: [], optional: ['identifier'], resumable: false },
  ListSets: { required: [], optional: [], resumable: true },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [], resumable: false },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], resumable: true },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], resumable: true },
}

// A value XML cannot echo (the validator sends such values on purpose): refused rather than written.
const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

export function readRequest(args: OaiArgs): ReadRequest {
  const verbs = args.filter(([key]) => key === 'verb').map(([, value]) => value)
  if (verbs.length !== 1 || !Object.hasOwn(verbArguments, verbs[0]!)) {
    const message = verbs.length === 0 ? 'The verb argument is missing.'
      : verbs.length > 1 ? 'The verb argument is repeated.'
      : `"${verbs[0]!.replace(notXmlChar, '?')}" is not an OAI-PMH verb (verbs are case-sensitive).`
    return { ok: false, errors: [{ code: 'badVerb', message }] }
  }
  const verb = verbs[0] as OaiVerb
  const spec = verbArguments[verb]
  const allowed = new Set([...spec.required, ...spec.optional, ...(spec.resumable ? ['resumptionToken'] : [])])
  const errors: OaiError[] = []
  const bad = (message: string) => errors.push({ code: 'badArgument', message })
  const values = new Map<string, string>()
  const seen = new Set<string>()
  for (const [key, value] of args) {
    if (key === 'verb') continue
    const shown = key.replace(notXmlChar, '?')
    if (!allowed.has(key)) bad(`"${shown}" is not an argument of ${verb}.`)
    else if (seen.has(key)) bad(`The argument "${key}" is repeated.`)
    else if (value === '') bad(`The argument "${key}" is empty.`)
    else if (notXmlChar.test(value)) bad(`The argument "${key}" holds characters XML cannot carry.`)
    else values.set(key, value)
    seen.add(key)
  }
  // §3.6: every problem is reported, not just the first.
  const token = values.get('resumptionToken')
  if (seen.has('resumptionToken') && spec.resumable) {
    if (seen.size > 1) bad('resumptionToken is an exclusive argument: send it alone with the verb.')
  } else {
    for (const key of spec.required) if (!seen.has(key)) bad(`The required argument "${key}" is missing.`)
  }
  const dates: { from?: DateArgument; until?: DateArgument } = {}
  for (const side of ['from', 'until'] as const) {
    const text = values.get(side)
    if (text === undefined) continue
    const date = parseDateArgument(text, side)
    if (date) dates[side] = date
    else bad(`${side}="${text}" is not a legal date: use YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ (UTC, no fractions).`)
  }
  if (dates.from && dates.until) {
    if (dates.from.granularity !== dates.until.granularity) bad('from and until must have the same granularity.')
    else if (dates.from.bound > dates.until.bound) bad('from must be less than or equal to until.')
  }
  if (errors.length > 0) return { ok: false, errors }

  switch (verb) {
    case 'Identify': return { ok: true, request: { verb } }
    case 'ListMetadataFormats': return { ok: true, request: withOptional({ verb }, 'identifier', values.get('identifier')) }
    case 'ListSets': return { ok: true, request: withOptional({ verb }, 'resumptionToken', token) }
    case 'GetRecord': return { ok: true, request: { verb, identifier: values.get('identifier')!, metadataPrefix: values.get('metadataPrefix')! } }
    case 'ListIdentifiers':
    case 'ListRecords': {
      if (token !== undefined) return { ok: true, request: { verb, resumptionToken: token } }
      const request: OaiRequest = { verb, metadataPrefix: values.get('metadataPrefix')!, ...dates }
      return { ok: true, request: withOptional(request, 'set', values.get('set')) }
    }
  }
}

function withOptional<T extends object, K extends string>(request: T, key: K, value: string | undefined): T {
  return value === undefined ? request : { ...request, [key]: value }
}
