// `redcti clusters`: inspect a merge, force one, undo one — and the decisions survive `redcti normalize`.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../support/run-cli.ts'

let dir: string
let db: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'redcti-clusters-'))
  db = join(dir, 'demo.db')
  const demo = await runCli(['--db', db, 'demo', '--no-serve'], 60_000)
  expect(demo.code, demo.stderr).toBe(0)
}, 90_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const conicet = (n: number) => `demo-conicet-digital-oai-dc:oai:ri.conicet.gov.ar:11336/${n}`

describe('redcti clusters', () => {
  it('show names the copies of a cluster and the keys that joined them', async () => {
    const shown = await runCli(['--db', db, 'clusters', 'show', conicet(179477)])
    expect(shown.code, shown.stderr).toBe(0)
    const cluster = JSON.parse(shown.stdout) as { cluster: string; members: { id: string; keys: string[] }[] }
    expect(cluster.cluster).toMatch(/^ro-/)
    expect(cluster.members.map((m) => m.id)).toEqual([conicet(179477)])
    expect(cluster.members[0]!.keys).toContain('research-output|oai:oai:ri.conicet.gov.ar:11336/179477')
    const unknown = await runCli(['--db', db, 'clusters', 'show', 'nope:nothing'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/no cluster found/)
  })

  it('merge joins two copies, split keeps one apart, and both decisions survive re-normalization', async () => {
    const merged = await runCli(['--db', db, 'clusters', 'merge', conicet(179477), conicet(116972), '--note', 'same work'])
    expect(merged.code, merged.stderr).toBe(0)
    const clusterId = /one cluster \((ro-[0-9a-f]+)\)/.exec(merged.stdout)![1]!
    const members = async () => (JSON.parse((await runCli(['--db', db, 'clusters', 'show', clusterId])).stdout) as { members: { id: string }[] }).members.map((m) => m.id).sort()
    expect(await members()).toEqual([conicet(116972), conicet(179477)].sort())

    expect((await runCli(['--db', db, 'normalize'])).code).toBe(0)
    expect(await members()).toEqual([conicet(116972), conicet(179477)].sort())

    const split = await runCli(['--db', db, 'clusters', 'split', conicet(23263)])
    expect(split.code, split.stderr).toBe(0)
    const overrides = JSON.parse((await runCli(['--db', db, 'clusters', 'overrides'])).stdout) as { kind: string; recordId: string; note: string | null }[]
    expect(overrides.map((o) => [o.kind, o.recordId, o.note])).toEqual([['link', conicet(179477), 'same work'], ['detach', conicet(23263), null]])

    const bad = await runCli(['--db', db, 'clusters', 'split', 'nope:nothing'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/no normalized copy with id/)
  })
})
