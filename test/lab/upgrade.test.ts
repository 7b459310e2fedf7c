import { describe, expect, it } from 'vitest'
import type { Lab } from '../../src/lab/lab'
import { preset } from '../../src/lab/machines'
import { eventually, newLab, run, secure, twoNodeCluster } from './lab-helpers'

/**
 * `talosctl upgrade` and `talosctl upgrade-k8s` as the Talos docs and talosctl's action tracker
 * show them: tracker lines on stderr, the reboot, the new version; the dry run changes nothing.
 */

const TIMING = { installDelayMs: 100, rebootDelayMs: 150, bootDelayMs: 50, healthStepMs: 5, waitCapMs: 1500 }
const SCHEMATIC = 'a'.repeat(64)
const IMAGE = `factory.talos.dev/installer/${SCHEMATIC}:v1.12.0`

const cluster = () => twoNodeCluster(TIMING)
const tagOf = async (lab: Lab, node: string) => /Tag:\s+(\S+)/.exec((await secure(lab, node, 'version')).stdout.split('Server:')[1] ?? '')?.[1]

describe('talosctl upgrade (lab)', () => {
  it('--wait tracks the reboot on stderr and the node comes back at the image version', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.12', 'upgrade', '--image', IMAGE, '--preserve')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe('')
    const lines = r.stderr.trim().split('\n')
    expect(lines[0]).toBe('"127.0.10.12": waiting for actor ID')
    expect(lines[1]).toMatch(/^"127\.0\.10\.12": actor ID: [0-9a-f-]{36}$/)
    expect(lines).toContain('"127.0.10.12": unavailable, retrying...')
    expect(lines.slice(-2)).toEqual(['"127.0.10.12": events check condition met', '"127.0.10.12": post check passed'])
    expect(await tagOf(lab, '127.0.10.12')).toBe('v1.12.0')
    expect((await lab.machineById('sata-tower'))?.machine.installImage).toBe(IMAGE)
  }, 20_000)

  it('--wait=false prints the ACK table; the node is away while it reboots, then back', async () => {
    // Away for 2 s: the call that finds it away is a new process, which a busy machine may take longer than 150 ms to start.
    const lab = await twoNodeCluster({ ...TIMING, rebootDelayMs: 2000 })
    const r = await secure(lab, '127.0.10.12', 'upgrade', '-i', 'ghcr.io/siderolabs/installer:v1.12.0', '--wait=false')
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toMatch(/^NODE\s+ACK\s+STARTED\n127\.0\.10\.12\s+Upgrade request received\s+\d{4}-\d\d-\d\d /)
    expect((await secure(lab, '127.0.10.12', 'version')).stderr).toContain('connect: no route to host')
    await eventually(async () => ((await tagOf(lab, '127.0.10.12')) === 'v1.12.0' ? true : undefined))
  }, 20_000)

  it('a node whose new system does not boot: the tracker gives up at its timeout and exits 1', async () => {
    const lab = await cluster()
    await lab.setFaults('sata-tower', { bootHangs: true })
    const r = await secure(lab, '127.0.10.12', 'upgrade', '--image', IMAGE, '--timeout', '1s')
    expect(r.exitCode).toBe(1)
    expect(r.stderr.trim().split('\n').slice(-1)).toEqual(['"127.0.10.12": context deadline exceeded'])
    await lab.setFaults('sata-tower', {})
    await eventually(async () => ((await tagOf(lab, '127.0.10.12')) === 'v1.12.0' ? true : undefined))
  }, 20_000)

  it('refuses an image it cannot pull, and the maintenance API', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.12', 'upgrade', '--image', 'example.com/nope:v9', '--wait=false')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toContain('error performing upgrade: rpc error: code = Unknown desc = error validating installer image "example.com/nope:v9"')
    const fresh = await newLab({ machines: [preset('virtio-vm')], timing: TIMING })
    const m = await run(fresh, ['upgrade', '--insecure', '-n', '127.0.10.13', '-i', IMAGE])
    expect(m.stderr).toBe('error performing upgrade: rpc error: code = Unimplemented desc = API is not implemented in maintenance mode\n')
  }, 20_000)
})

describe('talosctl upgrade-k8s (lab)', () => {
  it('--dry-run shows the plan and changes nothing; the real run patches every node', async () => {
    const lab = await cluster()
    const dry = await secure(lab, '127.0.10.11', 'upgrade-k8s', '--to', '1.35.0', '--dry-run')
    expect(dry.exitCode).toBe(0)
    expect(dry.stdout).toContain('automatically detected the lowest Kubernetes version 1.34.1\n')
    expect(dry.stdout).toContain('discovered controlplane nodes ["127.0.10.11"]\ndiscovered worker nodes ["127.0.10.12"]\n')
    expect(dry.stdout).toContain(
      'updating "kube-apiserver" to version "1.35.0"\n > "127.0.10.11": starting update\n > update kube-apiserver: v1.34.1 -> 1.35.0\n > skipped in dry-run\n'
    )
    expect(dry.stdout).toContain(' > apply skipped in dry run\n')
    expect((await lab.machineById('nvme-mini-pc'))?.machine.kubernetesVersion).toBeUndefined()

    const real = await secure(lab, '127.0.10.11', 'upgrade-k8s', '--to', '1.35.0')
    expect(real.exitCode).toBe(0)
    expect(real.stdout).toContain(' > "127.0.10.11": machine configuration patched\n')
    expect(real.stdout).toContain(' < "127.0.10.12": successfully updated\n')
    expect(real.stdout).not.toContain('skipped')
    for (const id of ['nvme-mini-pc', 'sata-tower']) expect((await lab.machineById(id))?.machine.kubernetesVersion).toBe('1.35.0')
  }, 20_000)

  it('refuses to skip a minor version or go down', async () => {
    const lab = await cluster()
    const r = await secure(lab, '127.0.10.11', 'upgrade-k8s', '--to', '1.36.0')
    expect(r.exitCode).toBe(1)
    expect(r.stderr).toBe('unsupported upgrade path 1.34->1.36 (from "1.34.1" to "1.36.0")\n')
  }, 20_000)
})
