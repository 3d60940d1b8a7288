// How one operation of the OpenAPI document is written: bilingual summary, parameters by name, responses by name,
// and example URLs (shown by /docs and tried by the tests).
import type { ParameterName, ResponseName } from './components.ts'

type Json = Record<string, unknown>

export interface OperationSpec {
  id: string
  tag: string
  summary: string
  summaryEs: string
  description: string
  /** Query parameters by component name, or path parameters written out. */
  parameters?: (ParameterName | Json)[]
  /** Status → a response object, or the name of a shared (problem+json) response. */
  responses: Record<string, Json | ResponseName>
  /** Example request paths (with query), relative to the server. */
  examples?: string[]
  requestBody?: Json
  security?: Json[]
}

export function operation(spec: OperationSpec): Json {
  return {
    operationId: spec.id,
    tags: [spec.tag],
    summary: spec.summary,
    'x-summary-es': spec.summaryEs,
    description: spec.description,
    ...(spec.parameters?.length ? {
      parameters: spec.parameters.map((p) => (typeof p === 'string' ? { $ref: `#/components/parameters/${p}` } : p)),
    } : {}),
    ...(spec.requestBody ? { requestBody: spec.requestBody } : {}),
    ...(spec.security ? { security: spec.security } : {}),
    responses: Object.fromEntries(Object.entries(spec.responses).map(([status, r]) => [status, typeof r === 'string' ? { $ref: `#/components/responses/${r}` } : r])),
    ...(spec.examples?.length ? { 'x-examples': spec.examples } : {}),
  }
}

/** Validators every cacheable GET sets. */
export const CACHE_HEADERS: Json = {
  ETag: { description: 'Changes when the data behind the representation changes.', schema: { type: 'string' } },
  'Last-Modified': { description: 'Last change of the data, when known.', schema: { type: 'string' } },
}

export function ok(description: string, content: Record<string, Json | null>, headers: Json = CACHE_HEADERS): Json {
  return {
    description,
    headers,
    content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, schema ? { schema } : {}])),
  }
}

