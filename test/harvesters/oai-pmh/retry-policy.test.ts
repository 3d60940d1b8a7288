import { describe, expect, it } from 'vitest'
import { backoffDelay, isRetryableStatus, parseRetryAfter } from '../../../harvesters/oai-pmh/retry-policy.ts'

describe('Retry-After', () => {
  const now = new Date('2026-11-22T12:00:00Z')
  it('case 1: delta-seconds', () => expect(parseRetryAfter('20', now)).toBe(20))
  it('case 2: an HTTP-date (Sickle and pyoai crash here; LA Referencia sleeps ×1000)', () => {
    expect(parseRetryAfter('Sun, 22 Nov 2026 12:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('Sun, 22 Nov 2026 11:00:00 GMT', now)).toBe(0)
  })
  it('case 3: absent or unreadable is null, so the caller backs off on its own', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull()
    expect(parseRetryAfter('soon', now)).toBeNull()
  })
})

describe('back-off', () => {
  it('case 7: grows exponentially with jitter, bounded by the cap', () => {
    const settings = { baseMs: 1000, capMs: 8000 }
    expect(backoffDelay(1, settings, () => 0)).toBe(500)
    expect(backoffDelay(1, settings, () => 1)).toBe(1000)
    expect(backoffDelay(3, settings, () => 1)).toBe(4000)
    expect(backoffDelay(10, settings, () => 1)).toBe(8000)
    expect(backoffDelay(10, settings, () => 0)).toBe(4000)
  })
  it('cases 9–10: 404 and 403 are not retried; overload and gateway errors are', () => {
    expect([404, 403, 400, 410].some(isRetryableStatus)).toBe(false)
    expect([500, 502, 503, 504, 429].every(isRetryableStatus)).toBe(true)
  })
})
