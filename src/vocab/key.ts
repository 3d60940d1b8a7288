// How a value found in a record becomes a lookup key: the one place that decides what counts as "the same".

const DASHES = /[\u00ad\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g

/**
 * Free text: Unicode-normalised, dashes unified (the OpenAIRE sample writes U+2010), lower case, accents removed,
 * whitespace collapsed. "Acceso  Abierto" and "acceso abierto", "Artículo" and "Articulo" give one key.
 */
export function textKey(value: string): string {
  return value
    .normalize('NFKC')
    .replace(DASHES, '-')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/**
 * URIs: no scheme, no `www.`, no trailing slash, no whitespace (the PerúCRIS samples carry a trailing space in a
 * renati/type namespace), lower case. `http://` and `https://` purl forms give one key, as live records mix them.
 */
export function uriKey(value: string): string {
  return value
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/+$/, '')
}

/** Whether a value is worth looking up at all: a non-empty string (JS callers may hand over anything). */
export function isLookupValue(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== ''
}
