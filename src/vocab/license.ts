// Licences: CC URLs in every form, "CC BY 4.0" codes and CC names in Spanish/English/Portuguese -> URI and SPDX id.
import table from '../../data/vocab/licenses.json' with { type: 'json' }
import { isLookupValue, textKey, uriKey } from './key.ts'
import { memoize } from './memoize.ts'

export interface License {
  /** Canonical URI: `https://creativecommons.org/licenses/by-nc-sa/4.0/` (ports keep their country segment). */
  uri: string
  /** SPDX id when SPDX lists exactly this licence; null for CC ports SPDX lacks and for version-less mentions. */
  spdx: string | null
}

type CcElement = 'by' | 'nc' | 'nd' | 'sa'
const ORDER: CcElement[] = ['by', 'nc', 'nd', 'sa']

const elementWords = new Map(Object.entries(table.ccElements as Record<string, CcElement>))
const licences = new Set(table.ccLicences)
const versions = new Set(table.ccVersions)
const uriExceptions: Record<string, string> = table.ccUriExceptions
const spdxIds = new Set(table.spdx)
const jurisdictionNames = new Map(Object.entries(table.ccJurisdictions as Record<string, string>))
const jurisdictionCodes = new Set([
  ...jurisdictionNames.values(),
  // Ports SPDX lists, so that "CC BY 3.0 DE" names its SPDX id.
  ...table.spdx.map((id) => /-(\d\.\d)-([A-Z]+)$/.exec(id)?.[2]?.toLowerCase()).filter((j): j is string => Boolean(j)),
])
const unported = new Set(table.ccUnported)
const filler = new Set(table.ccFiller)

const others = new Map<string, License>()
for (const entry of table.other) {
  for (const m of entry.match) others.set(m.includes('/') ? uriKey(m) : textKey(m), { uri: entry.uri, spdx: entry.spdx })
}

function ccLicense(elements: Iterable<string>, version: string | null, jurisdiction: string | null): License | null {
  const set = new Set(elements)
  if (!set.has('by') || [...set].some((e) => !ORDER.includes(e as CcElement))) return null
  const code = ORDER.filter((e) => set.has(e)).join('-')
  if (!licences.has(code)) return null
  if (!version) return { uri: `https://creativecommons.org/licenses/${code}/`, spdx: null }
  if (!versions.has(version)) return null
  const path = uriExceptions[`${code}/${version}`] ?? `${code}/${version}`
  const spdx = `CC-${code.toUpperCase()}-${version}${jurisdiction ? `-${jurisdiction.toUpperCase()}` : ''}`
  return {
    uri: `https://creativecommons.org/licenses/${path}/${jurisdiction ? `${jurisdiction}/` : ''}`,
    spdx: spdxIds.has(spdx) ? spdx : null,
  }
}

// creativecommons.org/licenses/<code>[/<version>[/<jurisdiction>]][/deed.xx|/legalcode[.xx]|/rdf]
function fromUrl(key: string): License | null {
  const m = /creativecommons\.org\/licen[cs]es\/([^\s"'<>()]*)/.exec(key)
  if (!m) return null
  const [code = '', second, third] = m[1]!.split('/')
  const version = second && /^\d\.\d$/.test(second) ? second : null
  const jurisdiction = version && third && /^[a-z]{2,8}$/.test(third) && !/^(deed|legalcode|rdf)$/.test(third) ? third : null
  return ccLicense(code.split('-'), version, jurisdiction)
}

// "CC BY-NC-SA 2.5 AR", "(CC BY)", "cc-by-4.0", and PerúCRIS's "CCAttribution(BY-NC-ND/4.0/)".
const CODE = /(?<![a-z])cc[\s-]*(?:attribution[\s-]*)?\(?\s*(by(?:[\s-]+(?:nc|nd|sa))*)(?![a-z])(?:[\s/-]+(\d\.\d))?(?:[\s/-]+([a-z]{2,3})(?![a-z]))?/

function fromCode(key: string): License | null {
  const m = CODE.exec(key)
  if (!m) return null
  const version = m[2] ?? null
  const jurisdiction = version && m[3] && jurisdictionCodes.has(m[3]) ? m[3] : null
  return ccLicense(m[1]!.split(/[\s-]+/), version, jurisdiction)
}

// "Atribución-NoComercial-SinDerivadas 2.5 Perú", "Creative Commons Attribution-NonCommercial". Without
// a Creative Commons mention every word must be part of a licence name, so ordinary prose never matches.
function fromNames(key: string): License | null {
  const words = key.split(/[\s\-–(),/:;]+|\.(?!\d)/).filter(Boolean)
  const elements: string[] = []
  let version: string | null = null
  let jurisdiction: string | null = null
  let stray = false
  for (let i = 0; i < words.length;) {
    let used = 0
    for (const n of [3, 2, 1]) {
      if (i + n > words.length) continue
      const joined = words.slice(i, i + n).join('')
      const spaced = words.slice(i, i + n).join(' ')
      const element = elementWords.get(joined)
      if (element) { elements.push(element); used = n; break }
      const place = jurisdictionNames.get(spaced)
      if (place) { jurisdiction = place; used = n; break }
    }
    if (!used) {
      const word = words[i]!
      if (/^\d\.\d$/.test(word)) version = word
      else if (!unported.has(word) && !filler.has(word)) stray = true
      used = 1
    }
    i += used
  }
  const mentionsCc = /(?<![a-z])cc(?![a-z])|creative ?commons|ccattribution/.test(key)
  if (!elements.length || (stray && !mentionsCc)) return null
  return ccLicense(elements, version, version ? jurisdiction : null)
}

const read = memoize((value: string): License | null => {
  if (!isLookupValue(value)) return null
  const text = textKey(value)
  // CC's public-domain tools are addressed with the same /deed.xx and /legalcode tails as the licences.
  const uri = uriKey(value).replace(/\/(?:deed|legalcode)(?:\.[a-z_-]+)?$/, '')
  return fromUrl(text) ?? others.get(uri) ?? others.get(text) ?? fromCode(text) ?? fromNames(text)
})

/** The licence a rights value states, or null (access levels such as info:eu-repo/semantics/openAccess are not licences). */
export function license(value: string): License | null {
  const hit = read(value)
  return hit && { uri: hit.uri, spdx: hit.spdx }
}
