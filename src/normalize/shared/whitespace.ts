// Whitespace collapsed to single spaces and trimmed: how a text value reads once its XML indentation is gone.

// What \s matches besides a plain space (ECMAScript WhiteSpace and LineTerminator), or a space before more whitespace.
// Most values have neither, and a test is far cheaper than a replace: replacing inside every abstract cost about as much
// as reading the record's XML (bench/normalize-stage.ts).
const NOT_SINGLE_SPACES = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]| \s/

export function collapseWhitespace(text: string): string {
  return hasLooseWhitespace(text) ? text.replace(/\s+/g, ' ').trim() : text.trim()
}

/** Whether `text.replace(/\s+/g, ' ')` would change anything. */
export function hasLooseWhitespace(text: string): boolean {
  return NOT_SINGLE_SPACES.test(text)
}
