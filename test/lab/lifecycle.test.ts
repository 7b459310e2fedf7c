import { X509Certificate } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { execa } from 'execa'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { Lab } from '../../src/lab/lab'
import { preset } from '../../src/lab/machines'
import { fromBase64, signedBy } from '../../src/lab/pki/certs'
import { BOOTSTRAP_ALREADY_EXISTS, HEALTH_CONDITION_ORDER } from './fixtures/talos-reference'
import { eventually, fake, newLab, run } from './lab-helpers'

/** From maintenance to a bootstrapped cluster and back: apply, install, mTLS, bootstrap, health. */

const TIMING = { installDelayMs: 150, rebootDelayMs: 150, bootDelayMs: 100, healthStepMs: 10 }
type Obj = Record<string, any>

async function genConfig(lab: Lab, patch: string): Promise<void> {
  await writeFile(join(lab.dir, 'cp-patch.yaml'), patch)
  const r = await run(lab, [
    'gen',
    'config',
    'demo',
    'https://127.0.10.40:6443',
    '-o',
    'o',
    '--install-disk',
    '/dev/nvme0n1',
    '--config-patch-control-plane',
    '@cp-patch.yaml'
  ])
  expect(r.exitCode).toBe(0)
}

const STATIC = `machine:
  network:
    hostname: cp-1
    interfaces:
      - deviceSelector:
          hardwareAddr: "a8:b8:e0:04:12:7c"
        dhcp: false
        addresses: [127.0.10.50/24]
        routes:
          - network: 0.0.0.0/0
            gateway: 127.0.10.1
        vip:
          ip: 127.0.10.40
`

/** Talosconfig-based call against the installed node. */
const secure = (lab: Lab, ...args: string[]) => run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.50', '-n', '127.0.10.50', ...args])

