import { describe, expect, it } from 'vitest'
import { normalizeDatestamp, parseGranularity, planWindows, splitWindow, formatForRequest } from '../../../harvesters/oai-pmh/dates.ts'

describe('datestamps', () => {
  it('case 34: milliseconds, missing Z, a space separator and offsets normalise to UTC seconds', () => {
    expect(normalizeDatestamp('2024-01-12T04:51:20Z')).toBe('2024-01-12T04:51:20Z')
    expect(normalizeDatestamp('2024-01-12T04:51:20.123Z')).toBe('2024-01-12T04:51:20Z')
    expect(normalizeDatestamp('2024-01-12T04:51:20')).toBe('2024-01-12T04:51:20Z')
    expect(normalizeDatestamp('2024-01-12 04:51:20')).toBe('2024-01-12T04:51:20Z')
    expect(normalizeDatestamp('2024-01-12T04:51:20-05:00')).toBe('2024-01-12T09:51:20Z')
    expect(normalizeDatestamp('2024-01-12T04:51:20+0100')).toBe('2024-01-12T03:51:20Z')
    expect(normalizeDatestamp('2024-01-12')).toBe('2024-01-12T00:00:00Z')
  })

  it('case 34: a bad datestamp is null (a per-record problem), never an exception', () => {
    for (const bad of ['', 'yesterday', '2024-02-31', '2024-13-01T00:00:00Z', '12/01/2024']) {
      expect(normalizeDatestamp(bad)).toBeNull()
    }
  })

  it('case 58: granularity strings are read leniently', () => {
    expect(parseGranularity('YYYY-MM-DDThh:mm:ssZ')).toBe('YYYY-MM-DDThh:mm:ssZ')
    expect(parseGranularity('yyyy-mm-ddThh:mm:ssZ')).toBe('YYYY-MM-DDThh:mm:ssZ')
    expect(parseGranularity('YYYY-MM-DDThh:mm:ss.sZ')).toBe('YYYY-MM-DDThh:mm:ssZ')
    expect(parseGranularity('YYYY-MM-DD')).toBe('YYYY-MM-DD')
    expect(parseGranularity(undefined)).toBe('YYYY-MM-DDThh:mm:ssZ')
  })
})

describe('windows', () => {
  const now = new Date('2025-05-27T23:10:16Z')

  it('cuts the range into inclusive windows that share their boundaries, the last one open-ended', () => {
    const windows = planWindows(new Date('2025-01-01T00:00:00Z'), now, 30, 'YYYY-MM-DDThh:mm:ssZ')
    expect(windows.length).toBe(5)
    expect(windows[0]).toEqual({ from: '2025-01-01T00:00:00Z', until: '2025-01-31T00:00:00Z' })
    for (let i = 1; i < windows.length; i++) expect(windows[i]!.from).toBe(windows[i - 1]!.until)
    expect(windows.at(-1)!.until).toBeNull()
  })

  it('case 56: formats request dates in the server granularity', () => {
    expect(formatForRequest(now, 'YYYY-MM-DD')).toBe('2025-05-27')
    const windows = planWindows(new Date('2025-05-01T10:00:00Z'), now, 10, 'YYYY-MM-DD')
    expect(windows.every((w) => !w.from || /^\d{4}-\d\d-\d\d$/.test(w.from))).toBe(true)
  })

  it('case 66: never plans from > until (the mark is ahead of the server clock)', () => {
    const windows = planWindows(new Date('2026-01-01T00:00:00Z'), now, 30, 'YYYY-MM-DDThh:mm:ssZ')
    expect(windows).toEqual([{ from: '2026-01-01T00:00:00Z', until: null }])
  })

  it('splits a failing window down to the granularity minimum, then refuses', () => {
    const halves = splitWindow({ from: '2025-01-01T00:00:00Z', until: '2025-01-03T00:00:00Z' }, now, 'YYYY-MM-DDThh:mm:ssZ')
    expect(halves).toEqual([
      { from: '2025-01-01T00:00:00Z', until: '2025-01-02T00:00:00Z' },
      { from: '2025-01-02T00:00:00Z', until: '2025-01-03T00:00:00Z' },
    ])
    expect(splitWindow({ from: '2025-01-01T00:00:00Z', until: '2025-01-01T01:00:00Z' }, now, 'YYYY-MM-DDThh:mm:ssZ')).toBeNull()
    expect(splitWindow({ from: '2025-01-01', until: '2025-01-02' }, now, 'YYYY-MM-DD')).toBeNull()
    expect(splitWindow({ from: null, until: null }, now, 'YYYY-MM-DDThh:mm:ssZ')).toBeNull()
  })
})
