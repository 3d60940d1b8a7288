// When to try a request again and how long to wait: bounded, jittered, and Retry-After honoured in both forms.

/**
 * Reads Retry-After as delta-seconds or as an HTTP-date (RFC 9110 §10.2.3). Returns seconds,
 * or null when absent or unreadable. Sickle and pyoai crash on the date form; LA Referencia
 * sleeps 1000× too long on it (anchors-harvest §2, cases 1–2).
 */
export function parseRetryAfter(value: string | string[] | undefined, now: Date): number | null {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw) return null
  const trimmed = raw.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return null
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000))
}

export interface BackoffSettings {
  baseMs: number
  capMs: number
}

/** Exponential back-off with "equal jitter": half fixed, half random, so retries spread out but never hot-loop. */
export function backoffDelay(attempt: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const exponential = Math.min(settings.capMs, settings.baseMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(exponential / 2 + (random() * exponential) / 2)
}

/** Transient failures: server overload and gateway errors. A 404 or 403 is not retried (cases 9–10). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 500 || status === 502 || status === 503 || status === 504
}