async function installed(): Promise<Lab> {
  const lab = await newLab({ machines: [preset('nvme-mini-pc'), preset('sata-tower')], timing: TIMING })
  await genConfig(lab, STATIC)
  expect(await run(lab, ['apply-config', '--insecure', '-n', '127.0.10.11', '-f', 'o/controlplane.yaml'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
  await eventually(async () => ((await lab.machineById('nvme-mini-pc'))?.stage === 'running' ? true : undefined))
  return lab
}

describe('apply-config in maintenance, then the installed node', () => {
  it('goes installing → rebooting → booting → running at the static address, quiet in between', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')], timing: { ...TIMING, installDelayMs: 1500, rebootDelayMs: 1500, bootDelayMs: 400 } })
    await genConfig(lab, STATIC)
    const applied = await fake(lab, ['apply-config', '--insecure', '--nodes', '127.0.10.11', '--file', 'o/controlplane.yaml'])
    expect(applied).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    expect((await lab.machine('127.0.10.11'))?.stage).toBe('installing')
    const during = await run(lab, ['get', 'machinestatus', '-i', '-n', '127.0.10.11'])
    expect(during.stderr).toContain('dial tcp 127.0.10.11:50000: connect: connection refused')
    await eventually(async () => ((await lab.machine('127.0.10.50'))?.stage === 'rebooting' ? true : undefined))
    const rebooting = await secure(lab, 'get', 'machinestatus')
    expect(rebooting.stderr).toContain('dial tcp 127.0.10.50:50000: connect: no route to host')
    const booting = await eventually(async () => {
      const r = await secure(lab, 'get', 'machinestatus', '-o', 'json')
      return r.exitCode === 0 ? (JSON.parse(r.stdout) as Obj) : undefined
    })
    expect(booting.node).toBe('127.0.10.50')
    expect(['booting', 'running']).toContain(booting.spec.stage)
    const running = await eventually(async () => {
      const r = await secure(lab, 'get', 'machinestatus', '-o', 'json')
      const o = JSON.parse(r.stdout) as Obj
      return o.spec.stage === 'running' ? o : undefined
    })
    expect(running.spec.status.ready).toBe(false)
    expect((await run(lab, ['get', 'disks', '-i', '-n', '127.0.10.11'])).stderr).toContain('127.0.10.11:50000: connect: connection refused')
  })

  it('answers only with mTLS afterwards and shows the applied network, hostname and system disk', async () => {
    const lab = await installed()
    const insecure = await fake(lab, ['get', 'disks', '--insecure', '-n', '127.0.10.50'])
    expect(insecure.exitCode).toBe(1)
    expect(insecure.stderr).toContain('"error reading server preface: remote error: tls: certificate required"')
    const sys = JSON.parse((await secure(lab, 'get', 'systemdisk', '-o', 'json')).stdout) as Obj
    expect(sys.spec).toEqual({ devPath: '/dev/nvme0n1', diskID: 'nvme0n1' })
    expect(JSON.parse((await secure(lab, 'get', 'hostname', '-o', 'json')).stdout).spec.hostname).toBe('cp-1')
    const addresses = (await secure(lab, 'get', 'addresses', '-o', 'jsonpath={.metadata.id}')).stdout.trim().split('\n')
    expect(addresses).toContain('enp1s0/127.0.10.50/24')
    expect(addresses).not.toContain('enp1s0/127.0.10.11/24')
    const routes = (await secure(lab, 'get', 'routes', '-o', 'jsonpath={.metadata.id}')).stdout
    expect(routes).toContain('inet4/127.0.10.1//1024')
    const version = await secure(lab, 'version')
    expect(version.stdout).toContain('Server:\n\tNODE:        127.0.10.50\n\tTag:         v1.11.6\n')
    expect(version.stdout.endsWith('\tEnabled:     RBAC\n')).toBe(true)
  })

  it('applies a new config to a configured node over mTLS and prints the summary line', async () => {
    const lab = await installed()
    const auto = await secure(lab, 'apply-config', '-f', 'o/controlplane.yaml')
    expect(auto).toEqual({ stdout: '', stderr: 'Applied configuration without a reboot\n', exitCode: 0 })
    const staged = await secure(lab, 'apply-config', '-f', 'o/controlplane.yaml', '--mode', 'staged')
    expect(staged.stderr).toBe('Staged configuration to be applied after the next reboot\n')
    const reboot = await secure(lab, 'apply-config', '-f', 'o/controlplane.yaml', '-m', 'reboot')
    expect(reboot.stderr).toBe('Applied configuration with a reboot\n')
    expect((await lab.machine('127.0.10.50'))?.stage).toBe('rebooting')
  })

  it('refuses modes maintenance does not support, and changes nothing on --dry-run', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')], timing: TIMING })
    await genConfig(lab, STATIC)
    const mode = await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'o/controlplane.yaml', '--mode', 'no-reboot'])
    expect(mode.stderr).toBe(
      "error applying new configuration: rpc error: code = Unimplemented desc = apply configuration --mode='no-reboot' is not supported in maintenance mode\n"
    )
    const dry = await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'o/controlplane.yaml', '--dry-run'])
    expect(dry).toEqual({ stdout: '', stderr: 'Dry run summary:\nNode is running in maintenance mode and does not have a config yet.\n', exitCode: 0 })
    expect((await lab.machine('127.0.10.11'))?.stage).toBe('maintenance')
    await writeFile(join(lab.dir, 'bad.yaml'), 'version: v1alpha1\nmachine: {}\n')
    const bad = await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'bad.yaml'])
    expect(bad.stderr).toMatch(
      /^error applying new configuration: rpc error: code = InvalidArgument desc = configuration validation failed: 3 errors occurred:\n/
    )
  })

  it('stays installing when the install disk does not exist', async () => {
    const lab = await newLab({ machines: [preset('sata-tower')], timing: TIMING })
    await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.40:6443', '-o', 'o', '--install-disk', '/dev/nvme0n1'])
    expect((await run(lab, ['apply-config', '-i', '-n', '127.0.10.12', '-f', 'o/worker.yaml'])).exitCode).toBe(0)
    await new Promise((r) => setTimeout(r, 600))
    const m = await lab.machineById('sata-tower')
    expect(m?.stage).toBe('installing')
    expect(m?.machine.installError).toBe('install disk /dev/nvme0n1 not found')
  })
})

