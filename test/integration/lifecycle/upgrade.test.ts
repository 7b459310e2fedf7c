import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '@lab/lab'
import { preset } from '@lab/machines'
import type { Core } from '@core'
import { contract } from '@shared/contract'
import type { Operation } from '@shared/contract/operations'
import { makeTempDir } from '../../helpers/tmp'
import { runWild } from '../../helpers/cli'
import { NET, labCore, labEnv } from './lab-helpers'

/**
 * Rolling upgrades through the core against the lab: three control planes upgraded one at a
 * time after an etcd snapshot; a node that does not come back stops the run there; running it
 * again continues; a Kubernetes upgrade with its dry run first.
 */

const CPS = [
  { host: 'cp-1', machine: 'nvme-mini-pc', dhcp: '127.0.10.101', ip: '127.0.10.11' },
  { host: 'cp-2', machine: 'sata-tower', dhcp: '127.0.10.102', ip: '127.0.10.12' },
  { host: 'cp-3', machine: 'virtio-vm', dhcp: '127.0.10.103', ip: '127.0.10.13' }
]

let dir: string
let lab: Lab
let core: Core

async function labVersion(machine: string): Promise<string | undefined> {
  return (await lab.machineById(machine))?.machine.talosVersion
}

const stepNames = (op: Operation) => op.steps.map((s) => `${s.name}:${s.status}`)

beforeAll(async () => {
  dir = await makeTempDir()
  lab = await createLab({ dir: join(dir, 'lab'), machines: CPS.map((c) => preset(c.machine as 'nvme-mini-pc', { ip: c.dhcp })) })
  core = labCore(lab, join(dir, 'data'), join(dir, 'home', '.kube', 'config'), { pollMs: 50 })
  await core.instances.create('lab')
  await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: NET.dns } })
  for (const c of CPS) {
    await core.nodes.detectHardware('lab', c.dhcp)
    await core.nodes.add('lab', { hostname: c.host, role: 'controlplane', targetIp: c.ip, currentIp: c.dhcp })
    expect((await core.operations.wait('lab', (await core.cluster.setup('lab', c.host)).id)).error).toBeNull()
  }
  expect((await core.operations.wait('lab', (await core.cluster.bootstrap('lab')).id)).error).toBeNull()
}, 180_000)

