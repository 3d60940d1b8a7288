// Memoized lookups answer as before, stay bounded, and never hand two callers the same object.
import { describe, expect, it } from 'vitest'
import { memoize } from '../../src/vocab/memoize.ts'
import { accessRight, license, lookupFord, renatiLevel, resourceType, rightsStatement } from '../../src/vocab/index.ts'

describe('memoize', () => {
  it('asks the lookup once per value, forgets everything when full, and never keeps long values', () => {
    const asked: string[] = []
    const upper = memoize((v: string) => (asked.push(v), v.toUpperCase()), 2)
    expect([upper('a'), upper('a'), upper('b'), upper('a')]).toEqual(['A', 'A', 'B', 'A'])
    expect(asked).toEqual(['a', 'b'])
    upper('c') // full: forgets a and b
    upper('a')
    const long = 'x'.repeat(300)
    upper(long)
    upper(long)
    expect(asked).toEqual(['a', 'b', 'c', 'a', long, long])
  })

  it('remembers a null answer too', () => {
    let calls = 0
    const none = memoize(() => (calls++, null))
    none('x')
    none('x')
    expect(calls).toBe(1)
  })
})

describe('the memoized vocabulary lookups', () => {
  it('build a fresh object for every caller, so that one caller\'s change never reaches another', () => {
    const values: [(v: string) => object | null, string][] = [
      [accessRight, 'Acceso Abierto'], [resourceType, 'info:eu-repo/semantics/masterThesis'], [license, 'CC BY 4.0'],
      [lookupFord, 'https://purl.org/pe-repo/ocde/ford#5.02.04'], [renatiLevel, 'maestro'],
      [rightsStatement, 'An error occurred getting the license - uri.'],
    ]
    for (const [lookup, value] of values) {
      const first = lookup(value)
      expect(first, value).not.toBeNull()
      const second = lookup(value)
      expect(second).toEqual(first)
      expect(second).not.toBe(first)
    }
  })
})
