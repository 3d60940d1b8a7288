// A per-client rate limit: a fixed window per minute per client address, answered with 429 and Retry-After.
import type { MiddlewareHandler } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import { problem } from './problem.ts'

export function rateLimit(perMinute: number, now: () => Date = () => new Date()): MiddlewareHandler {
  const windows = new Map<string, { start: number; count: number }>()
  return async (c, next) => {
    const client = clientOf(c)
    const t = now().getTime()
    let w = windows.get(client)
    if (!w || t - w.start >= 60_000) {
      w = { start: t, count: 0 }
      windows.set(client, w)
      // Forget idle clients so the map does not grow without bound.
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= 60_000) windows.delete(k)
    }
    w.count++
    if (w.count > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((w.start + 60_000 - t) / 1000))
      return problem(c, { title: 'Too many requests', status: 429, detail: `At most ${perMinute} requests per minute per client; retry in ${retryAfter} s. Bulk dumps are under /api/v1/dumps.` }, { 'Retry-After': String(retryAfter) })
    }
    c.header('X-RateLimit-Remaining', String(perMinute - w.count))
    await next()
  }
}

function clientOf(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // app.request() in tests has no socket.
    return c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ?? 'local'
  }
}
