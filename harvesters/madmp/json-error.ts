// Describes why a text is not JSON without quoting it: V8's messages quote a slice of the input, and a DMP's
// slice may hold a contact's e-mail address, which must never reach a diagnostic (issue #3).

/** "not valid JSON at line 3, column 14: Expected ',' or '}' after property value". */
export function describeJsonError(text: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error)
  const at = /at position (\d+)/.exec(raw)
  const position = at ? Number(at[1]) : /end of JSON input/.test(raw) ? text.length : undefined
  // Node 20: `Unexpected token 'x', "…slice…" is not valid JSON`; Node 22 appends "(line L column C)".
  const reason = raw
    .replace(/,\s*(?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '')
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/\s*after JSON at position \d+.*$/s, ' after the JSON value')
  if (position === undefined) return `not valid JSON: ${reason}`
  const before = text.slice(0, position)
  const line = countLines(before)
  const column = position - before.lastIndexOf('\n')
  return `not valid JSON at line ${line}, column ${column}: ${reason}`
}

function countLines(text: string): number {
  let n = 1
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++
  return n
}
