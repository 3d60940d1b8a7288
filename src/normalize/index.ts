// The only file that lists every input format, keyed by the OAI metadataPrefix it is registered under.
import type { InputFormat } from './types.ts'
import { oaiDc } from './oai-dc.ts'
import { dspaceXoai } from './dspace-xoai.ts'
import { dspaceDim } from './dspace-dim.ts'
import { madmp } from './madmp.ts'
import { oaiOpenaire } from './oai-openaire.ts'
import { cerifPerucris } from './cerif-perucris.ts'
import { oaiCerifOpenaire } from './oai-cerif-openaire.ts'

export const inputFormats: Record<string, InputFormat> = {
  oai_dc: oaiDc,
  xoai: dspaceXoai,
  dim: dspaceDim,
  madmp: madmp,
  oai_openaire: oaiOpenaire,
  cerif_perucris: cerifPerucris,
  oai_cerif_openaire: oaiCerifOpenaire,
}

export function formatFor(metadataPrefix: string): InputFormat | undefined {
  return inputFormats[metadataPrefix]
}
