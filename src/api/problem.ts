// Every error a client sees is application/problem+json (RFC 9457), built in one place.
import type { Context } from 'hono'
import { send } from './response-headers.ts'

export interface Problem {
  type?: string
  title: string
  status: number
  detail?: string
  /** What was wrong, per parameter, so a client can fix its request. */
  errors?: { parameter: string; message: string }[]
  [extra: string]: unknown
}

export function problem(c: Context, p: Problem, headers: Record<string, string> = {}): Response {
  const body = JSON.stringify({ type: p.type ?? 'about:blank', ...p })
  return send(c, body, p.status, 'application/problem+json; charset=utf-8', headers)
}

/** A request the client can correct: thrown by parameter parsing, turned into a 400 by the app's onError. */
export class BadRequest extends Error {
  constructor(readonly errors: { parameter: string; message: string }[]) {
    super(errors.map((e) => `${e.parameter}: ${e.message}`).join('; '))
  }
}
