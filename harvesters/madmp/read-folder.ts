// Reads a madmp source's local folder (or one file): every *.json, *.ndjson and *.jsonl file in name order,
// NDJSON streamed line by line so a file of any size is read in flat memory.
import { open, readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { DocumentStep } from './list-documents.ts'
import { lineRecord, recordsOfText } from './split-text.ts'

const DOCUMENT_FILE = /\.(json|ndjson|jsonl)$/i
const LINE_FILE = /\.(ndjson|jsonl)$/i

export async function* readFolder(path: string, at: string): AsyncGenerator<DocumentStep> {
  let files: string[]
  try {
    files = (await stat(path)).isFile() ? [path] : await documentFiles(path)
  } catch (error) {
    yield { kind: 'error', error: { kind: 'file', path, detail: describeFsError(error) } }
    return
  }
  for (const file of files) {
    try {
      if (LINE_FILE.test(file)) yield* streamLines(file, at)
      else for (const located of recordsOfText(await readFile(file, 'utf8'), basename(file), at)) yield { kind: 'record', ...located }
    } catch (error) {
      // One unreadable file: the others are still read, but the listing is no longer complete.
      yield { kind: 'unreadable', error: { kind: 'file', path: file, detail: describeFsError(error) } }
    }
  }
}

/** The folder's document files, sorted; dot files (editor and sync temporaries) and sub-folders are left out. */
async function documentFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true })
  const names = entries
    .filter((e) => !e.name.startsWith('.') && DOCUMENT_FILE.test(e.name) && (e.isFile() || e.isSymbolicLink()))
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return names.map((name) => join(folder, name))
}

async function* streamLines(file: string, at: string): AsyncGenerator<DocumentStep> {
  // Opened first so that a missing or forbidden file fails here, not inside the line reader.
  const handle = await open(file, 'r')
  const lines = createInterface({ input: handle.createReadStream({ encoding: 'utf8' }), crlfDelay: Infinity })
  const name = basename(file)
  let index = 0
  let first = true
  try {
    for await (const raw of lines) {
      const line = (first ? raw.replace(/^\uFEFF/, '') : raw).trim()
      first = false
      if (line !== '') yield { kind: 'record', ...lineRecord(line, name, index++, at) }
    }
  } finally {
    lines.close()
    await handle.close().catch(() => undefined)
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOENT') return 'no such file or folder'
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied'
  if (e.code === 'ENOTDIR') return 'not a folder'
  return e.code ? `${e.code}: ${e.message}` : String(error)
}
