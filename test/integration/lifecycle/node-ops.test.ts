import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLab, type Lab } from '@lab/lab'
import { preset } from '@lab/machines'
import type { MachineInput } from '@lab/model'
import type { Core } from '@core'
import { timeStatusCall } from '@core/talos/calls/node'
import type { EventPayload } from '@shared/contract'
import { execa } from 'execa'
import { CLI, runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'
import { NET, labCore, labEnv } from './lab-helpers'

/**
 * Node operations through the core against a lab cluster of three control planes and a worker:
 * control planes two and three join with the etcd member list checked, services, logs, dmesg,
 * a followed log, the reboot/shutdown confirm rule, and removing a control plane (refused when
 * quorum would break; its member removed first otherwise).
 */

let dir: string
let lab: Lab
let core: Core
const CP = [
  { hostname: 'cp-1', dhcp: '127.0.10.101', ip: '127.0.10.11' },
  { hostname: 'cp-2', dhcp: '127.0.10.102', ip: '127.0.10.12' },
  { hostname: 'cp-3', dhcp: '127.0.10.103', ip: '127.0.10.13' }
]

/** Three of the same preset: each gets its own MAC, as three machines would. */
function withMac(m: MachineInput, i: number): MachineInput {
  return JSON.parse(JSON.stringify(m).replaceAll('a8:b8:e0:04:12:7c', `a8:b8:e0:04:12:${(0x70 + i).toString(16)}`)) as MachineInput
}

const waitOp = async (p: Promise<{ id: string }>) => core.operations.wait('lab', (await p).id)
const members = async () => (await core.nodeOps.etcdMembers('lab')).members.map((m) => m.hostname).sort()

beforeAll(async () => {
  dir = await makeTempDir()
  lab = await createLab({
    dir: join(dir, 'lab'),
    machines: [
      ...CP.map((c, i) => withMac(preset('nvme-mini-pc', { id: `m-${i + 1}`, ip: c.dhcp, hostname: `talos-m${i + 1}` }), i)),
      preset('sata-tower', { ip: '127.0.10.104' })
    ],
    timing: { logStepMs: 20 }
  })
  core = labCore(lab, join(dir, 'data'), join(dir, 'home', '.kube', 'config'))
  await core.instances.create('lab')
  await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: NET.dns } })
  for (const c of CP) {
    await core.nodes.detectHardware('lab', c.dhcp)
    await core.nodes.add('lab', { hostname: c.hostname, role: 'controlplane', targetIp: c.ip, currentIp: c.dhcp })
  }
  await core.nodes.detectHardware('lab', '127.0.10.104')
  await core.nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '127.0.10.21', currentIp: '127.0.10.104' })
  for (const host of ['cp-1', 'w-1']) expect((await waitOp(core.cluster.setup('lab', host))).error).toBeNull()
  expect((await waitOp(core.cluster.bootstrap('lab'))).error).toBeNull()
}, 180_000)

