import { spawn } from 'node:child_process'
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useChildRecords } from '@core/talos/child-groups'
import { reapLeftChildren } from '@core/talos/child-records'
import { bootId, processStartTime } from '@core/talos/proc-start'
import { createTalosRunner } from '@core/talos/runner'
import { makeTempDir } from '../../helpers/tmp'

/**
 * Where no guard process can run (the packaged app), the groups are recorded on disk and the
 * next start reaps what a parent that died without handlers left behind — never a reused pid.
 */

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
const leftovers: number[] = []

beforeAll(() => chmodSync(FAKE, 0o755))
afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
})

const alive = (pid: number) => {
  const start = processStartTime(pid)
  return start !== null && !readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z')
}

/** A hung talosctl in its own group, as the runner starts it, with a child that ignores SIGTERM. */
async function hungGroup(dir: string): Promise<{ leader: number; grandchild: number }> {
  const pidFile = join(dir, `pids-${Date.now()}.json`)
  const p = spawn(FAKE, ['get', 'disks'], { detached: true, stdio: 'ignore', env: { ...process.env, FAKE_MODE: 'hang', FAKE_PID_FILE: pidFile } })
  p.unref()
  for (let i = 0; i < 200 && !existsSync(pidFile); i++) await sleep(25)
  const { child, grandchild } = JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number; grandchild: number }
  leftovers.push(child, grandchild)
  return { leader: child, grandchild }
}

/** A finished process: its pid and start time name nobody now. */
async function deadOwner(): Promise<{ pid: number; start: string }> {
  const p = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 200)'], { stdio: 'ignore' })
  const start = processStartTime(p.pid!)!
  await new Promise((r) => p.once('exit', r))
  return { pid: p.pid!, start }
}

describe('child records (no guard process)', () => {
  it('records each running talosctl group with its start time, and forgets it when it ends', { timeout: 10_000 }, async () => {
    const dir = await makeTempDir()
    const runDir = join(dir, 'run')
    await useChildRecords(runDir)
    const pidFile = join(dir, 'pids.json')
    const c = new AbortController()
    const runner = createTalosRunner({ talosctlPath: FAKE, env: { FAKE_MODE: 'hang', FAKE_PID_FILE: pidFile }, defaultTimeoutMs: 10_000 })
    const call = runner.run(['get', 'disks'], { signal: c.signal }).catch((e: unknown) => e)
    for (let i = 0; i < 200 && !existsSync(pidFile); i++) await sleep(25)
    const { child } = JSON.parse(readFileSync(pidFile, 'utf8')) as { child: number }
    const file = join(runDir, `children-${process.pid}.json`)
    const record = JSON.parse(readFileSync(file, 'utf8'))
    expect(record).toMatchObject({ owner: { pid: process.pid, start: processStartTime(process.pid) }, bootId: bootId() })
    expect(record.groups).toEqual([{ pgid: child, start: processStartTime(child) }])
    c.abort()
    await call
    expect(existsSync(file)).toBe(false)
  })

  it('kills at the next start the groups a dead owner recorded, its child included', async () => {
    const dir = await makeTempDir()
    const g = await hungGroup(dir)
    const owner = await deadOwner()
    writeFileSync(
      join(dir, `children-${owner.pid}.json`),
      JSON.stringify({ owner, bootId: bootId(), groups: [{ pgid: g.leader, start: processStartTime(g.leader) }] })
    )
    const report = reapLeftChildren(dir)
    expect(report.killed).toEqual([g.leader])
    for (let i = 0; i < 40 && (alive(g.leader) || alive(g.grandchild)); i++) await sleep(25)
    expect({ leader: alive(g.leader), child: alive(g.grandchild) }).toEqual({ leader: false, child: false })
    expect(readdirSync(dir).filter((n) => n.startsWith('children-'))).toEqual([])
  })

  it('never kills a pid whose start time changed (reused), nor the groups of an owner still running', async () => {
    const dir = await makeTempDir()
    const reused = await hungGroup(dir)
    const owned = await hungGroup(dir)
    const owner = await deadOwner()
    const liveOwner = { pid: owned.leader, start: processStartTime(owned.leader) }
    const otherStart = String(Number(processStartTime(reused.leader)) + 1)
    writeFileSync(join(dir, `children-${owner.pid}.json`), JSON.stringify({ owner, bootId: bootId(), groups: [{ pgid: reused.leader, start: otherStart }] }))
    writeFileSync(
      join(dir, `children-${owned.leader}.json`),
      JSON.stringify({ owner: liveOwner, bootId: bootId(), groups: [{ pgid: owned.leader, start: liveOwner.start }] })
    )
    writeFileSync(join(dir, 'children-1.json'), '{"owner": 12')
    const report = reapLeftChildren(dir)
    expect(report).toEqual({ killed: [], unreadable: [join(dir, 'children-1.json')] })
    await sleep(200)
    expect([reused.leader, reused.grandchild, owned.leader, owned.grandchild].map(alive)).toEqual([true, true, true, true])
    // The dead owner's record is done with; the live owner's stays for its own run.
    expect(readdirSync(dir).filter((n) => n.startsWith('children-'))).toEqual([`children-${owned.leader}.json`])
  })
})
