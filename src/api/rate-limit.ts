// A per-client rate limit: a fixed window per minute per client address, answered with 429 and Retry-After.
import type { Context } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { AppOptions } from './app.ts'

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfter: number }

/** Counts a request of this client against its window: how many it has left, or how long to wait. */
export type RateLimiter = (client: string) => RateDecision

export function rateLimiter(perMinute: number, now: () => Date = () => new Date()): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>()
  return (client) => {
    const t = now().getTime()
    let w = windows.get(client)
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 }
      windows.set(client, w)
      // Forget idle clients so the map does not grow without bound.
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k)
    }
    w.count++
    if (w.count > perMinute) return { allowed: false, retryAfter: Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000)) }
    return { allowed: true, remaining: perMinute - w.count }
  }
}

const limiters = new WeakMap<AppOptions, RateLimiter | null>()

/**
 * The app's limiter (null when the limit is off), one per options: the app's routes and the item front
 * (./item-front.ts) count the same clients in the same windows.
 */
export function rateLimitOf(options: AppOptions): RateLimiter | null {
  let limit = limiters.get(options)
  if (limit === undefined) {
    const perMinute = rateLimitPerMinute(options)
    limiters.set(options, limit = perMinute > 0 ? rateLimiter(perMinute, options.now) : null)
  }
  return limit
}

export function rateLimitPerMinute(options: AppOptions): number {
  return options.rateLimitPerMinute ?? 600
}

/** The client a request counts against: the peer's address. */
export function clientOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local'
  }
}
