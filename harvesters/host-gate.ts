// Per-host politeness: at most N requests in flight to one host and a pause between two of them (case 22).
import type { Clock } from './types.ts'

interface HostState {
  active: number
  lastStart: number
  waiting: Array<() => void>
}

export interface HostLimits {
  concurrency: number
  delayMs: number
}

export class HostGate {
  private readonly hosts = new Map<string, HostState>()

  constructor(private readonly clock: Clock) {}

  /** Runs `task` when the host has a free slot and its delay has passed since the last request started. */
  async run<T>(host: string, limits: HostLimits, task: () => Promise<T>): Promise<T> {
    const state = this.state(host)
    while (state.active >= Math.max(1, limits.concurrency)) {
      await new Promise<void>((resolve) => state.waiting.push(resolve))
    }
    state.active++
    try {
      const wait = state.lastStart + limits.delayMs - this.clock.now().getTime()
      if (limits.delayMs > 0 && wait > 0) await this.clock.sleep(wait)
      state.lastStart = this.clock.now().getTime()
      return await task()
    } finally {
      state.active--
      state.waiting.shift()?.()
    }
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host)
    if (!state) {
      state = { active: 0, lastStart: Number.NEGATIVE_INFINITY, waiting: [] }
      this.hosts.set(host, state)
    }
    return state
  }
}
