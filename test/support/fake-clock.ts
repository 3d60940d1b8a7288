// A clock for tests: sleeping advances time instantly, so back-off and Retry-After tests run in milliseconds.
import type { Clock } from '../../harvesters/types.ts'

export interface FakeClock extends Clock {
  /** Every sleep asked for, in ms. */
  sleeps: number[]
}

export function fakeClock(start: string): FakeClock {
  let now = new Date(start).getTime()
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => new Date(now),
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
      // Yield so that concurrent tasks interleave as they would in real time.
      await new Promise((resolve) => setImmediate(resolve))
    },
  }
}
