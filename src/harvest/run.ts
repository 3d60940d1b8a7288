// THE harvest pipeline for one source: Identify → plan windows → pages → raw store + checkpoint, one
// transaction per page, so a killed process resumes where it stopped and never stores a page twice.
import type { Logger } from 'pino'
import type { Db } from '../db/open.ts'
import { createRawStore, type RawStore } from '../db/raw-store.ts'
import { rawRecordNormalizer } from '../normalize/normalize-records.ts'
import type { Clock, HarvestError, Granularity, RawRecord, Source } from '../../harvesters/types.ts'
import { describeError, systemClock } from '../../harvesters/types.ts'
import { HostGate } from '../../harvesters/host-gate.ts'
import { oaiRequest, type RequestContext } from '../../harvesters/oai-pmh/request.ts'
import { listPages } from '../../harvesters/oai-pmh/list-pages.ts'
import { resolveSettings } from '../../harvesters/oai-pmh/settings.ts'
import {
  DAY_MS, HOUR_MS, formatForRequest, normalizeDatestamp, parseGranularity, parseIso, planWindows, splitWindow, toSeconds,
  type Window,
} from '../../harvesters/oai-pmh/dates.ts'
import {
  acquireLock, readState, createCheckpoint, finishRun, loadPlan, recordProblem, savePlan, updateState,
  type HarvestPlan, type RunMode, type SourceStateRow,
} from './state.ts'

export interface HarvestOptions {
  /** Map and merge records as pages are stored (default true); false leaves that to `redcti normalize`. */
  normalize?: boolean
  /** Every configured source, so merging knows which are aggregators (default: the harvested one). */
  sources?: Source[]
  full?: boolean
  from?: string
  until?: string
  clock?: Clock
  gate?: HostGate
  log?: Logger
  random?: () => number
  onProgress?: (progress: { sourceId: string; pages: number; records: number; total: number | null }) => void
}

export type OutcomeStatus = 'finished' | 'failed' | 'deferred' | 'locked' | 'disabled'

export interface SourceOutcome {
  sourceId: string
  status: OutcomeStatus
  message: string
  runId: number | null
  pages: number
  records: number
  deleted: number
}

interface Job {
  db: Db
  source: Source
  ctx: RequestContext
  store: RawStore
  runId: number
  plan: HarvestPlan
  clock: Clock
  log: Logger | undefined
  checkpoint: ReturnType<typeof createCheckpoint>
  /** Maps written records into the normalized store, inside the page transaction; null when --no-normalize. */
  normalize: ((records: RawRecord[], at: string) => void) | null
  counts: { pages: number; records: number; deleted: number }
  options: HarvestOptions
}

const MAX_TOKEN_RESTARTS = 3

