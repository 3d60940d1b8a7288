// An award (grant, contract) number as funders and DMP tools write it, without the label around it:
// "Contrato N° PE501078563-2022" and "PE501078563-2022" are one award, the key that links DMPs to projects.

/** Words that label an award number rather than belong to it (Spanish and English, as PROCIENCIA and DMP tools write). */
const LABEL_WORDS = new Set([
  'contrato', 'convenio', 'grant', 'agreement', 'award', 'n', 'n°', 'nº', 'no', 'nro', 'número', 'numero', 'num', 'nr', 'number', '#',
])

/** Trimmed, spaces collapsed, leading labels removed; a URL is kept as it is (it is the identifier). */
export function cleanAwardNumber(value: string): string {
  const text = value.normalize('NFC').replace(/[\u00A0\u200B\uFEFF]/g, ' ').replace(/\s+/g, ' ').trim()
  if (/^https?:\/\//i.test(text)) return text
  const words = text.split(' ')
  let start = 0
  // "N°123" and "#123" glue the label to the number.
  while (start < words.length - 1 && LABEL_WORDS.has(words[start]!.toLowerCase().replace(/[.:]+$/, ''))) start++
  const rest = words.slice(start).join(' ').replace(/^(?:n[°º]|#)\s*/i, '').replace(/^[.:\-–\s]+|[.,;\s]+$/g, '')
  return rest || text
}