afterAll(async () => {
  await core?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('more control planes (core, lab)', () => {
  it('control planes two and three join: setup checks the member list before and after', async () => {
    expect(await members()).toEqual(['cp-1'])
    for (const host of ['cp-2', 'cp-3']) {
      const op = await waitOp(core.cluster.setup('lab', host))
      expect(op.error).toBeNull()
      expect(op.steps.find((s) => s.name === 'Check etcd membership')?.status).toBe('completed')
      const before = op.logTail.find((l) => l.startsWith('etcd members before'))
      const after = op.logTail.find((l) => l.startsWith('etcd members after'))
      expect(before).not.toContain(host)
      expect(after).toContain(host)
    }
    expect(await members()).toEqual(['cp-1', 'cp-2', 'cp-3'])
    expect((await core.nodeOps.etcdMembers('lab')).members.every((m) => m.healthy)).toBe(true)
  }, 120_000)

  it('a worker and the first control plane skip the membership step', async () => {
    const ops = await core.operations.list('lab')
    const w = ops.find((o) => o.type === 'setup' && o.target === 'w-1')!
    expect(w.steps.find((s) => s.name === 'Check etcd membership')?.status).toBe('skipped')
  })
})

describe('what a node does (core, lab)', () => {
  it('lists services with states; etcd only on control planes', async () => {
    const cp = await core.nodeOps.services('lab', 'cp-1')
    expect(cp).toMatchObject({ node: 'cp-1', ip: '127.0.10.11' })
    expect(cp.services.find((s) => s.service === 'etcd')).toMatchObject({ state: 'Running', health: 'OK', lastEvent: 'Health check successful' })
    expect(cp.services.find((s) => s.service === 'etcd')!.lastChange).toMatch(/ago$/)
    const w = await core.nodeOps.services('lab', 'w-1')
    expect(w.services.map((s) => s.service)).not.toContain('etcd')
    expect(w.services.map((s) => s.service)).toContain('kubelet')
  }, 30_000)

  it('reads the tail of a service log and of dmesg, without the node prefix', async () => {
    const l = await core.nodeOps.logs({ instance: 'lab', node: 'cp-1', service: 'kubelet', tail: 5 })
    expect(l.lines).toHaveLength(5)
    for (const line of l.lines) expect(line).toMatch(/^I\d{4} .* kubelet\.go:\d+\] "/)
    const k = await core.nodeOps.logs({ instance: 'lab', node: 'w-1', tail: 3 })
    expect(k.lines).toHaveLength(3)
    expect(k.dropped).toBeGreaterThan(0)
    for (const line of k.lines) expect(line).toMatch(/^kern: +\w+: \[/)
  }, 30_000)

  it('follows a log as events and ends its talosctl on stop', async () => {
    const batches: EventPayload<'nodeOps.logLines'>[] = []
    let ended: EventPayload<'nodeOps.logEnded'> | null = null
    const off = core.events.onAny((name, payload) => {
      if (name === 'nodeOps.logLines') batches.push(payload as EventPayload<'nodeOps.logLines'>)
      if (name === 'nodeOps.logEnded') ended = payload as EventPayload<'nodeOps.logEnded'>
    })
    try {
      const streamId = await core.nodeOps.follow({ instance: 'lab', node: 'cp-1', service: 'etcd', tail: 2 })
      expect(core.nodeOps.openFollows).toBe(1)
      const until = Date.now() + 10_000
      while (batches.flatMap((b) => b.lines).length < 6 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
      const lines = batches.filter((b) => b.streamId === streamId).flatMap((b) => b.lines)
      expect(lines.length).toBeGreaterThanOrEqual(6)
      expect(lines[0]).toMatch(/^\{"level":"info"/)
      expect(core.nodeOps.stopFollow(streamId)).toBe(true)
      while (!ended && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
      expect(ended).toEqual({ streamId, reason: 'stopped', message: null })
      expect(core.nodeOps.openFollows).toBe(0)
    } finally {
      off()
    }
  }, 30_000)
})

describe('reboot and shutdown (core, lab)', () => {
  it('a control plane needs its hostname typed; a worker does not', async () => {
    await expect(core.nodeOps.reboot('lab', 'cp-2')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('cp-2 is a control plane: type its hostname')
    })
    await expect(core.nodeOps.shutdown('lab', 'cp-2', 'cp-3')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('"cp-3" does not match')
    })
    const op = await waitOp(core.nodeOps.reboot('lab', 'w-1'))
    expect(op.error).toBeNull()
    expect(op.steps.map((s) => s.status)).toEqual(['completed', 'completed', 'completed'])
    expect((await core.nodeOps.services('lab', 'w-1')).services.find((s) => s.service === 'kubelet')?.state).toBe('Running')
  }, 60_000)
})

describe('wild node services|logs|dmesg|reboot (CLI, lab)', () => {
  const base = () => ['--data-dir', join(dir, 'data'), '--talosctl', lab.talosctlPath, '--instance', 'lab']
  const env = () => ({ ...labEnv(lab), WILD_POLL_MS: '100', HOME: lab.home })
  const wild = (...args: string[]) => runWild([...base(), ...args], env(), 60_000)

  it('reads a node clock sync status through the core and the CLI', async () => {
    expect(await core.nodeOps.read('lab', 'cp-1', timeStatusCall)).toEqual({ node: 'cp-1', ip: '127.0.10.11', synced: true, epoch: 0, syncDisabled: false })
    const t = await wild('node', 'time-sync', 'w-1', '--json')
    expect(t.code).toBe(0)
    expect(JSON.parse(t.stdout)).toEqual({ node: 'w-1', ip: '127.0.10.21', synced: true, epoch: 0, syncDisabled: false })
    expect((await wild('node', 'time-sync', 'cp-1')).stdout).toBe('cp-1: clock in sync (epoch 0)\n')
  }, 60_000)

  it('prints services, a log tail and kernel messages', async () => {
    const s = await wild('node', 'services', 'cp-1')
    expect(s.code).toBe(0)
    expect(s.stdout.split('\n')[0]).toMatch(/^SERVICE\s+STATE\s+HEALTH\s+LAST CHANGE\s+LAST EVENT$/)
    expect(s.stdout).toMatch(/\netcd\s+Running\s+OK\s+/)
    const m = await wild('node', 'etcd-members', '--json')
    expect(m.code, m.stderr).toBe(0)
    expect((JSON.parse(m.stdout) as { members: { hostname: string }[] }).members.map((x) => x.hostname)).toContain('cp-1')
    expect((await wild('node', 'etcd-members')).stdout).toMatch(/^Asked .+:\nID\s+HOSTNAME\s+PEER URLS\s+HEALTHY\n/)
    const l = await wild('node', 'logs', 'cp-1', 'etcd', '--tail', '3')
    expect(l.code).toBe(0)
    const lines = l.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    for (const line of lines) expect(line).toMatch(/^\{"level":"info"/)
    const k = await wild('node', 'dmesg', 'w-1', '--tail', '2')
    expect(k.stdout.trimEnd().split('\n')).toHaveLength(2)
    expect(k.stdout).toMatch(/^kern: /)
  }, 60_000)

  it('follows a log until Ctrl-C', async () => {
    const child = execa(process.execPath, [CLI, ...base(), 'node', 'logs', 'cp-1', 'kubelet', '--follow', '--tail', '1'], { env: env(), reject: false })
    let out = ''
    child.stdout?.on('data', (b: Buffer) => (out += b.toString()))
    const until = Date.now() + 20_000
    while (out.split('\n').length < 4 && Date.now() < until) await new Promise((r) => setTimeout(r, 50))
    child.kill('SIGINT')
    const r = await child
    expect(out.trimEnd().split('\n').length).toBeGreaterThanOrEqual(3)
    expect(r.exitCode).toBe(1)
    expect(String(r.stderr)).toContain('[CANCELLED]')
  }, 60_000)

  it('refuses to reboot a control plane without its hostname', async () => {
    const r = await wild('node', 'reboot', 'cp-2')
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('cp-2 is a control plane: type its hostname to confirm the reboot. In the CLI: wild node reboot cp-2 --confirm cp-2')
    const m = await wild('node', 'etcd-members', '--json')
    expect((m.json() as { members: { hostname: string }[] }).members.map((x) => x.hostname).sort()).toEqual(['cp-1', 'cp-2', 'cp-3'])
  }, 60_000)

  it('reboots a worker named by its address: the operation by hostname and its steps on stderr, {operationId} under --json', async () => {
    const r = await wild('--json', 'node', 'reboot', '127.0.10.21')
    expect(r.code, r.stderr).toBe(0)
    const { operationId } = r.json() as { operationId: string }
    expect(r.json()).toEqual({ operationId: expect.stringMatching(/^op_/) })
    expect(r.stderr).toContain(`Reboot w-1 (${operationId})`)
    expect(r.stderr).toContain('✓ Wait for the node to come back')
    expect((await core.operations.get('lab', operationId)).status).toBe('completed')
  }, 60_000)
})

describe('removing a control plane (core, lab)', () => {
  it('refuses when the removal would break quorum (2 of 3 healthy), and says why', async () => {
    expect((await waitOp(core.nodeOps.shutdown('lab', 'cp-3', 'cp-3'))).error).toBeNull()
    const op = await waitOp(core.nodeOps.removeControlPlane('lab', 'cp-2', 'cp-2'))
    expect(op.status).toBe('failed')
    expect(op.error?.code).toBe('CONFLICT')
    expect(op.error?.message).toContain('Removing cp-2 would leave 1 of 2 etcd members healthy, below the 2 needed for quorum (not healthy: cp-3)')
    expect(await members()).toEqual(['cp-1', 'cp-2', 'cp-3'])
  }, 60_000)

  it('removes the etcd member first, checks the list, then forgets the node', async () => {
    const op = await waitOp(core.nodeOps.removeControlPlane('lab', 'cp-3', 'cp-3'))
    expect(op.error).toBeNull()
    expect(op.steps.map((s) => [s.name, s.status])).toEqual([
      ['Check etcd members', 'completed'],
      ['Remove the etcd member', 'completed'],
      ['Check the member list', 'completed'],
      ['Reset the machine', 'completed'],
      ['Remove from the instance', 'completed']
    ])
    expect(op.logTail.find((l) => l.startsWith('etcd members before'))).toContain('cp-3 (not healthy)')
    expect(op.logTail.find((l) => l.startsWith('etcd members after'))).not.toContain('cp-3')
    expect(await members()).toEqual(['cp-1', 'cp-2'])
    expect((await core.nodes.list('lab')).map((n) => n.hostname)).not.toContain('cp-3')
  }, 60_000)
})