export async function harvestSource(db: Db, source: Source, options: HarvestOptions = {}): Promise<SourceOutcome> {
  const clock = options.clock ?? systemClock
  const now = () => toSeconds(clock.now())
  const mode: RunMode = options.full ? 'full' : 'incremental'
  if (!readState(db, source.id).enabled) {
    return outcome(source.id, 'disabled', `disabled (after an HTTP 403, or by an operator); \`redcti enable ${source.id}\` to harvest it again`, null)
  }
  const lock = acquireLock(db, source.id, mode, now())
  if (!lock.ok) {
    const { pid, since } = lock.holder
    return outcome(source.id, 'locked', `already being harvested by process ${pid} since ${since}; not started`, null)
  }
  const settings = resolveSettings(source)
  const ctx: RequestContext = {
    source, settings, clock, gate: options.gate ?? new HostGate(clock), random: options.random,
    onRetry: ({ url, attempt, waitMs, reason }) => options.log?.warn({ source: source.id, url, attempt, waitMs }, `retrying after ${reason}`),
  }
  const runId = lock.runId
  updateState(db, source.id, { metadataPrefix: source.metadataPrefix, baseUrl: source.baseUrl, role: source.role ?? 'repository' })
  try {
    const identified = await identify(ctx, lock.state)
    if (!identified.ok) {
      if (isForbidden(identified.error)) updateState(db, source.id, { enabled: false })
      const disabled = isForbidden(identified.error) ? `; source disabled until an operator runs \`redcti enable ${source.id}\`` : ''
      return end(db, source.id, runId, 'failed', `Identify failed: ${describeError(identified.error)}${disabled}`, now())
    }
    const { serverNow, granularity, earliest } = identified.value
    // Kept for repository health: deletions not propagated are judged against what Identify declares.
    updateState(db, source.id, { deletedRecord: identified.value.deletedRecord, identifyBaseUrl: identified.value.baseUrl, earliestDatestamp: earliest ? toSeconds(earliest) : null })
    if (identified.value.baseUrl && identified.value.baseUrl !== source.baseUrl) {
      recordProblem(db, runId, source.id, 'base-url-differs', `Identify says baseURL is ${identified.value.baseUrl}; configured ${source.baseUrl}`, now())
    }
    if (identified.value.futureEarliest) {
      recordProblem(db, runId, source.id, 'earliest-datestamp-ignored', `Identify's earliestDatestamp ${identified.value.futureEarliest} is after the server's own date; harvesting from the start of the list`, now())
    }
    const plan = resumablePlan(lock.state, options) ?? newPlan(db, source, lock.state, options, { serverNow, granularity, earliest })
    if (plan.explicit && plan.phase === 'records' && plan.windows.length === 0) {
      recordProblem(db, runId, source.id, 'empty-range', `the requested range starts after it ends (from ${options.from ?? 'earliestDatestamp'}, until ${options.until ?? 'now'}); nothing was asked`, now())
    }
    savePlan(db, source.id, plan)
    const job: Job = {
      db, source, ctx, store: createRawStore(db), runId, plan, clock, log: options.log,
      checkpoint: createCheckpoint(db), counts: { pages: 0, records: 0, deleted: 0 }, options,
      normalize: options.normalize === false ? null : rawRecordNormalizer(db, source, options.sources ?? [source]),
    }
    options.log?.info({ source: source.id, mode: plan.mode, windows: plan.windows.length, resumed: plan.token !== null }, 'harvest started')
    const failure = await workThroughPlan(job)
    if (failure) {
      const result = end(db, source.id, runId, failure.status, failure.message, now())
      return { ...result, ...job.counts }
    }
    completePlan(job, now())
    const summary = `${job.counts.records} records (${job.counts.deleted} deleted) in ${job.counts.pages} pages`
      + (plan.incomplete ? '; a list ended early, high-water mark kept' : '')
    return { ...end(db, source.id, runId, 'finished', summary, now()), ...job.counts }
  } catch (error) {
    // Only bugs throw; the lock is released and the run says what happened.
    return end(db, source.id, runId, 'failed', `internal error: ${(error as Error).stack ?? error}`, now())
  }
}

export function outcome(sourceId: string, status: OutcomeStatus, message: string, runId: number | null): SourceOutcome {
  return { sourceId, status, message, runId, pages: 0, records: 0, deleted: 0 }
}

function end(db: Db, sourceId: string, runId: number, status: 'finished' | 'failed' | 'deferred', message: string, at: string): SourceOutcome {
  finishRun(db, sourceId, runId, status, message, at)
  return outcome(sourceId, status, message, runId)
}

interface Identity {
  serverNow: Date
  granularity: Granularity
  earliest: Date | null
  baseUrl: string | null
  deletedRecord: string | null
  /** An earliestDatestamp after the server's responseDate, ignored (case 58). */
  futureEarliest: string | null
}

