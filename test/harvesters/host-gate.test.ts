import { describe, expect, it } from 'vitest'
import { HostGate } from '../../harvesters/host-gate.ts'
import { fakeClock } from '../support/fake-clock.ts'

describe('per-host politeness', () => {
  it('case 22: one request at a time per host, spaced by the delay, on an injected clock', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z')
    const gate = new HostGate(clock)
    const starts: number[] = []
    let active = 0
    let maxActive = 0
    const task = async () => {
      active++
      maxActive = Math.max(maxActive, active)
      starts.push(clock.now().getTime())
      await clock.sleep(10)
      active--
    }
    await Promise.all([1, 2, 3, 4].map(() => gate.run('repo.example.pe', { concurrency: 1, delayMs: 1000 }, task)))
    expect(maxActive).toBe(1)
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(1000)
  })

  it('case 84: a slow host does not hold back another host', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z')
    const gate = new HostGate(clock)
    const order: string[] = []
    const slow = gate.run('slow.example.pe', { concurrency: 1, delayMs: 0 }, async () => { await clock.sleep(60_000); order.push('slow') })
    const fast = gate.run('fast.example.pe', { concurrency: 1, delayMs: 0 }, async () => { order.push('fast') })
    await Promise.all([slow, fast])
    expect(order).toEqual(['fast', 'slow'])
  })
})
