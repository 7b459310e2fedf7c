import { chmod, readFile, rm, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '@lab/lab'
import { serveLab, type Listeners } from '@lab/listeners'
import { configuredNode, PRESET_NAMES, preset, type PresetName } from '@lab/machines'
import { createCore, type Core } from '@core'
import type { DiscoveryStatus } from '@shared/contract/discovery'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'

/**
 * Discovery against the simulated lab: machines answer on a loopback port (serveLab) and the
 * fake talosctl answers the identification calls, as real maintenance and configured nodes do.
 */
const PORT = 50736
const SUBNET = '127.0.80.0/24'
const maintenanceNames = PRESET_NAMES.filter((n) => n !== 'configured-node')
const ipOf = (i: number) => `127.0.80.${20 + i}`
const CONFIGURED_IP = '127.0.80.40'
const SILENT_IP = '127.0.80.41'

let dir: string
let lab: Lab
let listeners: Listeners
let core: Core

function labEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
}

beforeAll(async () => {
  dir = await makeTempDir()
  lab = await createLab({
    dir,
    machines: [
      ...maintenanceNames.map((n, i) => preset(n as PresetName, { ip: ipOf(i) })),
      configuredNode(CONFIGURED_IP).machine,
      preset('virtio-vm', { id: 'silent-vm', ip: SILENT_IP, faults: { silent: true } })
    ]
  })
  listeners = await serveLab(lab, { port: PORT })
  core = createCore({ dataDir: `${dir}/data`, talosctlPath: lab.talosctlPath, talosctlEnv: labEnv() })
  await core.instances.create('home', { use: true })
})
afterAll(async () => {
  await core?.close()
  await listeners?.close()
  await rm(dir, { recursive: true, force: true })
})

function expectLabMachines(status: DiscoveryStatus): void {
  const expected = [...maintenanceNames.map((_, i) => ipOf(i)), CONFIGURED_IP]
  expect(status.nodesFound.map((n) => n.ip)).toEqual(expected)
  for (const n of status.nodesFound) {
    if (n.ip === CONFIGURED_IP) {
      expect(n).toMatchObject({ state: 'configured', maintenanceMode: false })
      continue
    }
    expect(n.state, `${n.ip}: ${n.note}`).toBe('maintenance')
    expect(n.maintenanceMode).toBe(true)
    expect(n.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)
    expect(n.hostname).toBeTruthy()
  }
}

