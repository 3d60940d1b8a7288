// The harvest of one madmp source: list every document its baseUrl serves, upsert them batch by batch (one
// transaction each, normalized in it), then mark what is no longer served as vanished: a listing is complete.
import type { Db } from '../db/open.ts'
import { createRawStore } from '../db/raw-store.ts'
import { rawRecordNormalizer } from '../normalize/normalize-records.ts'
import type { RawRecord, Source } from '../../harvesters/types.ts'
import { describeError, systemClock } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { toSeconds } from '../../harvesters/oai-pmh/dates.ts'
import { listDocuments } from '../../harvesters/madmp/list-documents.ts'
import { originLabel } from '../../harvesters/madmp/raw-record.ts'
import { outcome, type HarvestOptions, type SourceOutcome } from './run.ts'
import { acquireLock, finishRun, readState, recordProblem, updateState } from './state.ts'

/** Documents per transaction: the unit of progress a killed process keeps. */
const BATCH = 200

export async function harvestMadmpSource(db: Db, source: Source, options: HarvestOptions = {}): Promise<SourceOutcome> {
  const clock = options.clock ?? systemClock
  const now = () => toSeconds(clock.now())
  if (!readState(db, source.id).enabled) {
    return outcome(source.id, 'disabled', `disabled (after an HTTP 403, or by an operator); \`redcti enable ${source.id}\` to harvest it again`, null)
  }
  // Every run lists everything, so every run is a full one.
  const lock = acquireLock(db, source.id, 'full', now())
  if (!lock.ok) {
    const { pid, since } = lock.holder
    return outcome(source.id, 'locked', `already being harvested by process ${pid} since ${since}; not started`, null)
  }
  const { runId } = lock
  const counts = { pages: 0, records: 0, deleted: 0 }
  const end = (status: 'finished' | 'failed', message: string): SourceOutcome => {
    finishRun(db, source.id, runId, status, message, now())
    return { ...outcome(source.id, status, message, runId), ...counts }
  }
  try {
    const started = now()
    // A new epoch: what this listing does not touch keeps the old one and is marked vanished at the end.
    const epoch = lock.state.epoch + 1
    updateState(db, source.id, { epoch, metadataPrefix: source.metadataPrefix, baseUrl: source.baseUrl, role: source.role ?? 'repository' })
    if (options.from || options.until) {
      recordProblem(db, runId, source.id, 'range-ignored', 'a madmp source is listed whole on every run: --from/--until do not apply', started)
    }
    const store = createRawStore(db)
    const normalize = options.normalize === false ? null : rawRecordNormalizer(db, source, options.sources ?? [source])
    const countRun = db.$client.prepare('UPDATE harvest_runs SET pages = pages + 1, records = records + ? WHERE id = ?')
    const firstSeen = new Map<string, string>()
    let batch: RawRecord[] = []
    let failed = 0
    let incomplete = false

    const commit = () => {
      if (batch.length === 0) return
      const records = batch
      batch = []
      const at = now()
      db.$client.transaction(() => {
        const stored = store.putRecords(source.id, records, at, epoch)
        normalize?.(stored.written, at)
        countRun.run(records.length, runId)
      })()
      counts.pages++
      counts.records += records.length
      options.onProgress?.({ sourceId: source.id, pages: counts.pages, records: counts.records, total: null })
    }

    options.log?.info({ source: source.id, baseUrl: source.baseUrl }, 'madmp harvest started')
    for await (const step of listDocuments(source, { clock, gate: options.gate ?? new HostGate(clock) })) {
      if (step.kind === 'error') {
        commit()
        // A 403 means "not for you": asking again each run would be rude (as harvestSource does).
        const forbidden = step.error.kind === 'http' && step.error.status === 403
        if (forbidden) updateState(db, source.id, { enabled: false })
        return end('failed', `${describeError(step.error)}; nothing was marked as vanished${forbidden ? `; source disabled until an operator runs \`redcti enable ${source.id}\`` : ''}`)
      }
      if (step.kind === 'unreadable') {
        incomplete = true
        recordProblem(db, runId, source.id, 'file-unreadable', describeError(step.error), now())
        continue
      }
      const { record, origin } = step
      const where = originLabel(origin)
      const first = firstSeen.get(record.identifier)
      if (first === undefined) firstSeen.set(record.identifier, where)
      else {
        // DMP tools export every version of a plan under one dmp_id: the one modified last is kept.
        recordProblem(db, runId, source.id, 'duplicate-identifier', `${where} repeats the dmp_id of ${first}; the copy modified last is kept`, now(), record.identifier)
      }
      // Its diagnostic is stored with the raw record, where `redcti failures` lists it (named by file and position).
      if (record.problem) failed++
      batch.push(record)
      if (batch.length >= BATCH) commit()
    }
    commit()

    const vanished = complete(db, source, { runId, epoch, started, at: now(), incomplete, listed: firstSeen.size, store, normalize })
    const summary = `${counts.records} documents (${failed} not readable as maDMP) in ${counts.pages} batches`
      + (vanished > 0 ? `; ${vanished} no longer served, marked vanished` : '')
      + (incomplete ? '; a file could not be read, so nothing was marked as vanished' : '')
    return end('finished', summary)
  } catch (error) {
    // Only bugs throw; the lock is released and the run says what happened.
    return end('failed', `internal error: ${(error as Error).stack ?? error}`)
  }
}

interface Completion {
  runId: number
  epoch: number
  started: string
  at: string
  incomplete: boolean
  listed: number
  store: ReturnType<typeof createRawStore>
  normalize: ((records: RawRecord[], at: string) => void) | null
}

/** A complete listing marks what it did not serve as vanished, except when it served nothing at all. */
function complete(db: Db, source: Source, job: Completion): number {
  const { runId, epoch, started, at, store } = job
  let vanished = 0
  db.$client.transaction(() => {
    if (job.incomplete) {
      recordProblem(db, runId, source.id, 'mark-kept', 'a file could not be read, so nothing was marked as vanished', at)
    } else if (job.listed === 0 && store.liveCount(source.id) > 0) {
      // An unmounted volume or an emptied export folder must not mass-delete (as OAI-PMH case 68).
      recordProblem(db, runId, source.id, 'reconcile-skipped', `the listing returned no document while ${store.liveCount(source.id)} are live; nothing marked as vanished`, at)
    } else {
      const ids = store.markVanished(source.id, epoch, at)
      vanished = ids.length
      job.normalize?.(ids.map((identifier) => ({ identifier, datestamp: at, setSpecs: [], deleted: true, metadata: null, problem: null })), at)
      if (vanished > 0) recordProblem(db, runId, source.id, 'vanished', `${vanished} documents are no longer served`, at)
    }
    updateState(db, source.id, {
      planJson: null,
      ...(job.incomplete ? {} : { highWater: started, lastFullAt: started }),
      deferredUntil: null,
    })
  })()
  return vanished
}


