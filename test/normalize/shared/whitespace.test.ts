// collapseWhitespace is `replace(/\s+/g, ' ').trim()`, only cheaper when the text has nothing to collapse.
import { describe, expect, it } from 'vitest'
import { collapseWhitespace } from '../../../src/normalize/shared/whitespace.ts'

const reference = (text: string) => text.replace(/\s+/g, ' ').trim()

describe('collapseWhitespace', () => {
  it('agrees with the regular-expression replace around and between every BMP character', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code)
      for (const text of [`a${c}b`, `a ${c}b`, `a${c} b`, `${c}a`, `a${c}`]) {
        if (collapseWhitespace(text) !== reference(text)) expect(collapseWhitespace(text), `U+${code.toString(16)}`).toBe(reference(text))
      }
    }
  })

  it('collapses the indentation records carry', () => {
    expect(collapseWhitespace('\n    Acceso  Abierto\t ')).toBe('Acceso Abierto')
    expect(collapseWhitespace('Tesis\u00a0de maestría')).toBe('Tesis de maestría')
    expect(collapseWhitespace('ya limpio')).toBe('ya limpio')
  })
})
