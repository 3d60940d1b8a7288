// Reads for the item front (./item-front.ts) from a read-only connection of its own, in one read transaction per
// event-loop turn: the requests read from the sockets in one turn share one snapshot, one data-version check and
// one pair of shared-memory locks, instead of two read transactions (the change check, the row) each.
//
// Why this is safe: the snapshot ends at setImmediate, so it covers one poll phase, and the requests read in a poll
// phase had arrived by the time the loop polled (libuv polls again within a phase only after a full batch of 1,024
// events): any commit a client could know of before sending is in the snapshot; a commit during the phase is
// concurrent with those requests, and the next turn sees it. A snapshot lasts one turn and no longer, so
// checkpoints are never held up. Own writes (an admin call on the app's connection) are another connection's
// commits here: PRAGMA data_version sees them all.
// Measured (bench:api database, 100k, 4 alternating runs each): by-id ~15,100 → ~16,300 req/s (medians), server CPU
// ~63 → ~58 µs a request.
import Database from 'better-sqlite3'
import type { AppOptions } from './app.ts'
import { currentData, type DataVersion } from './request-context.ts'

export class TurnSnapshot {
  readonly #reader: Database.Database
  readonly #begin: Database.Statement
  readonly #commit: Database.Statement
  readonly #dataVersion: Database.Statement
  /** The data version seen when the view was last caught up (-1: never). */
  #seen = -1
  /** The view as the app's connection last caught it up. */
  #caughtUp: DataVersion | undefined = undefined
  /** This turn's view of the data, while its read transaction is open. */
  #view: DataVersion | undefined = undefined
  #closed = false
  readonly #endTurn = () => {
    this.#view = undefined
    if (!this.#closed && this.#reader.inTransaction) this.#commit.run()
  }

  constructor(readonly options: AppOptions, file: string) {
    this.#reader = new Database(file, { readonly: true, fileMustExist: true })
    // As the app's connection (./app.ts): point reads at 1M records touch more pages than the default 2 MiB hold.
    // A second bounded cache: up to 64 MiB more resident memory, flat (bench:api at 1M: ~240 → ~260 MiB).
    this.#reader.pragma('cache_size = -65536')
    this.#begin = this.#reader.prepare('BEGIN')
    this.#commit = this.#reader.prepare('COMMIT')
    this.#dataVersion = this.#reader.prepare('PRAGMA data_version').pluck()
  }

  /** A statement on the snapshot's connection. */
  prepare(sql: string): Database.Statement {
    return this.#reader.prepare(sql)
  }

  /**
   * This turn's view, its read transaction opened by the first request of the turn. When anything was committed
   * since the last look, the app's connection catches the entity index up first (as for every data request) and the
   * snapshot starts after that.
   */
  view(): DataVersion {
    if (this.#view) return this.#view
    // A transaction left open by a turn that failed half-way is ended first.
    if (this.#reader.inTransaction) this.#commit.run()
    this.#begin.run()
    setImmediate(this.#endTurn)
    // The pragma opens the read transaction: the version is the snapshot's. Every commit moves it, the app's own
    // included, so while it stands still the view last caught up is current and the app's connection is not asked.
    const version = this.#dataVersion.get() as number
    if (version !== this.#seen || this.#caughtUp === undefined) {
      this.#commit.run()
      this.#caughtUp = currentData(this.options).version
      this.#begin.run()
      this.#dataVersion.get()
      // The version before the catch-up: the catch-up's own commit moves it, so the next turn looks once more and
      // finds nothing new (and a commit by anyone between the two looks is not missed).
      this.#seen = version
    }
    return this.#view = this.#caughtUp
  }

  close(): void {
    this.#closed = true
    this.#reader.close()
  }
}
