// Whether a funder, as records, maDMPs and CRIS name it, is a Peruvian public one: the trigger of arts. 39.5–39.7
// ("financiadas con fondos públicos", "beneficiadas por fondos públicos"). Pure.

/**
 * CONCYTEC and its funding arms: FONDECYT (until 2021) and PROCIENCIA, the programme that replaced it. Also
 * PROINNÓVATE (formerly Innóvate Perú / FINCyT), the Ministry of Production's national innovation programme: a
 * Programa Nacional de CTI of the executive branch (D.S. 062-2024-PCM arts. 9.2 and 11), so its grants are public
 * funds. Names and acronyms as funding statements write them (src/normalize/shared/funding-text.ts reads the same).
 */
const PUBLIC_FUNDER_NAMES: [string, RegExp][] = [
  ['CONCYTEC', /\bCONCYTEC\b|Consejo Nacional de Ciencia,? Tecnolog[ií]a e Innovaci[oó]n/i],
  ['FONDECYT', /\bFONDECYT\b|Fondo Nacional de Desarrollo Cient[ií]fico/i],
  ['PROCIENCIA', /\bPROCIENCIA\b|Programa Nacional de Investigaci[oó]n Cient[ií]fica y Estudios Avanzados/i],
  ['PROINNÓVATE', /\bPROINN[OÓ]VATE\b|\bInn[oó]vate Per[uú]\b|\bFINCyT\b|Programa Nacional de Desarrollo Tecnol[oó]gico e Innovaci[oó]n/i],
]

/** Crossref Funder IDs of the funders above; 10.13039/501100010751 is the one the PerúCRIS samples give FONDECYT. */
const PUBLIC_FUNDER_IDS = new Set(['10.13039/501100010751'])

/** The short name of the Peruvian public funder a name, programme or identifier points to, or null. */
export function publicFunderOf(text: string | undefined | null): string | null {
  if (!text) return null
  const id = text.trim().toLowerCase().replace(/^https?:\/\/(?:dx\.)?doi\.org\//, '')
  if (PUBLIC_FUNDER_IDS.has(id)) return 'FONDECYT'
  for (const [name, pattern] of PUBLIC_FUNDER_NAMES) if (pattern.test(text)) return name
  // gob.pe is the Peruvian State's own domain (Plataforma Digital Única): a funder identified by a URL there
  // (maDMP funder_id "https://prociencia.gob.pe/") is a public body.
  if (/^https?:\/\/(?:[\w-]+\.)*gob\.pe(?:[/:]|$)/i.test(text.trim())) return new URL(text.trim()).hostname
  return null
}
