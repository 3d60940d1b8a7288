// The admin gate: `Authorization: Bearer <REDCTI_ADMIN_TOKEN>`. Without a configured token admin is off, and every
// admin request, whatever its path or method, is refused before anything runs.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './app.ts'
import { problem } from './problem.ts'

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.get('options').adminToken
  if (!token) {
    return problem(c, { title: 'Unauthorized', status: 401, detail: 'Admin is off: the server was started without REDCTI_ADMIN_TOKEN.' }, { 'WWW-Authenticate': 'Bearer realm="redcti admin"' })
  }
  const header = c.req.header('Authorization') ?? ''
  const m = /^Bearer\s+(.+)$/i.exec(header.trim())
  if (!m) {
    return problem(c, { title: 'Unauthorized', status: 401, detail: 'Admin calls need Authorization: Bearer <REDCTI_ADMIN_TOKEN>.' }, { 'WWW-Authenticate': 'Bearer realm="redcti admin"' })
  }
  if (!sameSecret(m[1]!, token)) {
    return problem(c, { title: 'Unauthorized', status: 401, detail: 'The bearer token is not the admin token.' }, { 'WWW-Authenticate': 'Bearer realm="redcti admin", error="invalid_token"' })
  }
  await next()
}

/** Compares digests in constant time, so the time taken says nothing about how much of the token was right. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}