async function identify(ctx: RequestContext, state: SourceStateRow) {
  const response = await oaiRequest(ctx, { verb: 'Identify' })
  if (!response.ok) return response
  const { page } = response.value
  if (page.oaiError) {
    return { ok: false as const, error: { kind: 'oai', url: response.value.url, code: page.oaiError.code, message: page.oaiError.message } satisfies HarvestError }
  }
  const fields = page.identify ?? {}
  const responseDate = normalizeDatestamp(page.responseDate)
  const serverNow = responseDate ? new Date(responseDate) : ctx.clock.now()
  const announced = normalizeDatestamp(fields.earliestDatestamp)
  // An earliestDatestamp in the future (a sentinel such as 9999-12-31, a broken clock) would plan one window
  // after every record and harvest nothing (case 58): treat it as missing, like a malformed one.
  const future = announced !== null && Date.parse(announced) > serverNow.getTime()
  const earliest = future ? null : announced
  // The granularity a server really accepts may differ from what it says (case 57): a learnt fallback wins.
  const granularity = ctx.source.quirks?.granularity
    ?? (state.granularity as Granularity | null)
    ?? parseGranularity(fields.granularity)
  const identity: Identity = {
    // The high-water mark is the server's clock, not ours (HG §3, case 62).
    serverNow,
    granularity,
    earliest: earliest ? new Date(earliest) : null,
    baseUrl: fields.baseURL?.trim() || null,
    deletedRecord: fields.deletedRecord?.trim() || null,
    futureEarliest: future ? announced : null,
  }
  return { ok: true as const, value: identity }
}

/** A checkpointed plan is resumed when the new run asks for the same kind of harvest. */
function resumablePlan(state: SourceStateRow, options: HarvestOptions): HarvestPlan | null {
  const plan = loadPlan(state)
  if (!plan) return null
  if (options.from || options.until) return null
  if (options.full && plan.mode !== 'full') return null
  // A new run gets a fresh restart budget: a plan saved with its restarts spent would fail on its first
  // expired token in every later run and never finish (cases 48, 55).
  return { ...plan, restarts: 0 }
}

function newPlan(db: Db, source: Source, state: SourceStateRow, options: HarvestOptions, id: { serverNow: Date; granularity: Granularity; earliest: Date | null }): HarvestPlan {
  const settings = resolveSettings(source)
  const mode: RunMode = options.full ? 'full' : 'incremental'
  const explicit = Boolean(options.from || options.until)
  const noWindows = source.quirks?.noDateWindows === true
  let windows: Window[]
  if (noWindows) {
    windows = [{ from: null, until: null }]
  } else if (explicit) {
    const from = options.from ? parseIso(options.from) : id.earliest
    const until = options.until ? parseIso(options.until) : id.serverNow
    if (from && options.until && from.getTime() > until.getTime()) {
      // A request with from > until is a badArgument at best (Spec §3.3.1); never send it (case 66).
      windows = []
    } else {
      windows = planWindows(from, until, settings.windowDays, id.granularity)
      if (options.until) windows[windows.length - 1]!.until = formatForRequest(until, id.granularity)
    }
  } else if (mode === 'full' || !state.highWater) {
    windows = planWindows(id.earliest, id.serverNow, settings.windowDays, id.granularity)
  } else {
    // Overlap: DSpace items indexed late by `oai import` carry datestamps before our mark (case 61).
    const from = new Date(parseIso(state.highWater).getTime() - settings.overlapHours * HOUR_MS)
    windows = planWindows(from, id.serverNow, settings.windowDays, id.granularity)
  }
  const due = settings.reconcileEveryDays > 0 && state.highWater !== null && !explicit && mode === 'incremental' && !noWindows
    && (!state.lastFullAt || id.serverNow.getTime() - parseIso(state.lastFullAt).getTime() > settings.reconcileEveryDays * DAY_MS)
  const epoch = state.epoch + 1
  updateState(db, source.id, { epoch })
  return {
    mode, explicit, phase: 'records', serverStart: toSeconds(id.serverNow), granularity: id.granularity, windows,
    reconcileWindows: due ? planWindows(id.earliest, id.serverNow, settings.windowDays * 12, id.granularity) : [],
    token: null, restarts: 0, bypass: false, epoch, listed: 0, initial: !state.highWater, incomplete: false,
  }
}

type Failure = { status: 'failed' | 'deferred'; message: string }

