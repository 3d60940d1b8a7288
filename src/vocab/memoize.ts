// Remembers a lookup's answer per raw value: a harvest repeats a few hundred vocabulary values across every record.

/** Values longer than this (a rights paragraph, an abstract passed by mistake) are looked up every time. */
const LONGEST_KEY = 256

/**
 * `lookup` with a bounded cache of its answers by exact input string; emptied whenever it fills, which keeps memory flat
 * and costs nothing in the usual case. Answers are shared between callers: an object answer must be copied before it
 * is handed out.
 */
export function memoize<T>(lookup: (value: string) => T, size = 10_000): (value: string) => T {
  const answers = new Map<string, T>()
  return (value: string): T => {
    if (typeof value !== 'string' || value.length > LONGEST_KEY) return lookup(value)
    const known = answers.get(value)
    if (known !== undefined || answers.has(value)) return known as T
    const answer = lookup(value)
    if (answers.size >= size) answers.clear()
    answers.set(value, answer)
    return answer
  }
}
