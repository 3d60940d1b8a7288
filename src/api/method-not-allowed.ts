// A known path asked with a method it does not answer: 405 with Allow (unknown paths fall through to the app's 404).
import type { Context } from 'hono'
import { problem } from './problem.ts'

export const OTHER_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const

export function methodNotAllowed(allow: string[]) {
  return (c: Context) => problem(c, {
    title: 'Method not allowed', status: 405,
    detail: `${c.req.method} is not allowed on ${new URL(c.req.url).pathname}; use ${allow.join(' or ')}.`,
  }, { Allow: allow.join(', ') })
}
