import { spawn, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { preset } from '@lab/machines'
import { CLI, runWild } from '../../helpers/cli'
import { startListeners, type Listeners } from '../../helpers/loopback-hosts'
import { makeTempDir } from '../../helpers/tmp'
import { NET, labEnv } from '../lifecycle/lab-helpers'

/**
 * Issue 12 item 3: whatever ends `wild node setup` or `wild discover` — SIGTERM, SIGHUP, or a
 * SIGKILL that runs no handler at all — the hung talosctl and its child must not outlive it.
 */

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
// One node per signal: a SIGKILLed setup leaves its node's lock to go stale.
const NODES = { SIGKILL: '127.0.10.101', SIGTERM: '127.0.10.102', SIGHUP: '127.0.10.103' }
// Issue 12 item 4: a node whose setup is SIGKILLed and started again at once.
const RESTARTED = { hostname: 'cp-9', ip: '127.0.10.104' }
// Discovery identifies what answers on this port with talosctl, which hangs there.
const SCAN_IP = '127.0.97.9'
const PORT = 50738 // unique among the test files: vitest runs files side by side

interface Hang {
  child: number
  grandchild: number
}

let dir: string
let data: string
let env: Record<string, string>
let listeners: Listeners
const started: number[] = []

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return !stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')
  } catch {
    return false
  }
}

async function waitFor<T>(fn: () => T | undefined, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const v = fn()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(25)
  }
}

function hangs(pidFile: string): Hang[] {
  if (!existsSync(pidFile)) return []
  return readFileSync(pidFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Hang)
}

function wild(args: string[], hangOn: string, pidFile: string): ChildProcess {
  const child = spawn(process.execPath, [CLI, '--data-dir', data, '--talosctl', FAKE, ...args], {
    env: { ...process.env, ...env, FAKE_PID_FILE: pidFile, FAKE_HANG_ON: hangOn, WILD_CENTRAL_DATA: '' },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  started.push(child.pid!)
  return child
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  let stderr = ''
  child.stdout!.resume()
  child.stderr!.on('data', (b) => (stderr += b))
  return new Promise((r) => child.once('close', (code, signal) => r({ code, signal, stderr })))
}

beforeAll(async () => {
  chmodSync(FAKE, 0o755)
  dir = await makeTempDir()
  data = join(dir, 'data')
  const lab = await createLab({ dir: join(dir, 'lab'), machines: [preset('nvme-mini-pc', { ip: NODES.SIGKILL })] })
  env = { ...labEnv(lab), HOME: lab.home, KUBECONFIG: '', FAKE_MODE: 'proxy', FAKE_LAB_TALOSCTL: lab.talosctlPath }
  listeners = await startListeners([SCAN_IP], PORT)
  const prep = (...args: string[]) => runWild(['--data-dir', data, '--talosctl', FAKE, ...args], env)
  expect((await prep('instance', 'create', 'lab')).code).toBe(0)
  const cfg = ['--vip', NET.vip, '--subnet', NET.subnet, '--gateway', NET.gateway, '--dns', NET.dns.join(',')]
  expect((await prep('cluster', 'config', ...cfg)).code).toBe(0)
  for (const [i, ip] of Object.values(NODES).entries()) {
    const add = await prep('node', 'add', `cp-${i + 1}`, '--role', 'controlplane', '--target-ip', `127.0.10.${11 + i}`, '--current-ip', ip)
    expect(add.code).toBe(0)
  }
  const add = await prep('node', 'add', RESTARTED.hostname, '--role', 'controlplane', '--target-ip', '127.0.10.19', '--current-ip', RESTARTED.ip)
  expect(add.code).toBe(0)
}, 60_000)

afterEach(() => {
  // A failing run must not leave its processes to the next test.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone
    }
  }
})

afterAll(async () => {
  await listeners?.close()
  await rm(dir, { recursive: true, force: true })
})

type Signal = keyof typeof NODES
const commands: Record<string, (signal: Signal) => { args: string[]; hangOn: string }> = {
  'node setup': (signal) => ({ args: ['node', 'setup', `cp-${Object.keys(NODES).indexOf(signal) + 1}`], hangOn: NODES[signal] }),
  discover: () => ({ args: ['discover', `${SCAN_IP}/32`, '--port', String(PORT), '--timeout', '2000'], hangOn: SCAN_IP })
}

describe('no talosctl outlives wild', () => {
  for (const [name, command] of Object.entries(commands)) {
    for (const signal of Object.keys(NODES) as Signal[]) {
      it(`${signal} of wild ${name} while talosctl hangs leaves no talosctl nor its child 2 s later`, { timeout: 30_000 }, async () => {
        const pidFile = join(dir, `${name.replace(' ', '-')}-${signal}.pids`)
        const { args, hangOn } = command(signal)
        const cli = wild(args, hangOn, pidFile)
        let stderr = ''
        cli.stderr!.on('data', (b) => (stderr += b))
        const exit = exitOf(cli)
        const [hang] = await waitFor(() => (hangs(pidFile).length ? hangs(pidFile) : undefined), 20_000, 'talosctl to hang').catch((e: Error) => {
          throw new Error(`${e.message}; wild said: ${stderr}`)
        })
        for (const pid of [hang!.child, hang!.grandchild]) started.push(pid)
        expect(alive(hang!.child) && alive(hang!.grandchild)).toBe(true)
        cli.kill(signal)
        const r = await exit
        if (signal !== 'SIGKILL') {
          // Handled like Ctrl-C: the work is cancelled and wild exits 1 with CANCELLED.
          expect(r.stderr, `exit ${r.code} signal ${r.signal}; stderr: ${stderr}`).toMatch(/CANCELLED/)
          expect(r.code).toBe(1)
        }
        await sleep(2000)
        expect({ talosctl: alive(hang!.child), child: alive(hang!.grandchild) }).toEqual({ talosctl: false, child: false })
      })
    }
  }
})

describe('a setup killed with SIGKILL leaves no lock behind', () => {
  it('the same setup started at once gets past the lock to talosctl, not "locked by another process"', { timeout: 30_000 }, async () => {
    const pidFile = join(dir, 'restarted.pids')
    const first = wild(['node', 'setup', RESTARTED.hostname], RESTARTED.ip, pidFile)
    const firstExit = exitOf(first)
    await waitFor(() => (hangs(pidFile).length ? true : undefined), 20_000, 'the first setup to reach talosctl')
    first.kill('SIGKILL')
    await firstExit
    const t0 = Date.now()
    const second = wild(['node', 'setup', RESTARTED.hostname], RESTARTED.ip, pidFile)
    let stderr = ''
    second.stderr!.on('data', (b) => (stderr += b))
    const secondExit = exitOf(second)
    // Either it reaches talosctl (a second hang is recorded) or it ends: then say what it said.
    const outcome = await Promise.race([
      waitFor(() => (hangs(pidFile).length >= 2 ? 'reached talosctl' : undefined), 20_000, 'the second setup to reach talosctl'),
      secondExit.then((r) => `exited ${r.code}: ${r.stderr}`)
    ])
    expect(outcome).toBe('reached talosctl')
    expect(stderr).not.toMatch(/locked by another/)
    // The CLI start is most of this; the lock itself is taken over at once (see lock.test.ts).
    expect(Date.now() - t0).toBeLessThan(10_000)
    second.kill('SIGKILL')
    await secondExit
  })
})
