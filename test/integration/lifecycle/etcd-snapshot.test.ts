import { createHash } from 'node:crypto'
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Lab } from '@lab/lab'
import type { Core } from '@core'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'
import { NET, labCore, labEnv, twoMachineLab } from './lab-helpers'

/** etcd snapshots through the core and the CLI, against a bootstrapped lab cluster (cp-1 + w-1). */

let dir: string
let lab: Lab
let core: Core
let snapDir: string

beforeAll(async () => {
  dir = await makeTempDir()
  lab = await twoMachineLab(join(dir, 'lab'))
  core = labCore(lab, join(dir, 'data'), join(dir, 'home', '.kube', 'config'))
  await core.instances.create('lab')
  await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: NET.dns } })
  await core.nodes.detectHardware('lab', '127.0.10.101')
  await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })
  await core.nodes.detectHardware('lab', '127.0.10.102')
  await core.nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '127.0.10.21', currentIp: '127.0.10.102' })
  for (const host of ['cp-1', 'w-1']) expect((await core.operations.wait('lab', (await core.cluster.setup('lab', host)).id)).error).toBeNull()
  expect((await core.operations.wait('lab', (await core.cluster.bootstrap('lab')).id)).error).toBeNull()
  snapDir = join(core.instances.paths('lab').root, 'etcd-snapshots')
}, 120_000)

afterAll(async () => {
  await core?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

const snapshotFiles = async () => (await readdir(snapDir)).sort()

describe('etcd snapshots (core, lab)', () => {
  it('saves a checked snapshot 0600 in a 0700 folder, with a sidecar of date, node, size, sha256 and versions', async () => {
    const op = await core.operations.wait('lab', (await core.etcd.snapshot('lab')).id)
    expect(op.error).toBeNull()
    expect(op).toMatchObject({ type: 'etcd-snapshot', target: 'cp-1', status: 'completed' })
    const files = await snapshotFiles()
    expect(files).toHaveLength(2)
    const snap = files.find((f) => f.endsWith('.snapshot'))!
    expect(snap).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z-cp-1\.snapshot$/)
    const bytes = await readFile(join(snapDir, snap))
    expect(bytes.length % 512).toBe(32)
    const sidecar = JSON.parse(await readFile(join(snapDir, snap.replace('.snapshot', '.json')), 'utf8'))
    const settings = await core.config.settings('lab')
    expect(sidecar).toEqual({
      takenAt: expect.stringMatching(/^\d{4}-/),
      node: 'cp-1',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      talosVersion: settings.talosVersion,
      kubernetesVersion: settings.kubernetesVersion
    })
    expect((await stat(snapDir)).mode & 0o777).toBe(0o700)
    for (const f of files) expect((await stat(join(snapDir, f))).mode & 0o777, f).toBe(0o600)
  }, 30_000)

  it("a worker is refused with talosctl's own text, and nothing is left behind", async () => {
    const before = await snapshotFiles()
    const op = await core.operations.wait('lab', (await core.etcd.snapshot('lab', { node: 'w-1' })).id)
    expect(op.status).toBe('failed')
    expect(op.error?.code).toBe('VALIDATION')
    expect(op.error?.message).toContain('etcd snapshot is only available on control plane nodes')
    expect(op.error?.message).toContain('wild etcd snapshot --node')
    expect(await snapshotFiles()).toEqual(before)
  }, 30_000)

  it('cancel mid-stream leaves no partial file', async () => {
    const before = await snapshotFiles()
    await lab.setFaults('nvme-mini-pc', { slowMs: 400 })
    try {
      const op = await core.etcd.snapshot('lab')
      // Wait until talosctl has started writing, then cancel.
      for (let i = 0; i < 200 && !(await snapshotFiles()).some((f) => f.endsWith('.part')); i++) await new Promise((r) => setTimeout(r, 50))
      expect((await snapshotFiles()).some((f) => f.endsWith('.part'))).toBe(true)
      await core.operations.cancel('lab', op.id)
      const final = await core.operations.wait('lab', op.id)
      expect(final.status).toBe('cancelled')
    } finally {
      await lab.setFaults('nvme-mini-pc', {})
    }
    expect(await snapshotFiles()).toEqual(before)
  }, 30_000)

  it('lists newest first; a snapshot with a broken sidecar is listed as unreadable', async () => {
    const op = await core.operations.wait('lab', (await core.etcd.snapshot('lab')).id)
    expect(op.error).toBeNull()
    const list = await core.etcd.snapshots('lab')
    expect(list.map((s) => s.status)).toEqual(['ok', 'ok'])
    expect(list[0]!.path > list[1]!.path).toBe(true)
    await writeFile(list[1]!.path.replace(/\.snapshot$/, '.json'), '{"takenAt": 3')
    const again = await core.etcd.snapshots('lab')
    expect(again[1]).toMatchObject({ status: 'unreadable', path: list[1]!.path, reason: expect.stringContaining('not JSON') })
  }, 30_000)
})

describe('wild etcd (CLI, lab)', () => {
  it('snapshots --json lists them; snapshot prints the restore steps; restore-help names --recover-from', async () => {
    const wild = (...args: string[]) =>
      runWild(
        ['--data-dir', join(dir, 'data'), '--talosctl', lab.talosctlPath, '--instance', 'lab', ...args],
        { ...labEnv(lab), WILD_POLL_MS: '100', HOME: lab.home },
        60_000
      )
    const taken = await wild('etcd', 'snapshot')
    expect(taken.stderr).toContain('Taking an etcd snapshot from cp-1')
    expect(taken.code).toBe(0)
    expect(taken.stdout).toMatch(/talosctl -n <IP> bootstrap --recover-from=\S+-cp-1\.snapshot/)
    // --json prints etcd.snapshot's answer as the contract has it: the operation that took it.
    const json = await wild('--json', 'etcd', 'snapshot')
    expect(json.code).toBe(0)
    expect(json.json()).toEqual({ operationId: expect.any(String) })
    const listed = await wild('etcd', 'snapshots', '--json')
    expect(listed.code).toBe(0)
    const rows = listed.json() as { status: string; node?: string }[]
    expect(rows).toHaveLength(4)
    expect(rows[0]).toMatchObject({ status: 'ok', node: 'cp-1' })
    const help = await wild('etcd', 'restore-help', '/x/db.snapshot')
    expect(help.stdout).toContain('bootstrap --recover-from=/x/db.snapshot')
    expect(help.stdout).toContain('--system-labels-to-wipe=EPHEMERAL')
  }, 90_000)
})
