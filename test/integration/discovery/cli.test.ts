import { spawn, type ChildProcess } from 'node:child_process'
import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DiscoveryStatus } from '@shared/contract/discovery'
import type { Operation } from '@shared/contract/operations'
import { CLI, runWild } from '../../helpers/cli'
import { loopbackRange, startListeners, startSilentHosts, type Listeners, type SilentHosts } from '../../helpers/loopback-hosts'
import { makeTempDir } from '../../helpers/tmp'

const PORT = 50734
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const answering = loopbackRange(98, 10, 3)
const silentIps = loopbackRange(98, 1, 1)

let listeners: Listeners
let silent: SilentHosts
let dir: string
let d: string[]

beforeAll(async () => {
  listeners = await startListeners(answering, PORT)
  silent = await startSilentHosts(silentIps, PORT)
  dir = await makeTempDir()
  // No talosctl here: identification fails, so answering hosts are listed as unidentified.
  d = ['--data-dir', dir, '--talosctl', join(dir, 'no-talosctl')]
  expect((await runWild([...d, 'instance', 'create', 'home'])).code).toBe(0)
})
afterAll(async () => {
  await listeners?.close()
  await silent?.close()
  await fs.rm(dir, { recursive: true, force: true })
})

/** A scan that stays busy: one probe at a time, the first address silent for 30 s. */
function startSlowScan(): ChildProcess {
  return spawn(process.execPath, [CLI, ...d, '--json', 'discover', '127.0.98.0/28', '--port', String(PORT), '--timeout', '30000', '--concurrency', '1'], {
    env: { ...process.env, WILD_CENTRAL_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
}

/** Reads the op files directly: polling through the CLI would start a process per look. */
async function runningDiscoverOp(): Promise<Operation> {
  const opsDir = join(dir, 'instances', 'home', 'operations')
  for (let i = 0; i < 400; i++) {
    const names = await fs.readdir(opsDir).catch(() => [] as string[])
    for (const n of names.filter((x) => x.startsWith('op_discover_') && x.endsWith('.json'))) {
      const op = JSON.parse(await fs.readFile(join(opsDir, n), 'utf8').catch(() => '{}')) as Operation
      if (op.status === 'running' && op.steps?.[0]?.status === 'running') return op
    }
    await sleep(25)
  }
  throw new Error('no running discover operation appeared')
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (b) => (stdout += b))
  child.stderr!.on('data', (b) => (stderr += b))
  return new Promise((r) => child.once('close', (code, signal) => r({ code, signal, stdout, stderr })))
}

describe('wild discover and wild ops', () => {
  it('scans to completion and prints the finished status as JSON', async () => {
    const r = await runWild([...d, '--json', 'discover', '127.0.98.0/27', '--port', String(PORT), '--timeout', '500'])
    expect(r.code).toBe(0)
    const status = r.json() as DiscoveryStatus
    expect(status).toMatchObject({ active: false, cidr: '127.0.98.0/27', probed: 30, total: 30, responders: 3 })
    expect(status.nodesFound.map((n) => n.ip)).toEqual(answering)
    for (const n of status.nodesFound) {
      expect(n).toHaveProperty('mac')
      expect(n).toHaveProperty('hostname')
      expect(n).toHaveProperty('version')
      expect(n).toMatchObject({ maintenanceMode: false, state: 'unidentified', note: expect.stringMatching(/talosctl/) })
    }
  })

  it('lists suggested ranges without scanning when no range is given, and refuses bad input', async () => {
    const list = await runWild([...d, '--json', 'discover'])
    expect(list.code).toBe(0)
    expect(Array.isArray(list.json())).toBe(true)
    const wide = await runWild([...d, '--json', 'discover', '10.0.0.0/8'])
    expect(wide.code).toBe(1)
    expect(wide.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringMatching(/at most a \/16/) } })
    expect((await runWild([...d, 'discover', '10.0.0.0/24', '--port', 'abc'])).code).toBe(2)
  })

  it('wild ops cancel stops a scan that another process runs; the scanning process exits 1 with CANCELLED', async () => {
    const child = startSlowScan()
    const exit = exitOf(child)
    const op = await runningDiscoverOp()
    const cancelled = await runWild([...d, '--json', 'ops', 'cancel', op.id])
    expect(cancelled.code).toBe(0)
    expect((cancelled.json() as Operation).status).toBe('cancelled')
    const { code, stdout, stderr } = await exit
    expect(stderr).toMatch(/CANCELLED/)
    expect(code).toBe(1)
    expect(JSON.parse(stdout)).toMatchObject({ error: { code: 'CANCELLED' } })
    const shown = await runWild([...d, '--json', 'ops', 'show', op.id])
    expect(shown.json()).toMatchObject({ id: op.id, status: 'cancelled', steps: [{ name: 'Probe addresses', status: 'cancelled' }, { status: 'pending' }] })
  })

  it('Ctrl-C cancels the scan', async () => {
    const child = startSlowScan()
    const exit = exitOf(child)
    const op = await runningDiscoverOp()
    child.kill('SIGINT')
    const r = await exit
    expect(r.stderr, `exit ${r.code} signal ${r.signal}`).toMatch(/CANCELLED/)
    expect(r.code).toBe(1)
    expect(((await runWild([...d, '--json', 'ops', 'show', op.id])).json() as Operation).status).toBe('cancelled')
  })

  it('a scan whose process was SIGKILLed shows as interrupted, and the next scan may start', async () => {
    const child = startSlowScan()
    const exit = exitOf(child)
    const op = await runningDiscoverOp()
    child.kill('SIGKILL')
    await exit
    const shown = (await runWild([...d, '--json', 'ops', 'show', op.id])).json() as Operation
    expect(shown).toMatchObject({ status: 'interrupted', message: expect.stringMatching(/during "Probe addresses"/) })
    const human = await runWild([...d, 'ops', 'list'])
    expect(human.stdout).toMatch(new RegExp(`${op.id}\\s+discover\\s+127.0.98.0/28\\s+interrupted`))
    const again = await runWild([...d, '--json', 'discover', '127.0.98.8/29', '--port', String(PORT), '--timeout', '300'])
    expect(again.code).toBe(0)
  })
})