async function workThroughPlan(job: Job): Promise<Failure | null> {
  const { plan, db, source } = job
  while (true) {
    const windows = plan.phase === 'records' ? plan.windows : plan.reconcileWindows
    const window = windows[0]
    if (!window) {
      if (plan.phase === 'records' && plan.reconcileWindows.length > 0) {
        plan.phase = 'reconcile'
        plan.listed = 0
        savePlan(db, source.id, plan)
        continue
      }
      return null
    }
    const error = await runWindow(job, window)
    if (!error) {
      windows.shift()
      plan.token = null
      plan.restarts = 0
      plan.bypass = false
      savePlan(db, source.id, plan)
      continue
    }
    const handled = handleWindowError(job, window, windows, error)
    if (handled) return handled
    savePlan(db, source.id, plan)
  }
}

/** Decides what a failing window becomes: a restart, a split, a bypass, or the end of this source's run. */
function handleWindowError(job: Job, window: Window, windows: Window[], error: HarvestError): Failure | null {
  const { plan, db, source, runId } = job
  const at = toSeconds(job.clock.now())
  const problem = (kind: string, detail: string) => {
    recordProblem(db, runId, source.id, kind, detail, at)
    job.log?.warn({ source: source.id, window }, detail)
  }
  if (error.kind === 'deferred') {
    updateState(db, source.id, { deferredUntil: toSeconds(new Date(job.clock.now().getTime() + error.retryAfterSec * 1000)) })
    return { status: 'deferred', message: describeError(error) }
  }
  if (error.kind === 'oai' && error.code === 'badResumptionToken' && plan.restarts < MAX_TOKEN_RESTARTS) {
    // The token expired: only this window starts again; the high-water mark does not move (case 48).
    plan.token = null
    plan.restarts++
    problem('token-restart', `badResumptionToken (${error.message}); window ${window.from ?? '…'}–${window.until ?? '…'} restarted`)
    return null
  }
  if (error.kind === 'oai' && error.code === 'badArgument' && plan.granularity !== 'YYYY-MM-DD' && !source.quirks?.granularity && plan.token === null && window.from) {
    // Identify said seconds, the server only takes days (cases 56–57): learn it and re-plan in days.
    plan.granularity = 'YYYY-MM-DD'
    for (const w of [...plan.windows, ...plan.reconcileWindows]) {
      if (w.from) w.from = w.from.slice(0, 10)
      if (w.until) w.until = w.until.slice(0, 10)
    }
    updateState(db, source.id, { granularity: 'YYYY-MM-DD' })
    problem('granularity-fallback', `the server rejected seconds-granularity dates (${error.message}); using days`)
    return null
  }
  if (isForbidden(error)) {
    // HG §2: a 403 means we are not welcome; asking again on every cron run is not polite. An operator re-enables.
    updateState(db, source.id, { enabled: false })
    return { status: 'failed', message: `${describeError(error)}; source disabled until an operator runs \`redcti enable ${source.id}\`` }
  }
  if (isServerSideFailure(error) && plan.phase === 'records' && !plan.bypass) {
    if ((plan.splits ?? 0) >= MAX_SPLITS) return { status: 'failed', message: `${describeError(error)}; gave up after ${MAX_SPLITS} window splits` }
    plan.splits = (plan.splits ?? 0) + 1
    const halves = source.quirks?.noDateWindows ? null : splitWindow(window, new Date(plan.serverStart), plan.granularity)
    if (halves) {
      // A window that keeps failing is split: the fault is confined to ever smaller ranges.
      windows.splice(0, 1, ...halves)
      plan.token = null
      problem('window-split', `${describeError(error)}; window split in two`)
      return null
    }
    // One poisoned item makes DSpace answer 500 for a whole page (DSpace #10721): go around it.
    plan.bypass = true
    plan.token = null
    problem('window-bypass', `${describeError(error)}; reading this window with ListIdentifiers + GetRecord`)
    return null
  }
  return { status: 'failed', message: describeError(error) }
}

/**
 * Failures a smaller window or ListIdentifiers + GetRecord can get around: a page the server cannot render
 * (500 over one bad item, a cut or broken page). Not overload (503, 429: the server asks us to wait, and
 * splitting would multiply requests) and not a login page: those end the run (HG §5, case 4).
 */
