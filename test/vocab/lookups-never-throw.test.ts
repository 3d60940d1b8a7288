// Every lookup is total: odd strings and non-strings (from JS callers) give null/false, never an exception.
import { describe, expect, it } from 'vitest'
import * as vocab from '../../src/vocab/index.ts'

const odd: unknown[] = [
  '', ' ', '\n\t', '#', '##', '/', 'http://', 'https://purl.org/', 'info:eu-repo/semantics/', 'info:ar-repo/semantics/',
  'creativecommons.org/licenses/', 'creativecommons.org/licenses///', 'cc', 'CC BY', '(', ')', '\\', '\u0000', '\ud800',
  '🙂', 'a'.repeat(100_000), `${'cc by '.repeat(5000)}4.0`, '5.02.04'.repeat(1000), 'Ω≈ç√∫', null, undefined, 42, {}, [],
]

describe('the vocabulary lookups', () => {
  const lookups = {
    lookupFord: vocab.lookupFord, resourceType: vocab.resourceType, accessRight: vocab.accessRight, version: vocab.version,
    language: vocab.language, license: vocab.license, renatiType: vocab.renatiType, renatiLevel: vocab.renatiLevel,
    identifierScheme: vocab.identifierScheme, isNationalIdScheme: vocab.isNationalIdScheme, rightsStatement: vocab.rightsStatement,
  }
  for (const [name, lookup] of Object.entries(lookups)) {
    it(`${name} never throws`, () => {
      for (const value of odd) expect(() => (lookup as (v: unknown) => unknown)(value), String(value).slice(0, 40)).not.toThrow()
      expect((lookup as (v: unknown) => unknown)(undefined)).toBeFalsy()
    })
  }
})
