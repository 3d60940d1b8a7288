// The keys two copies of one work share: DOI, Handle, the source OAI identifier (also as ALICIA's md5
// fingerprint of it), and a title + year + first-author key. Pure; keys are prefixed by entity kind.
import { hash } from 'node:crypto'
import type { Entity, ResearchOutput } from '../../model/index.ts'

/**
 * ALICIA (LA Referencia) names a record `<network>_<md5 of the source OAI identifier>`
 * (research/anchors-mission.md §0.1; checked: md5("oai:repositorioacademico.upc.edu.pe:10757/652851")
 * = d33a7b9758689d7619deaac07dcfec1c = ALICIA's UUPC_d33a…). So an ALICIA copy finds its
 * institutional original even without a DOI.
 */
const ALICIA_FINGERPRINT = /(?:^|[:/])[A-Z][A-Z0-9]*_([0-9a-f]{32})$/

export function oaiFingerprint(oaiIdentifier: string): string {
  return hash('md5', oaiIdentifier)
}

export function dedupKeys(entity: Entity, copy: { oaiIdentifier: string }): string[] {
  const keys = new Set<string>()
  const add = (key: string) => keys.add(`${entity.kind}|${key}`)
  add(`oai:${copy.oaiIdentifier}`)
  add(`oaimd5:${oaiFingerprint(copy.oaiIdentifier)}`)
  const alicia = ALICIA_FINGERPRINT.exec(copy.oaiIdentifier)
  if (alicia) add(`oaimd5:${alicia[1]}`)
  switch (entity.kind) {
    case 'research-output':
      for (const key of outputKeys(entity)) add(key)
      break
    case 'dmp':
      add(`id:${entity.dmp_id.identifier.toLowerCase()}`)
      break
    case 'project':
      for (const award of entity.awardNumbers) add(`award:${normalizeAward(award)}`)
      break
    case 'funding':
      if (entity.awardNumber) add(`award:${normalizeAward(entity.awardNumber)}`)
      break
    case 'person':
      if (entity.orcid) add(`orcid:${entity.orcid}`)
      break
    case 'organisation':
      for (const id of entity.identifiers) add(`${id.type}:${id.value.toLowerCase()}`)
      break
    case 'equipment':
      break
  }
  return [...keys].sort()
}

function outputKeys(output: ResearchOutput): string[] {
  const keys: string[] = []
  for (const id of output.identifiers) {
    if (id.type === 'doi' && id.valid !== false) keys.push(`doi:${id.value}`)
    // The unconfigured DSpace prefix 123456789 is not globally unique: it must not merge anything.
    if (id.type === 'handle' && id.valid !== false && !id.value.startsWith('123456789/')) keys.push(`handle:${id.value}`)
    if (id.type === 'other' && /^oai:[^:]+:.+/.test(id.value)) keys.push(`oai:${id.value}`)
  }
  const title = output.titles[0]?.value
  const year = output.issued?.slice(0, 4)
  const author = output.creators[0]?.name
  // Generic thesis titles repeat across authors ("Plan de negocio…"): the first author keeps them apart.
  if (title && year && author) keys.push(`title:${fold(title)}|${year}|${familyName(author)}`)
  return keys
}

/** Lower case, no accents, no punctuation, single spaces. */
export function fold(text: string): string {
  let folded = ''
  let gap = false
  let run = -1
  // Spanish and Portuguese titles and names are Latin-1: fold them a character at a time from a table, which is several
  // times faster than Unicode normalization and regular expressions; anything else takes the general way.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c > 0xff) return foldUnicode(text)
    if (KEPT[c]) {
      if (run < 0) { if (gap) { folded += ' '; gap = false } run = i }
      continue
    }
    if (run >= 0) { folded += text.slice(run, i); run = -1 }
    const f = LATIN1[c]!
    if (f === '') gap = folded !== ''
    else { if (gap) { folded += ' '; gap = false } folded += f }
  }
  return run >= 0 ? folded + text.slice(run) : folded
}

function foldUnicode(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** Each Latin-1 character folded on its own ('' for punctuation and spaces), and whether it folds to itself. */
const LATIN1 = Array.from({ length: 0x100 }, (_, c) => foldUnicode(String.fromCharCode(c)))
const KEPT = LATIN1.map((f, c) => f === String.fromCharCode(c))

/** "Quiber Valdeyglesias, Carmen" and "Carmen Quiber Valdeyglesias" both give "quiber". */
function familyName(name: string): string {
  const comma = name.indexOf(',')
  const family = comma >= 0 ? name.slice(0, comma) : name.trim().split(/\s+/).slice(-2, -1)[0] ?? name
  return fold(family).split(' ')[0] ?? ''
}

/** "Contrato N° 123-2019-FONDECYT" and "contrato 123-2019-fondecyt" are one award. */
export function normalizeAward(award: string): string {
  // Labels stack ("Contrato N°", "Grant agreement No."): strip every leading one, not only the first.
  return fold(award).replace(/^(?:(?:contrato|convenio|grant|agreement|award|n|nº|no|nro|numero)(?: |$))+/, '').replace(/ /g, '')
}
