// Chunks on the wire: an exporter's output coalesced into blocks and turned into a web stream (plain or gzip)
// that is pulled only as fast as the client reads, so a million records stream in flat memory.
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'

const BLOCK = 64 * 1024

/** Joins small chunks (one record each) into blocks of about `size` characters: fewer, larger writes. */
export function* coalesce(chunks: Iterable<string>, size = BLOCK): Generator<string> {
  let block = ''
  for (const chunk of chunks) {
    block += chunk
    if (block.length >= size) {
      yield block
      block = ''
    }
  }
  if (block) yield block
}

/**
 * `chunks` as a web stream (what a hono handler returns), gzip-compressed when asked. The generator advances
 * only when the stream wants more (back-pressure through gzip to the socket); a client that goes away cancels
 * the stream, which returns the generator (its `finally` runs). `onError` hears a failure mid-stream; the
 * response is then cut short, which a client sees as a truncated body (and, for gzip, a bad trailer).
 */
export function webStream(chunks: Iterable<string>, options: { gzip?: boolean; onError?: (error: unknown) => void } = {}): ReadableStream<Uint8Array> {
  const source = Readable.from(coalesce(chunks), { objectMode: false, highWaterMark: BLOCK })
  if (!options.gzip) {
    source.on('error', (error) => options.onError?.(error))
    return Readable.toWeb(source) as unknown as ReadableStream<Uint8Array>
  }
  const gzip = createGzip()
  pipeline(source, gzip).catch((error: NodeJS.ErrnoException) => {
    // A client closing the connection is not a failure.
    if (error?.code !== 'ERR_STREAM_PREMATURE_CLOSE' && error?.name !== 'AbortError') options.onError?.(error)
  })
  return Readable.toWeb(gzip) as unknown as ReadableStream<Uint8Array>
}