describe('bootstrap, health, kubeconfig, talosconfig edits, reset', () => {
  it('bootstraps once, then reports AlreadyExists as the reference words it', async () => {
    const lab = await installed()
    expect(await fake(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.50', '-n', '127.0.10.50', 'bootstrap'])).toEqual({
      stdout: '',
      stderr: '',
      exitCode: 0
    })
    const again = await secure(lab, 'bootstrap')
    expect(again.exitCode).toBe(1)
    expect(again.stderr).toBe(`${BOOTSTRAP_ALREADY_EXISTS}\n`)
    const ms = JSON.parse((await secure(lab, 'get', 'machinestatus', '-o', 'json')).stdout) as Obj
    expect(ms.spec.status).toEqual({ ready: true, unmetConditions: [] })
  })

  it('refuses bootstrap on a worker and on a maintenance machine', async () => {
    const lab = await newLab({ machines: [preset('nvme-mini-pc')], timing: TIMING })
    await genConfig(lab, '')
    const maint = await run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.11', '-n', '127.0.10.11', 'bootstrap'])
    expect(maint.stderr).toContain(
      'error executing bootstrap: rpc error: code = Unavailable desc = connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"'
    )
    expect((await run(lab, ['bootstrap', '--insecure'])).stderr.split('\n')[0]).toBe('unknown flag: --insecure')
    await run(lab, ['apply-config', '-i', '-n', '127.0.10.11', '-f', 'o/worker.yaml'])
    const worker = await eventually(async () => {
      const r = await run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.11', '-n', '127.0.10.11', 'bootstrap'])
      return r.stderr.includes('control plane') ? r : undefined
    })
    expect(worker.stderr).toBe(
      'error executing bootstrap: rpc error: code = FailedPrecondition desc = bootstrap can only be performed on a control plane node\n'
    )
  })

  it('streams health lines over time, each condition "..." then "OK", in the reference order', async () => {
    const lab = await installed()
    await secure(lab, 'bootstrap')
    const proc = execa(lab.talosctlPath, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.50', '-n', '127.0.10.50', 'health'], {
      cwd: lab.dir,
      env: { ...lab.env },
      reject: false
    })
    const arrivals: number[] = []
    proc.stderr!.on('data', () => arrivals.push(Date.now()))
    const r = await proc
    expect(r.exitCode).toBe(0)
    expect(r.stdout).toBe('')
    const lines = String(r.stderr).split('\n').filter(Boolean)
    expect(lines[0]).toBe('discovered nodes: ["127.0.10.50"]')
    expect(lines[1]).toBe('waiting for etcd to be healthy: ...')
    expect(lines[2]).toBe('waiting for etcd to be healthy: OK')
    expect(lines.at(-1)).toBe('waiting for all k8s nodes to report schedulable: OK')
    const seen = lines.filter((l) => l.endsWith(': OK')).map((l) => l.slice('waiting for '.length, -': OK'.length))
    expect(seen).toEqual(HEALTH_CONDITION_ORDER)
    expect(arrivals.length).toBeGreaterThan(5)
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(100)
  })

  it('fails health before bootstrap once the wait times out', async () => {
    const lab = await installed()
    const r = await secure(lab, 'health', '--wait-timeout', '300ms')
    expect(r.exitCode).toBe(1)
    const lines = r.stderr.split('\n')
    expect(lines.slice(0, 2)).toEqual(['discovered nodes: ["127.0.10.50"]', 'waiting for etcd to be healthy: ...'])
    expect(lines[2]).toBe(
      'waiting for etcd to be healthy: 127.0.10.50: service "etcd" not in expected state "Running": current state [Preparing] Running pre state'
    )
    expect(r.stderr.endsWith('healthcheck error: rpc error: code = DeadlineExceeded desc = context deadline exceeded\n')).toBe(true)
  })

  it('writes a 0600 kubeconfig signed by the cluster CA and refuses an existing file without --force', async () => {
    const lab = await installed()
    const r = await fake(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.50', '-n', '127.0.10.50', 'kubeconfig', 'kc', '--merge=false'])
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    const path = join(lab.dir, 'kc')
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    const kc = parse(await readFile(path, 'utf8')) as Obj
    expect(kc['current-context']).toBe('admin@demo')
    expect(kc.clusters[0].cluster.server).toBe('https://127.0.10.40:6443')
    const crt = fromBase64(kc.users[0].user['client-certificate-data'])
    expect(signedBy(crt, fromBase64(kc.clusters[0].cluster['certificate-authority-data']))).toBe(true)
    expect(new X509Certificate(crt).subject).toContain('O=system:masters')
    const again = await secure(lab, 'kubeconfig', 'kc', '--merge=false')
    expect(again.stderr).toBe(`${path} already exists, use --force to overwrite\n`)
    expect((await secure(lab, 'kubeconfig', 'kc', '-m=false', '--force')).exitCode).toBe(0)
    expect((await secure(lab, 'kubeconfig')).exitCode).toBe(0)
    expect((await stat(join(lab.home, '.kube', 'config'))).mode & 0o777).toBe(0o600)
  })

  it('answers at the VIP only after bootstrap', async () => {
    const lab = await installed()
    const viaVip = () =>
      run(lab, ['--talosconfig', 'o/talosconfig', '-e', '127.0.10.40', '-n', '127.0.10.40', 'get', 'hostname', '-o', 'jsonpath={.spec.hostname}'])
    expect((await viaVip()).exitCode).toBe(1)
    await secure(lab, 'bootstrap')
    expect((await viaVip()).stdout).toBe('cp-1\n')
  })

  it('edits the talosconfig with config endpoint/node (0600) so later calls need no -e/-n', async () => {
    const lab = await installed()
    expect(await run(lab, ['--talosconfig', 'o/talosconfig', 'config', 'endpoint', '127.0.10.50'])).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    await run(lab, ['--talosconfig', 'o/talosconfig', 'config', 'node', '127.0.10.50'])
    const cfg = parse(await readFile(join(lab.dir, 'o', 'talosconfig'), 'utf8')) as Obj
    expect(cfg.contexts.demo.endpoints).toEqual(['127.0.10.50'])
    expect(cfg.contexts.demo.nodes).toEqual(['127.0.10.50'])
    expect((await stat(join(lab.dir, 'o', 'talosconfig'))).mode & 0o777).toBe(0o600)
    const r = await run(lab, ['get', 'hostname', '-o', 'jsonpath={.spec.hostname}'], { env: { TALOSCONFIG: join(lab.dir, 'o', 'talosconfig') } })
    expect(r.stdout).toBe('cp-1\n')
  })

  it('merges a talosconfig, renaming a clashing context and switching to it', async () => {
    const lab = await newLab({ machines: [] })
    await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.40:6443', '-o', 'a'])
    await run(lab, ['gen', 'config', 'demo', 'https://127.0.10.40:6443', '-o', 'b'])
    await run(lab, ['--talosconfig', 'merged', 'config', 'merge', 'a/talosconfig'])
    const r = await run(lab, ['--talosconfig', 'merged', 'config', 'merge', 'b/talosconfig'])
    expect(r.stderr).toBe('renamed talosconfig context "demo" -> "demo-1"\n')
    const cfg = parse(await readFile(join(lab.dir, 'merged'), 'utf8')) as Obj
    expect(cfg.context).toBe('demo-1')
    expect(Object.keys(cfg.contexts)).toEqual(['demo', 'demo-1'])
  })

  it('resets a node back to maintenance at its DHCP address', async () => {
    const lab = await installed()
    await secure(lab, 'bootstrap')
    const r = await secure(lab, 'reset', '--graceful=false', '--reboot')
    expect(r).toEqual({ stdout: '', stderr: '', exitCode: 0 })
    const ms = await eventually(async () => {
      const x = await run(lab, ['get', 'machinestatus', '-i', '-n', '127.0.10.11', '-o', 'json'])
      return x.exitCode === 0 ? (JSON.parse(x.stdout) as Obj) : undefined
    })
    expect(ms.spec.stage).toBe('maintenance')
    expect((await run(lab, ['get', 'systemdisk', '-i', '-n', '127.0.10.11', '-o', 'json'])).stdout).toBe('')
    expect((await lab.machineById('nvme-mini-pc'))?.machine.configured).toBe(false)
  })
})