afterAll(async () => {
  await core?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('rolling Talos upgrade (core, lab, three control planes)', () => {
  it('plans control planes one at a time and asks each its running version', async () => {
    const plan = await core.upgrade.plan('lab', { talosVersion: 'v1.12.0' })
    expect(plan.talosVersion).toBe('v1.11.6')
    expect(plan.target).toEqual({ talosVersion: 'v1.12.0', schematicId: null })
    expect(plan.nodes.map((n) => [n.hostname, n.runningVersion, n.action])).toEqual([
      ['cp-1', 'v1.11.6', 'upgrade'],
      ['cp-2', 'v1.11.6', 'upgrade'],
      ['cp-3', 'v1.11.6', 'upgrade']
    ])
  }, 30_000)

  it('takes an etcd snapshot first, then upgrades node by node; versions are recorded at the end', async () => {
    const op = await core.operations.wait('lab', (await core.upgrade.cluster('lab', { talosVersion: 'v1.12.0' })).id)
    expect(op.error).toBeNull()
    expect(op).toMatchObject({ type: 'talos-upgrade', status: 'completed' })
    expect(stepNames(op)).toEqual([
      'etcd snapshot:completed',
      'upgrade cp-1:completed',
      'upgrade cp-2:completed',
      'upgrade cp-3:completed',
      'record versions:completed'
    ])
    // One at a time: each node's step starts after the one before it ended.
    for (let i = 1; i < op.steps.length; i++) expect(op.steps[i]!.startedAt! >= op.steps[i - 1]!.endedAt!).toBe(true)
    const snaps = await readdir(join(core.instances.paths('lab').root, 'etcd-snapshots'))
    const sidecar = JSON.parse(
      await readFile(
        join(
          core.instances.paths('lab').root,
          'etcd-snapshots',
          snaps.find((f) => f.endsWith('.json'))!
        ),
        'utf8'
      )
    )
    expect(sidecar.talosVersion).toBe('v1.11.6')
    const members = op.logTail.find((l) => l.startsWith('cp-3: etcd members: '))
    expect(members?.split(': ')[2]?.split(', ').sort()).toEqual(['cp-1', 'cp-2', 'cp-3'])
    for (const c of CPS) expect(await labVersion(c.machine)).toBe('v1.12.0')
    expect((await core.config.settings('lab')).talosVersion).toBe('v1.12.0')
  }, 90_000)

  it('stops at the first node that does not come back, names it and how to continue; the next is untouched', async () => {
    await lab.setFaults('sata-tower', { bootHangs: true })
    const op = await core.operations.wait('lab', (await core.upgrade.cluster('lab', { talosVersion: 'v1.13.0' })).id)
    expect(op.status).toBe('failed')
    expect(op.failedStep).toBe('upgrade cp-2')
    expect(op.error?.message).toContain('cp-2 (127.0.10.12) did not come back from the upgrade to v1.13.0')
    expect(op.error?.message).toContain('continue with: wild cluster upgrade --talos-version v1.13.0')
    expect(stepNames(op).slice(1, 4)).toEqual(['upgrade cp-1:completed', 'upgrade cp-2:failed', 'upgrade cp-3:pending'])
    expect(await labVersion('virtio-vm')).toBe('v1.12.0')
    expect((await core.config.settings('lab')).talosVersion).toBe('v1.12.0')

    // The machine boots after all; the same upgrade again skips what is done and finishes.
    await lab.setFaults('sata-tower', {})
    const again = await core.operations.wait('lab', (await core.upgrade.cluster('lab', { talosVersion: 'v1.13.0' })).id)
    expect(again.error).toBeNull()
    expect(stepNames(again).slice(1, 4)).toEqual(['upgrade cp-1:skipped', 'upgrade cp-2:skipped', 'upgrade cp-3:completed'])
    expect((await core.config.settings('lab')).talosVersion).toBe('v1.13.0')
  }, 120_000)

  it('a cancel takes effect between nodes: the node in progress finishes, the rest wait', async () => {
    const started = await core.upgrade.node('lab', 'cp-3', { talosVersion: 'v1.13.0', schematicId: 'b'.repeat(64) })
    for (let i = 0; i < 400; i++) {
      const now = await core.operations.get('lab', started.id)
      if (now.currentStep === 'upgrade cp-3') break
      await new Promise((r) => setTimeout(r, 25))
    }
    await core.operations.cancel('lab', started.id)
    const op = await core.operations.wait('lab', started.id)
    expect(op.status).toBe('cancelled')
    expect(stepNames(op)[1]).toBe('upgrade cp-3:completed')
    expect((await lab.machineById('virtio-vm'))?.machine.installImage).toBe(`factory.talos.dev/metal-installer/${'b'.repeat(64)}:v1.13.0`)
  }, 60_000)
})

describe('Kubernetes upgrade (core, lab)', () => {
  it('the dry run changes nothing; the real run is an operation and records the version after success', async () => {
    const dry = await core.upgrade.kubernetesDryRun('lab', '1.35.0')
    expect(dry).toMatchObject({ from: '1.34.1', to: '1.35.0', node: 'cp-1' })
    expect(dry.lines).toContain(' > skipped in dry-run')
    expect((await lab.machineById('nvme-mini-pc'))?.machine.kubernetesVersion).toBeUndefined()
    expect((await core.config.settings('lab')).kubernetesVersion).toBe('1.34.1')

    const op = await core.operations.wait('lab', (await core.upgrade.kubernetes('lab', '1.35.0')).id)
    expect(op.error).toBeNull()
    expect(stepNames(op)).toEqual(['etcd snapshot:completed', 'upgrade-k8s:completed', 'record versions:completed'])
    expect(op.logTail.join('\n')).toContain('< "127.0.10.13": successfully updated')
    for (const c of CPS) expect((await lab.machineById(c.machine))?.machine.kubernetesVersion).toBe('1.35.0')
    expect((await core.config.settings('lab')).kubernetesVersion).toBe('1.35.0')
  }, 60_000)
})

describe('wild cluster upgrade / wild node upgrade (CLI, lab)', () => {
  const wild = (...args: string[]) =>
    runWild(
      ['--data-dir', join(dir, 'data'), '--talosctl', lab.talosctlPath, '--instance', 'lab', ...args],
      { ...labEnv(lab), WILD_POLL_MS: '100', HOME: lab.home },
      90_000
    )

  it('--dry-run shows the order and the Kubernetes plan and changes nothing', async () => {
    const r = await wild('cluster', 'upgrade', '--talos-version', 'v1.13.0', '--kubernetes-version', '1.35.2', '--dry-run')
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/ORDER\s+NODE\s+ROLE\s+RUNNING\s+UPGRADE\n1\s+cp-1\s+controlplane\s+v1\.13\.0\s+already there/)
    expect(r.stdout).toContain('Kubernetes 1.35.0 → 1.35.2 (dry run):')
    expect(r.stdout).toContain(' > skipped in dry-run')
    expect((await core.config.settings('lab')).kubernetesVersion).toBe('1.35.0')
  }, 90_000)

  it('node upgrade prints its steps on stderr and shows in wild ops', async () => {
    const r = await wild('node', 'upgrade', 'cp-1', '--talos-version', 'v1.13.0', '--schematic', 'c'.repeat(64), '--json')
    expect(r.stderr).toContain('Upgrading cp-1 → v1.13.0')
    expect(r.stderr).toContain('  ✓ etcd snapshot')
    expect(r.stderr).toContain('  ✓ upgrade cp-1')
    expect(r.code).toBe(0)
    const ops = (await wild('ops', 'list', '--json')).json() as { id: string; type: string; target: string }[]
    expect(ops[0]).toMatchObject({ type: 'talos-upgrade', target: 'cp-1 → v1.13.0' })
    // --json prints upgrade.node's answer as the contract has it.
    expect(r.json()).toEqual({ operationId: ops[0]!.id })
  }, 90_000)

  it('a Kubernetes upgrade shows the dry run first, then runs', async () => {
    const r = await wild('cluster', 'upgrade', '--kubernetes-version', '1.35.2')
    expect(r.code).toBe(0)
    const dryAt = r.stderr.indexOf('Dry run of Kubernetes 1.35.0 → 1.35.2 (through cp-1):')
    expect(dryAt).toBeGreaterThanOrEqual(0)
    expect(r.stderr.indexOf('  ✓ upgrade-k8s')).toBeGreaterThan(dryAt)
    expect(r.stdout).toContain('The cluster runs Talos v1.13.0 and Kubernetes 1.35.2.')
  }, 90_000)

  it('--json answers with the cluster settings, where the versions are recorded after success', async () => {
    const r = await wild('--json', 'cluster', 'upgrade', '--talos-version', 'v1.13.0')
    expect(r.code, r.stderr).toBe(0)
    expect(r.json()).toEqual(contract['cluster.settings.get'].output.parse(r.json()))
    expect(r.json()).toMatchObject({ talosVersion: 'v1.13.0', kubernetesVersion: '1.35.2' })
  }, 90_000)

  it('names what is missing when no version is given', async () => {
    const r = await wild('cluster', 'upgrade')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('Name what to upgrade to: --talos-version V and/or --kubernetes-version V')
  }, 30_000)
})