describe('discovery against the simulated lab', () => {
  it('finds exactly the answering lab machines and tells maintenance from configured', async () => {
    expect(listeners.silent).toEqual([SILENT_IP])
    const { operationId } = await core.discovery.start({ instance: 'home', cidr: SUBNET, port: PORT })
    const op = await core.operations.wait('home', operationId)
    expect(op.status, op.message).toBe('completed')
    const status = await core.discovery.status('home')
    expect(status).toMatchObject({ probed: 254, responders: maintenanceNames.length + 1 })
    expectLabMachines(status)
    const nvme = status.nodesFound.find((n) => n.ip === ipOf(maintenanceNames.indexOf('nvme-mini-pc')))!
    expect(nvme).toMatchObject({ hostname: 'talos-2gd-7ph', interface: 'enp1s0', stage: 'maintenance' })
    // Once the machine told its hardware (detection), the scan result carries it by MAC.
    await core.hardware.detect('home', nvme.ip)
    const told = (await core.discovery.status('home')).nodesFound.find((n) => n.ip === nvme.ip)!
    expect(told.disks).toContain('/dev/nvme0n1')
    expect(told.disks!.some((d) => d.startsWith('/dev/loop'))).toBe(false)
    expect(told.memoryBytes).toBeGreaterThan(0)
    expect(told.cpu).toMatch(/cores?/)
  })

  it('wild discover does the same from the command line', async () => {
    const r = await runWild(['--data-dir', `${dir}/data`, '--talosctl', lab.talosctlPath, '--json', 'discover', SUBNET, '--port', String(PORT)], labEnv())
    expect(r.code, r.stderr).toBe(0)
    expectLabMachines(r.json() as DiscoveryStatus)
    // The answer waits for the versions read after the scan (discovery.status with settled).
    const versions = (r.json() as DiscoveryStatus).nodesFound.filter((n) => n.state === 'maintenance').map((n) => n.version)
    expect(versions.filter((v) => v !== null).length).toBe(maintenanceNames.length - 1)
  })

  it('names what the app knows: a registered node by its name, the VIP as the VIP and not a machine', { timeout: 90_000 }, async () => {
    const data = ['--data-dir', `${dir}/data`, '--talosctl', lab.talosctlPath]
    const vip = ipOf(1)
    const setup = [
      ['cluster', 'config', '--vip', vip, '--subnet', '127.0.80.0/24', '--gateway', '127.0.80.1'],
      ['node', 'add', 'cp-1', '--role', 'controlplane', '--target-ip', CONFIGURED_IP],
      ['node', 'add', 'w-1', '--role', 'worker', '--target-ip', '127.0.80.99', '--current-ip', ipOf(0)]
    ]
    for (const args of setup) {
      const r = await runWild([...data, ...args], labEnv())
      expect(r.code, r.stderr).toBe(0)
    }
    const r = await runWild([...data, '--json', 'discover', SUBNET, '--port', String(PORT)], labEnv())
    expect(r.code, r.stderr).toBe(0)
    const found = (r.json() as DiscoveryStatus).nodesFound
    expect(found.find((n) => n.ip === CONFIGURED_IP)).toMatchObject({ node: 'cp-1' })
    expect(found.find((n) => n.ip === ipOf(0))).toMatchObject({ node: 'w-1' })
    expect(found.find((n) => n.ip === vip)).toMatchObject({ vip: true, node: null })
    expect(found.filter((n) => n.vip)).toHaveLength(1)
    expect(found.find((n) => n.ip === ipOf(2))).toMatchObject({ node: null })
    const human = await runWild([...data, 'discover', SUBNET, '--port', String(PORT)], labEnv())
    expect(human.stdout).toContain(`${found.length - 1} machine(s) identified (and the cluster's VIP).`)
    expect(human.stdout).toMatch(/127\.0\.80\.40 .*node cp-1/)
  })

  it('identifies each machine with few talosctl processes and shows it at its first answer', async () => {
    // A wrapper that logs every talosctl invocation, then runs the lab's.
    const log = `${dir}/talosctl-calls.log`
    const wrapper = `${dir}/talosctl-counting`
    await writeFile(wrapper, `#!/bin/sh\necho "$(date +%s%3N) $*" >> '${log}'\nexec '${lab.talosctlPath}' "$@"\n`)
    await chmod(wrapper, 0o755)
    const calls = async () =>
      (await readFile(log, 'utf8'))
        .trim()
        .split('\n')
        .map((l) => ({ at: Number(l.split(' ')[0]), args: l.split(' ').slice(1) }))
    const counted = createCore({ dataDir: `${dir}/data-count`, talosctlPath: wrapper, talosctlEnv: labEnv() })
    try {
      await counted.instances.create('count', { use: true })
      const firstAnswers: { ip: string; hostname: string | null; version: string | null; at: number }[] = []
      counted.events.onAny((name, payload) => {
        if (name === 'discovery.found') {
          const { node } = payload as { node: { ip: string; hostname: string | null; version: string | null } }
          firstAnswers.push({ ip: node.ip, hostname: node.hostname, version: node.version, at: Date.now() })
        }
      })
      const { operationId } = await counted.discovery.start({ instance: 'count', cidr: SUBNET, port: PORT })
      expect((await counted.operations.wait('count', operationId)).status).toBe('completed')
      await counted.discovery.filled('count')
      const all = await calls()
      const per = (list: typeof all, ip: string) => list.filter((c) => c.args.includes(ip)).length
      // What the scan spent before it reported its last machine complete (hostname known).
      const complete = firstAnswers.filter((a) => a.hostname && !a.version)
      expect(complete.length).toBe(maintenanceNames.length)
      const lastComplete = Math.max(...complete.map((a) => a.at))
      const before = all.filter((c) => c.at < lastComplete)
      expect(per(before, CONFIGURED_IP)).toBe(1)
      const counts = maintenanceNames.map((_, i) => per(before, ipOf(i)))
      // links and hostname; addresses too only when several NICs have carrier. Was five, then three.
      expect(counts.filter((c) => c > 2)).toEqual([3])
      expect(counts[maintenanceNames.indexOf('bonded-nics')]).toBe(3)
      expect(before.some((c) => c.args.includes('machinestatus') || c.args.includes('version'))).toBe(false)
      // Each maintenance machine was shown once before its hostname was known, then again complete.
      for (const [i] of maintenanceNames.entries()) {
        const seen = firstAnswers.filter((a) => a.ip === ipOf(i) && !a.version)
        expect(seen.length).toBe(2)
        expect(seen[0]!.hostname).toBeNull()
        expect(seen[1]!.hostname).toBeTruthy()
      }
      expectLabMachines(await counted.discovery.status('count'))
      // Then the versions come in, one more process each, and fill in the rows.
      const versionCalls = all.filter((c) => c.args[0] === 'get' && c.args[1] === 'version')
      expect(versionCalls.length).toBe(maintenanceNames.length)
      expect(per(all, CONFIGURED_IP)).toBe(1)
      const rows = (await counted.discovery.status('count')).nodesFound
      // The v1.9 VM has no version resource: its version stays unknown, the others are filled in.
      const v19 = ipOf(maintenanceNames.indexOf('virtio-vm'))
      for (const n of rows.filter((r) => r.state === 'maintenance'))
        expect(n.version, n.ip).toEqual(n.ip === v19 ? null : expect.stringMatching(/^v1\.1\d\.\d+$/))
      expect(firstAnswers.filter((a) => a.version).length).toBe(maintenanceNames.length - 1)
      console.log(`talosctl processes per maintenance machine: ${counts.join(', ')}`)
    } finally {
      await counted.close()
    }
  })
})
