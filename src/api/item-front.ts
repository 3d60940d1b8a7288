// The request the API answers most, a stored record as JSON by id, answered at the Node layer before hono sees it.
//
// Why: on that request hono's own layer (the Request and Response objects, the Context, the router) costs about as
// much as the SQLite read, and a record-by-id answer is otherwise pure bytes: the stored JSON plus its modification
// time, under headers known from the row. bench:api, 100k records, alternating runs: ~15 µs of ~80 a request.
//
// The front answers only the plain case: GET, no query string, JSON acceptable, no conditional headers, a live
// record of a kind served as stored, not withdrawn with a disabled source, the client within its rate limit. Everything
// else falls through to the app's own route (./entity-routes.ts), which answers all of it, 404s, 410s, 304s, other
// formats and persons included. test/api/item-front.test.ts checks that both give the same answer.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AppOptions } from './app.ts'
import { COLLECTIONS } from './collections.ts'
import { CONTENT_TYPES, withModified } from './entity-routes.ts'
import { entityTag, setValidators } from './conditional.ts'
import { currentData } from './request-context.ts'
import { servedAsStored } from './public-entity.ts'
import { effectiveModified, isHidden, sourcesMatter } from './visibility.ts'
import { rateLimitOf } from './rate-limit.ts'
import { headerRecord, ResponseHeaders } from './response-headers.ts'
import { TurnSnapshot } from './turn-snapshot.ts'

export interface Front {
  /** Answers a request and says true, or leaves it untouched and says false (the app answers it). */
  answer(req: IncomingMessage, res: ServerResponse): boolean
  /** Closes its read connection. */
  close(): void
}

/** Collection → kind, for the kinds served as stored (persons go through an allow-list: the app serves them). */
const STORED_KINDS = new Map(Object.entries(COLLECTIONS).filter(([, kind]) => servedAsStored(kind)))

/**
 * `/api/v1/{collection}/{id}` with an id of unreserved characters only, so it needs no percent-decoding: any other
 * spelling goes to the app, whose router decides what it means.
 */
const ITEM_PATH = /^\/api\/v1\/([a-z]+)\/([A-Za-z0-9._~-]+)$/

/** Accept values that choose JSON for an item (negotiate() in ./negotiate.ts gives the same); any other asks the app. */
const JSON_ACCEPTS = new Set(['', '*/*', 'application/json'])

export function itemFront(options: AppOptions): Front {
  const limit = rateLimitOf(options)
  const client = options.db.$client
  // A database file gets a read-only connection whose snapshot lasts a turn (./turn-snapshot.ts); an in-memory one
  // has no second connection, so it is read as the app reads it: caught up and read per request.
  const snapshot = client.memory ? undefined : new TurnSnapshot(options, client.name)
  const prepare = (sql: string) => (snapshot ? snapshot.prepare(sql) : client.prepare(sql)).raw()
  // Live records only, of the asked kind: a missing, deleted or other-kind id falls through to the app's problem
  // answers. As in the app's route, an item's sources are read only while a source is disabled or was switched.
  const plain = prepare("SELECT modified_at, '', hash, CAST(json AS BLOB) FROM entities WHERE id = ? AND kind = ? AND deleted = 0 AND json IS NOT NULL")
  const withSources = prepare('SELECT i.modified_at, i.sources, e.hash, CAST(e.json AS BLOB) FROM entity_index i JOIN entities e ON e.id = i.id WHERE i.id = ? AND i.kind = ? AND i.deleted = 0 AND e.json IS NOT NULL')

  function answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET') return false
    const match = ITEM_PATH.exec(req.url ?? '')
    if (match === null) return false
    const kind = STORED_KINDS.get(match[1]!)
    const { headers } = req
    if (kind === undefined || !JSON_ACCEPTS.has(headers.accept ?? '') || headers['if-none-match'] !== undefined || headers['if-modified-since'] !== undefined) return false

    // The entity index catches up first, as for every data request (./request-setup.ts).
    const view = snapshot ? snapshot.view() : currentData(options).version
    const row = (sourcesMatter(view) ? withSources : plain).get(match[2], kind) as [modified: string, sources: string, hash: string | null, json: Buffer] | undefined
    // Withdrawn (every source disabled): the app answers the 410.
    if (row === undefined || row[2] === null || isHidden(row[1], view.disabled)) return false
    // Counted only once the front answers: a request it leaves to the app is counted there, once.
    let remaining: number | undefined
    if (limit) {
      const decision = limit(req.socket.remoteAddress ?? 'unknown')
      // The app answers the 429 and counts the request again: past the limit, another count changes neither the
      // answer nor when the window reopens.
      if (!decision.allowed) return false
      remaining = decision.remaining
    }
    const [, sources, hash, json] = row
    const modified = effectiveModified(row[0], sources, view.switched)

    const pending = new ResponseHeaders()
    pending.cors = true
    pending.vary = 'Accept'
    if (remaining !== undefined) pending.rateLimitRemaining = String(remaining)
    setValidators(pending, { etag: entityTag(hash, modified, 'json'), lastModified: modified })
    // Kinds served as stored only (STORED_KINDS): the stored bytes are the public ones.
    const [head, tail] = withModified(json, modified) as [Buffer, Buffer]
    const record = headerRecord(pending)
    record['Content-Type'] = CONTENT_TYPES.json
    record['Content-Length'] = String(head.length + tail.length)
    res.writeHead(200, record)
    // Both pieces go out in one writev: the socket is corked until end().
    res.write(head)
    res.end(tail)
    return true
  }

  return {
    answer(req, res) {
      try {
        return answer(req, res)
      } catch (error) {
        // Nothing is written before the last step: the app answers instead (and reports the fault if it has it too).
        if (!res.headersSent) return false
        console.error(error)
        res.destroy()
        return true
      }
    },
    close: () => snapshot?.close(),
  }
}
