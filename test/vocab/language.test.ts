// Language codes, locale tags and names as repositories write them -> ISO 639-3.
import { describe, expect, it } from 'vitest'
import { language } from '../../src/vocab/index.ts'

describe('language', () => {
  it('maps ISO 639-1, 639-2/B, 639-3, locale tags and names to ISO 639-3', () => {
    const expected: Record<string, string> = {
      'es': 'spa', 'es_PE': 'spa', 'es-PE': 'spa', 'es-419': 'spa', 'spa': 'spa', 'SPA': 'spa', 'Español': 'spa', 'español': 'spa',
      'Castellano': 'spa', 'Spanish': 'spa', 'en': 'eng', 'en_US': 'eng', 'eng': 'eng', 'English': 'eng', 'Inglés': 'eng',
      'por': 'por', 'pt': 'por', 'pt_BR': 'por', 'Português': 'por', 'fre': 'fra', 'ger': 'deu', 'qu': 'que', 'Quechua': 'que',
      'quz': 'quz', 'aym': 'aym', 'und': 'und', ' spa ': 'spa', 'sp': 'spa',
    }
    for (const [value, code] of Object.entries(expected)) expect(language(value), value).toBe(code)
  })

  it('gives null for what is no language code or name', () => {
    for (const v of ['xx', 'zzz', 'other', '', '   ', 'Missing', 'es_PE_x_y_z_w_q_r_s_t_u_v_1234567890a']) expect(language(v), v).toBeNull()
  })
})