function isServerSideFailure(error: HarvestError): boolean {
  if (error.kind === 'retries-exhausted') return isServerSideFailure(error.last)
  if (error.kind === 'http') return error.status === 500 || error.status === 502 || error.status === 504
  return error.kind === 'malformed-xml' || error.kind === 'truncated' || error.kind === 'timeout'
}

/** Splits allowed in one plan: enough to corner a few poisoned items, not enough to flood a failing server. */
const MAX_SPLITS = 24

/** Lists one window to its end, storing and checkpointing page by page. Returns the error that stopped it. */
async function runWindow(job: Job, window: Window): Promise<HarvestError | null> {
  const { plan, source } = job
  const listing = plan.phase === 'reconcile' || plan.bypass
  const steps = listPages(job.ctx, {
    verb: listing ? 'ListIdentifiers' : 'ListRecords',
    metadataPrefix: source.metadataPrefix, set: source.set, window, resumeToken: plan.token,
  })
  for await (const step of steps) {
    if (step.kind === 'error') return step.error
    if (step.kind === 'end') {
      if (step.reason) {
        recordProblem(job.db, job.runId, source.id, 'list-ended-early', step.reason, toSeconds(job.clock.now()))
        plan.incomplete = true
      }
      return null
    }
    let records = step.page.records
    if (plan.phase === 'reconcile') records = await fetchUnknown(job, records)
    else if (plan.bypass) records = await fetchEach(job, records)
    commitPage(job, records, step.nextToken)
    if (step.page.warnings.length > 0) {
      // Repaired characters, trailing garbage, undeclared compression: kept, and said (cases 16, 19, 23, 27, 29, 32).
      const detail = step.page.warnings.join('; ')
      job.log?.warn({ source: source.id, url: step.url }, detail)
      recordProblem(job.db, job.runId, source.id, 'page-warning', `${step.url}: ${detail}`, toSeconds(job.clock.now()))
    }
    job.options.onProgress?.({ sourceId: source.id, pages: job.counts.pages, records: job.counts.records, total: step.page.token?.completeListSize ?? null })
  }
  return null
}

/** One transaction: the page's records, the run counters and the next token (resume point). */
function commitPage(job: Job, records: RawRecord[], nextToken: string | null): void {
  const { db, source, plan, runId, store } = job
  const at = toSeconds(job.clock.now())
  db.$client.transaction(() => {
    const keyed: RawRecord[] = []
    for (const r of records) {
      if (r.identifier) keyed.push(r)
      // Without an identifier there is no key to store it under: keep it whole as a run problem (case 36).
      else recordProblem(db, runId, source.id, 'record-without-identifier', `${r.problem ?? 'no identifier'}: ${r.metadata ?? ''}`, at)
    }
    const counts = plan.phase === 'reconcile' ? reconcilePage(store, source.id, keyed, at, plan.epoch) : store.putRecords(source.id, keyed, at, plan.epoch)
    job.normalize?.(counts.written, at)
    plan.token = nextToken
    plan.listed += records.length
    job.checkpoint(source.id, runId, plan, counts.live, counts.deleted)
  })()
  job.counts.pages++
  job.counts.records += records.length
  job.counts.deleted += records.filter((r) => r.deleted).length
}

/**
 * A reconciliation page: live headers only say "still there"; a deleted header is a tombstone to store,
 * newest datestamp winning, or a deletion the incremental runs missed stays live for ever (case 77).
 */
function reconcilePage(store: RawStore, sourceId: string, headers: RawRecord[], at: string, epoch: number) {
  store.markSeen(sourceId, headers.filter((h) => !h.deleted).map((h) => h.identifier), epoch)
  const { written } = store.putRecords(sourceId, headers.filter((h) => h.deleted), at, epoch)
  return { live: 0, deleted: 0, written }
}

