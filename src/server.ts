// Listening: the only place the API binds a port. Resolves once the server accepts connections.
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import type { Hono } from 'hono'

export interface RunningServer {
  url: string
  close(): Promise<void>
}

export function startServer(app: Hono<any>, options: { port: number; host: string }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address
      resolve({
        url: `http://${host}:${info.port}`,
        close: () => new Promise((done) => server.close(() => done())),
      })
    })
    server.once('error', reject)
  })
}
