// Harvest state in the database: the per-source lock, run rows, the checkpointed plan and run problems.
import { and, eq, desc } from 'drizzle-orm'
import type { Db } from '../db/open.ts'
import { harvestProblems, harvestRuns, sourceState } from '../db/schema.ts'
import type { Window } from '../../harvesters/oai-pmh/dates.ts'

export type RunMode = 'incremental' | 'full'
export type RunStatus = 'running' | 'finished' | 'failed' | 'interrupted' | 'deferred'

/** What a harvest still has to do; saved with every page so a killed process resumes exactly here. */
export interface HarvestPlan {
  mode: RunMode
  /** Explicit --from/--until range: does not move the high-water mark. */
  explicit: boolean
  phase: 'records' | 'reconcile'
  /** The server's responseDate when the plan started: the next high-water mark. */
  serverStart: string
  granularity: 'YYYY-MM-DD' | 'YYYY-MM-DDThh:mm:ssZ'
  windows: Window[]
  /** Windows still to list with ListIdentifiers in the reconciliation phase. */
  reconcileWindows: Window[]
  token: string | null
  /** Restarts of the current window after badResumptionToken. */
  restarts: number
  /** The current window is read with ListIdentifiers + GetRecord (the server fails its ListRecords pages). */
  bypass: boolean
  epoch: number
  /** The source had never been harvested: a complete listing is expected, not a sign of broken datestamps. */
  initial: boolean
  /** Records the server listed during this plan, to spot "datestamp is always now" (case 63). */
  listed: number
  /**
   * A window ended early (token loop, empty-page cap, ceiling: cases 43–45): what it did not list is unknown,
   * so this plan neither marks records vanished nor moves the high-water mark.
   */
  incomplete?: boolean
  /** Window splits so far in this plan (bounded: a server failing every page must not be flooded). */
  splits?: number
}

export type SourceStateRow = typeof sourceState.$inferSelect

export function isProcessAlive(pid: number | null | undefined): boolean {
  if (!pid) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function readState(db: Db, sourceId: string): SourceStateRow {
  db.insert(sourceState).values({ sourceId }).onConflictDoNothing().run()
  return db.select().from(sourceState).where(eq(sourceState.sourceId, sourceId)).get()!
}

export type LockOutcome =
  | { ok: true; runId: number; state: SourceStateRow }
  | { ok: false; holder: { pid: number | null; runId: number | null; since: string | null } }

/**
 * Takes the per-source lock and opens a run, atomically. A lock whose process is gone is stale:
 * its run is marked interrupted and the lock passes on (cron and a manual run never overlap).
 */
export function acquireLock(db: Db, sourceId: string, mode: RunMode, now: string): LockOutcome {
  const take = db.$client.transaction((): LockOutcome => {
    const state = readState(db, sourceId)
    if (state.lockRunId !== null) {
      if (isProcessAlive(state.lockPid) && state.lockPid !== process.pid) {
        return { ok: false, holder: { pid: state.lockPid, runId: state.lockRunId, since: state.lockedAt } }
      }
      markInterrupted(db, state.lockRunId, now)
    }
    const run = db.insert(harvestRuns)
      .values({ sourceId, mode, status: 'running', startedAt: now, pid: process.pid })
      .returning({ id: harvestRuns.id }).get()
    db.update(sourceState)
      .set({ lockRunId: run.id, lockPid: process.pid, lockedAt: now })
      .where(eq(sourceState.sourceId, sourceId)).run()
    return { ok: true, runId: run.id, state: readState(db, sourceId) }
  })
  return take.immediate()
}

function markInterrupted(db: Db, runId: number, now: string): void {
  db.update(harvestRuns)
    .set({ status: 'interrupted', finishedAt: now, message: 'the harvesting process stopped before finishing (killed or crashed); the next run resumed from its checkpoint' })
    .where(and(eq(harvestRuns.id, runId), eq(harvestRuns.status, 'running'))).run()
}

export function finishRun(db: Db, sourceId: string, runId: number, status: Exclude<RunStatus, 'running'>, message: string | null, now: string): void {
  db.$client.transaction(() => {
    db.update(harvestRuns).set({ status, message, finishedAt: now }).where(eq(harvestRuns.id, runId)).run()
    db.update(sourceState).set({ lockRunId: null, lockPid: null, lockedAt: null })
      .where(and(eq(sourceState.sourceId, sourceId), eq(sourceState.lockRunId, runId))).run()
  })()
}

export function savePlan(db: Db, sourceId: string, plan: HarvestPlan | null): void {
  db.update(sourceState).set({ planJson: plan ? JSON.stringify(plan) : null }).where(eq(sourceState.sourceId, sourceId)).run()
}

export function loadPlan(state: SourceStateRow): HarvestPlan | null {
  return state.planJson ? (JSON.parse(state.planJson) as HarvestPlan) : null
}

export function updateState(db: Db, sourceId: string, values: Partial<typeof sourceState.$inferInsert>): void {
  db.update(sourceState).set(values).where(eq(sourceState.sourceId, sourceId)).run()
}

export function recordProblem(db: Db, runId: number, sourceId: string, kind: string, detail: string, at: string, identifier: string | null = null): void {
  db.insert(harvestProblems).values({ runId, sourceId, kind, detail, at, identifier }).run()
}

/** The per-page checkpoint: counters and the plan, prepared once (it runs after every page). */
export function createCheckpoint(db: Db) {
  const runUpdate = db.$client.prepare('UPDATE harvest_runs SET pages = pages + 1, records = records + ?, deleted = deleted + ? WHERE id = ?')
  const planUpdate = db.$client.prepare('UPDATE source_state SET plan_json = ? WHERE source_id = ?')
  return (sourceId: string, runId: number, plan: HarvestPlan, live: number, deleted: number) => {
    // records counts every listed header, deletions included, as the run's message does.
    runUpdate.run(live + deleted, deleted, runId)
    planUpdate.run(JSON.stringify(plan), sourceId)
  }
}

export function lastRun(db: Db, sourceId: string) {
  return db.select().from(harvestRuns).where(eq(harvestRuns.sourceId, sourceId)).orderBy(desc(harvestRuns.id)).limit(1).get()
}

/** Operators (and a 403) switch a source off; the state lives in the database so cron runs see it. */
export function setSourceEnabled(db: Db, sourceId: string, enabled: boolean): void {
  readState(db, sourceId)
  updateState(db, sourceId, { enabled })
}
