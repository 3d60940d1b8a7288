// Reading untyped JSON the way maDMP documents come: objects, object-or-array fields, trimmed strings.

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The objects of a field that maDMP lets be one object or an array of them (contact_id in 1.2, affiliation in DMPRoadmap). */
export function objects(value: unknown): JsonObject[] {
  if (Array.isArray(value)) return value.filter(isObject)
  return isObject(value) ? [value] : []
}

/** A non-empty trimmed string, or undefined. */
export function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/** The non-empty strings of an array field (a lone string counts as one). */
export function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value]
  return list.map(text).filter((v): v is string => v !== undefined)
}
