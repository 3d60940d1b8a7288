// A source's politeness and harvest settings with their defaults filled in, in one place.
import type { Source } from '../types.ts'

export interface ResolvedSettings {
  concurrency: number
  delayMs: number
  headerTimeoutMs: number
  bodyTimeoutMs: number
  maxAttempts: number
  maxRetryAfterSec: number
  windowDays: number
  overlapHours: number
  reconcileEveryDays: number
  /** Back-off for failures without Retry-After; 503 without it waits longer (HG §5: "minutes"). */
  backoff: { baseMs: number; capMs: number }
  backoff503: { baseMs: number; capMs: number }
  /** Consecutive empty pages that still carry a token before the window is ended (cases 45–46). */
  maxEmptyPages: number
}

export function resolveSettings(source: Source): ResolvedSettings {
  const p = source.politeness ?? {}
  const h = source.harvest ?? {}
  return {
    concurrency: p.concurrency ?? 1,
    delayMs: p.delayMs ?? 0,
    headerTimeoutMs: p.headerTimeoutMs ?? 60_000,
    // Deep DSpace pages can take minutes (case 83): generous, but bounded.
    bodyTimeoutMs: p.bodyTimeoutMs ?? 600_000,
    maxAttempts: p.maxAttempts ?? 6,
    maxRetryAfterSec: p.maxRetryAfterSec ?? 3600,
    windowDays: h.windowDays ?? 30,
    overlapHours: h.overlapHours ?? 72,
    reconcileEveryDays: h.reconcileEveryDays ?? 30,
    backoff: { baseMs: 2_000, capMs: 120_000 },
    backoff503: { baseMs: 30_000, capMs: 300_000 },
    maxEmptyPages: 100,
  }
}
