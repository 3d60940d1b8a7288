// Listening: the only place the API binds a port. Resolves once the server accepts connections.
import { getRequestListener } from '@hono/node-server'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'
import type { Front } from './api/item-front.ts'

export interface RunningServer {
  url: string
  close(): Promise<void>
}

/**
 * The app on @hono/node-server's request listener, as its serve() would run it. `front` answers the requests it can
 * before the app sees them (./api/item-front.ts); the app answers the rest. Closing the server closes the front.
 */
export function startServer(app: Hono<any>, options: { port: number; host: string; front?: Front }): Promise<RunningServer> {
  const listener = getRequestListener(app.fetch, { hostname: options.host })
  const { front } = options
  const server = createServer(front ? (req, res) => { if (!front.answer(req, res)) void listener(req, res) } : listener)
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      const info = server.address() as AddressInfo
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise((done) => server.close(() => { front?.close(); done() })),
      })
    })
  })
}
