// The only file that lists every input format, keyed by the OAI metadataPrefix it is registered under.
import type { InputFormat } from './types.ts'
import { oaiDc } from './oai-dc.ts'
import { dspaceXoai } from './dspace-xoai.ts'
import { dspaceDim } from './dspace-dim.ts'

export const inputFormats: Record<string, InputFormat> = {
  oai_dc: oaiDc,
  xoai: dspaceXoai,
  dim: dspaceDim,
}

export function formatFor(metadataPrefix: string): InputFormat | undefined {
  return inputFormats[metadataPrefix]
}
