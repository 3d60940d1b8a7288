// Funding statements in free text (dc.description.sponsorship, or a dc:description that is one): funders and award numbers.
// Pure: the DSpace core and the oai_dc mapper call it; it never decides whether a funding is good enough.
import type { FundingReference } from '../../model/index.ts'

// Peruvian public funders as funding statements name them: FONDECYT (until 2021) and PROCIENCIA are CONCYTEC's
// funding programmes, so when the council is named too it is the funder and they are the programme.
const PE_FUNDERS: [string, RegExp][] = [
  ['CONCYTEC', /\bCONCYTEC\b|Consejo Nacional de Ciencia,? Tecnolog[ií]a e Innovaci[oó]n/i],
  ['FONDECYT', /\bFONDECYT\b|Fondo Nacional de Desarrollo Cient[ií]fico/i],
  ['PROCIENCIA', /\bPROCIENCIA\b|Programa Nacional de Investigaci[oó]n Cient[ií]fica y Estudios Avanzados/i],
]

// "contrato PE501078563-2022", "Contrato N° 123-2019-FONDECYT", "Convenio Nro. 045-2018-FONDECYT-BM": a code with a digit.
const AWARD = /\b(?:contrato|convenio|subvenci[oó]n|grant(?:\s+agreement)?|award)\s*(?:(?:n[°º.o]*|nro\.?|n[uú]m(?:ero)?\.?)\s*)?[:#]?\s*([A-Z0-9][A-Z0-9./_-]*\d[A-Z0-9./_-]*)/gi

// "financiado por el Consorcio de Investigación Económica y Social (CIES) en el concurso…": the name ends at
// punctuation or at the phrase that introduces the call or contract.
const FUNDED_BY = /\b(?:financiad[oa]s?|subvencionad[oa]s?|cofinanciad[oa]s?|funded|financed|supported)\s+(?:parcialmente\s+|partially\s+)?(?:por|by)\s+(?:el|la|los|las|the)?\s*([^,.;:()\n]+?)(?=\s*(?:[,.;:(\n]|$|\s(?:en el marco|mediante|a trav[eé]s|bajo|con el|seg[uú]n|como parte|under|through|as part)\b))/i

// What makes a description read as a funding statement (oai_dc carries dc.description.sponsorship as a bare
// dc:description): the language of funding, "financiado por", a contract or grant. Naming a funder is not enough:
// "Segunda versión del PGD presentado a PROCIENCIA…" (a DMP's description) names one and funds nothing.
const STATEMENT = /\b(?:co)?financiad[oa]s?\b|\bsubvencionad[oa]s?\b|\bpatrocinad[oa]s?\b|\bauspiciad[oa]s?\b|\bcon (?:el )?(?:apoyo|financiamiento|financiaci[oó]n) (?:de|del)\b|\bcontrato\b|\bconvenio\b|\bsubvenci[oó]n\b|\b(?:funded|financed|supported) by\b|\bgrant\b/i

/** Longer than this, a description is an abstract that may mention its funding, not a sponsorship statement. */
const STATEMENT_MAX_LENGTH = 500

/** Whether a free-text description is itself a funding statement rather than an abstract that mentions one. */
export function readsAsFundingStatement(text: string): boolean {
  return text.length <= STATEMENT_MAX_LENGTH && STATEMENT.test(text)
}

/** The funding references one statement names, all with origin `text`; empty when it names no funder or award we recognise. */
export function fundingFromText(text: string): FundingReference[] {
  const named = PE_FUNDERS.filter(([, pattern]) => pattern.test(text))
    .map(([name, pattern]) => ({ name, at: text.search(pattern) }))
    .sort((a, b) => a.at - b.at)
  const council = named.find((n) => n.name === 'CONCYTEC')
  const programme = named.find((n) => n.name !== 'CONCYTEC')
  const funder = council ? council.name : programme?.name ?? fundedBy(text)
  const base = { ...(funder ? { funder } : {}), ...(council && programme ? { programme: programme.name } : {}) }
  const awards = [...text.matchAll(AWARD)].map((m) => m[1]!.replace(/[./_-]+$/, ''))
  if (awards.length > 0) return awards.map((awardNumber) => ({ ...base, awardNumber, origin: 'text' }))
  return funder ? [{ ...base, origin: 'text' }] : []
}

/** The same award stated twice (a structured field and a sponsorship sentence) is one funding; the structured one wins. */
export function mergeFunding(structured: FundingReference[], fromText: FundingReference[]): FundingReference[] {
  const known = new Set(structured.map((r) => r.awardNumber).filter(Boolean))
  return [...structured, ...fromText.filter((r) => !r.awardNumber || !known.has(r.awardNumber))]
}

function fundedBy(text: string): string | undefined {
  const name = FUNDED_BY.exec(text)?.[1]?.trim()
  // A name is a few words; a long capture is a clause the pattern did not understand.
  return name && name.length <= 120 && /\p{Lu}/u.test(name) ? name : undefined
}
