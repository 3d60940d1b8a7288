// CONCYTEC identifier-scheme terms (concytec/terminos#dni, #ruc) and which schemes are personal identity documents.
import terminos from '../../data/vocab/concytec-terminos.json' with { type: 'json' }
import documents from '../../data/vocab/identifier-schemes.json' with { type: 'json' }
import { conceptLookup, type SkosTerm } from './concept-lookup.ts'
import { isLookupValue, textKey, uriKey } from './key.ts'

const lookup = conceptLookup(terminos.source.scheme, terminos.concepts)
const schemeKey = uriKey(terminos.source.scheme)
const documentCodes = new Set(Object.keys(documents.documents))
const aliases = new Map(Object.entries(documents.aliases as Record<string, string>).map(([name, code]) => [textKey(name), code]))

/** A concytec/terminos concept (http or https purl, `#dni`, `dni`), or null. */
export function identifierScheme(value: string): SkosTerm | null {
  return lookup(value)
}

/**
 * Whether an identifier of this scheme is a person's national identity document (DNI, carné de extranjería,
 * passport, cédula), which must never be republished. Accepts the terminos purl in either scheme, a bare
 * code, a document name, and RENATI's DSpace field names (`renati.author.dni`, `renati.advisor.cext`).
 * terminos defines only #dni; `terminos#cext`, `#pasaporte` and `#cedula` count too, by analogy: when in
 * doubt about personal data, withholding is the safe side.
 */
export function isNationalIdScheme(value: string): boolean {
  if (!isLookupValue(value)) return false
  let code = value.trim()
  const hash = code.lastIndexOf('#')
  if (hash >= 0) {
    const ns = uriKey(code.slice(0, hash))
    if (ns && ns !== schemeKey && !schemeKey.endsWith(`/${ns}`)) return false
    code = code.slice(hash + 1)
  } else if (/^[a-z]+(?:\.[a-z]+)+$/i.test(code)) {
    code = code.slice(code.lastIndexOf('.') + 1)
  }
  const key = textKey(code)
  return documentCodes.has(key) || aliases.has(key)
}
