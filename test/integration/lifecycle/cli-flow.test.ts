import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'
import { NET, labEnv, secretModes, twoMachineLab } from './lab-helpers'

describe('add → setup → bootstrap → kubeconfig through the wild CLI, against the simulated lab', () => {
  it('builds a single-node cluster from an empty data folder; keys end 0600 in 0700 folders', async () => {
    await withTempDir(async (dir) => {
      const lab = await twoMachineLab(join(dir, 'lab'))
      const data = join(dir, 'data')
      const env = { ...labEnv(lab), WILD_POLL_MS: '100', HOME: lab.home, KUBECONFIG: '' }
      const wild = (...args: string[]) => runWild(['--data-dir', data, '--talosctl', lab.talosctlPath, ...args], env, 90_000)

      expect((await wild('instance', 'create', 'lab')).code).toBe(0)
      const settings = await wild(
        'cluster',
        'config',
        '--json',
        '--vip',
        NET.vip,
        '--subnet',
        NET.subnet,
        '--gateway',
        NET.gateway,
        '--dns',
        NET.dns.join(','),
        '--allow-scheduling-on-control-planes',
        'true'
      )
      expect(settings.code).toBe(0)
      expect(settings.json()).toMatchObject({ vip: NET.vip, allowSchedulingOnControlPlanes: true })

      // Added by the address its console shows; setup detects the MAC and disk itself.
      const add = await wild('node', 'add', 'cp-1', '--role', 'controlplane', '--target-ip', '127.0.10.11', '--current-ip', '127.0.10.101', '--json')
      expect(add.code).toBe(0)
      const bad = await wild('node', 'add', 'cp-2', '--role', 'controlplane', '--target-ip', '127.0.10.11;reboot', '--json')
      expect(bad.code).toBe(1)
      expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION' } })
      expect((bad.json() as { error: { message: string } }).error.message).toContain('Target IP "127.0.10.11;reboot" is refused')

      const setup = await wild('node', 'setup', 'cp-1')
      expect(setup.stderr).toContain('✓ Apply configuration')
      expect(setup.stderr).toContain('✓ Wait for the node at its target address')
      expect(setup.code).toBe(0)

      const list = await wild('node', 'list', '--json')
      const nodes = list.json() as Record<string, unknown>[]
      // --json prints the contract's Node: the keys README names, in their order, then stateReason.
      expect(Object.keys(nodes[0]!)).toEqual([
        'hostname',
        'role',
        'mac',
        'targetIp',
        'currentIp',
        'interface',
        'disk',
        'version',
        'schematicId',
        'configured',
        'deployed',
        'state',
        'stateReason'
      ])
      expect(nodes[0]).toMatchObject({ hostname: 'cp-1', state: 'ready', configured: true, deployed: true, mac: 'a8:b8:e0:04:12:7c' })

      const worker = await wild('cluster', 'bootstrap', 'w-9', '--json')
      expect(worker.code).toBe(1)
      const boot = await wild('cluster', 'bootstrap')
      expect(boot.stderr).toContain('✓ Bootstrap etcd')
      expect(boot.stderr).toContain('✓ Check: etcd to be healthy')
      expect(boot.stderr).toContain('✓ Fetch kubeconfig')
      expect(boot.code).toBe(0)
      expect(boot.stdout).toContain(`Next: kubectl --kubeconfig ${join(data, 'instances', 'lab', 'kubeconfig')} get nodes`)

      const into = join(dir, 'home', '.kube', 'config')
      const kube = await wild('cluster', 'kubeconfig', '--merge', '--into', into, '--json')
      expect(kube.code).toBe(0)
      expect(kube.json()).toMatchObject({ path: join(data, 'instances', 'lab', 'kubeconfig'), merged: { target: into, backup: null } })
      expect(parse(await readFile(into, 'utf8')).clusters[0].cluster.server).toBe(`https://${NET.vip}:6443`)

      const health = await wild('cluster', 'health', '--json')
      expect(health.stderr).toContain('✓ Check: all k8s nodes to report ready')
      expect(health.code).toBe(0)
      // --json prints the contract's answer (the operation it ran), nothing more.
      expect(health.json()).toEqual({ operationId: expect.any(String) })

      expect((await wild('config', 'get', 'cluster.bootstrap.node')).stdout.trim()).toBe('cp-1')

      const { files, dirs } = await secretModes(join(data, 'instances', 'lab'))
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['talos/generated/secrets.yaml', 'talos/final/cp-1.yaml', 'kubeconfig']))
      expect(Object.entries(files).filter(([, m]) => m !== 0o600)).toEqual([])
      expect(Object.entries(dirs).filter(([, m]) => m !== 0o700)).toEqual([])
    })
  }, 150_000)
})