/** Reconciliation found identifiers we never stored (late indexing, case 61): fetch them now. */
async function fetchUnknown(job: Job, headers: RawRecord[]): Promise<RawRecord[]> {
  const { db, source, plan } = job
  const live = headers.filter((h) => !h.deleted)
  const unknown = new Set(db.$client.transaction(() => job.store.markSeen(source.id, live.map((h) => h.identifier), plan.epoch))())
  const fetched = await fetchEach(job, live.filter((h) => unknown.has(h.identifier)))
  if (fetched.length > 0) {
    const at = toSeconds(job.clock.now())
    db.$client.transaction(() => job.normalize?.(job.store.putRecords(source.id, fetched, at, plan.epoch).written, at))()
  }
  return headers
}

/** GetRecord for each listed header; a record the server cannot deliver is kept with its diagnostic. */
async function fetchEach(job: Job, headers: RawRecord[]): Promise<RawRecord[]> {
  const out: RawRecord[] = []
  for (const header of headers) {
    if (header.deleted || !header.identifier) {
      out.push(header)
      continue
    }
    const response = await oaiRequest(job.ctx, { verb: 'GetRecord', identifier: header.identifier, metadataPrefix: job.source.metadataPrefix })
    if (!response.ok) {
      out.push({ ...header, metadata: null, problem: `GetRecord failed: ${describeError(response.error)}` })
      continue
    }
    const { page } = response.value
    // idDoesNotExist or a tombstone both mean the record is gone (case 78).
    if (page.oaiError?.code === 'idDoesNotExist') out.push({ ...header, deleted: true, metadata: null })
    else if (page.oaiError) out.push({ ...header, metadata: null, problem: `GetRecord: ${page.oaiError.code} ${page.oaiError.message}` })
    else out.push(page.records[0] ?? { ...header, metadata: null, problem: 'GetRecord returned no record' })
  }
  return out
}

/** All windows done: move the high-water mark, and after a complete pass mark what vanished. */
function completePlan(job: Job, at: string): void {
  const { db, source, plan, runId, store } = job
  const completePass = plan.mode === 'full' || plan.phase === 'reconcile' || source.quirks?.noDateWindows === true
  // A window that ended early left records unlisted: they are not gone, and the mark must not pass them (cases 43–45).
  const moveMark = !plan.explicit && !plan.incomplete
  db.$client.transaction(() => {
    if (plan.incomplete) {
      recordProblem(db, runId, source.id, 'mark-kept', 'a list ended early, so nothing was marked as vanished and the high-water mark did not move', at)
    } else if (completePass && !plan.explicit) {
      const live = store.liveCount(source.id)
      if (plan.listed === 0 && live > 0) {
        // A set renamed or a server glitch must not mass-delete (case 68): say so and keep the records.
        recordProblem(db, runId, source.id, 'reconcile-skipped', `the full listing returned nothing while ${live} records are live; nothing marked as vanished`, at)
      } else {
        const vanishedIds = store.markVanished(source.id, plan.epoch, at)
        const vanished = vanishedIds.length
        // A vanished record leaves its cluster like a deleted one.
        job.normalize?.(vanishedIds.map((identifier) => ({ identifier, datestamp: at, setSpecs: [], deleted: true, metadata: null, problem: null })), at)
        if (vanished > 0) recordProblem(db, runId, source.id, 'vanished', `${vanished} records are no longer listed by the server and came without a tombstone`, at)
      }
    }
    if (plan.mode === 'incremental' && !plan.initial && plan.phase === 'records' && !plan.explicit && plan.listed > 100 && plan.listed >= 0.9 * store.liveCount(source.id)) {
      recordProblem(db, runId, source.id, 'datestamps-not-incremental', `an incremental run listed ${plan.listed} records, about all of them: the server's datestamps may always be "now" (case 63)`, at)
    }
    updateState(db, source.id, {
      planJson: null,
      ...(moveMark ? { highWater: plan.serverStart } : {}),
      ...(completePass && moveMark ? { lastFullAt: plan.serverStart } : {}),
      deferredUntil: null,
    })
  })()
}

function isForbidden(error: HarvestError): boolean {
  return error.kind === 'http' ? error.status === 403 : error.kind === 'retries-exhausted' && isForbidden(error.last)
}
