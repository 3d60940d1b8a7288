// Writes an exporter's chunks to a stream, waiting for 'drain' so memory stays flat however large the export.
import type { Writable } from 'node:stream'
import { once } from 'node:events'

export async function writeChunks(stream: Writable, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (!stream.write(chunk)) await once(stream, 'drain')
  }
}
