import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contract } from '@shared/contract'
import { createLab } from '@lab/lab'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

describe('wild cluster, upgrade and etcd speak the contract', () => {
  it('cluster config --json prints exactly the contract output; a bad value is refused once, at the contract', async () => {
    await withTempDir(async (dir) => {
      const wild = (...args: string[]) => runWild(['--data-dir', dir, '--json', ...args])
      expect((await wild('instance', 'create', 'alpha')).code).toBe(0)
      const shown = await wild('cluster', 'config')
      expect(shown.code).toBe(0)
      const out = shown.json() as Record<string, unknown>
      expect(contract['cluster.settings.get'].output.parse(out)).toEqual(out)

      const changed = await wild('cluster', 'config', '--vip', '10.0.0.40', '--dns', '10.0.0.1, 10.0.0.2')
      expect(changed.json()).toMatchObject({ vip: '10.0.0.40', network: { dnsServers: ['10.0.0.1', '10.0.0.2'] } })

      const bad = await wild('cluster', 'config', '--vip', '10.0.0')
      expect(bad.code).toBe(1)
      expect(bad.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('input to cluster.settings.update') } })
    })
  })

  it('cluster config --generate makes the secrets and machine configs through the contract (simulated talosctl)', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [] })
      const data = join(dir, 'data')
      const env = Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
      const wild = (...args: string[]) => runWild(['--data-dir', data, '--talosctl', lab.talosctlPath, ...args], env)
      expect((await wild('instance', 'create', 'alpha')).code).toBe(0)
      const r = await wild('cluster', 'config', '--vip', '127.0.10.10', '--generate')
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/control-plane VIP\s+127\.0\.10\.10/)
      expect(r.stdout).toContain('Generated the cluster configuration.')
      for (const f of ['secrets.yaml', 'controlplane.yaml', 'worker.yaml', 'talosconfig']) {
        expect(existsSync(join(data, 'instances', 'alpha', 'talos', 'generated', f))).toBe(true)
      }
    })
  }, 60_000)

  it('refuses bad upgrade targets at the contract, before anything runs', async () => {
    await withTempDir(async (dir) => {
      const wild = (...args: string[]) => runWild(['--data-dir', dir, '--json', ...args])
      expect((await wild('instance', 'create', 'alpha')).code).toBe(0)
      const cluster = await wild('cluster', 'upgrade', '--talos-version', '1.13')
      expect(cluster.code).toBe(1)
      expect(cluster.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('input to upgrade.plan') } })
      const node = await wild('node', 'upgrade', 'Not_A_Host')
      expect(node.code).toBe(1)
      expect(node.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('input to upgrade.node') } })
    })
  })

  it('cluster kubeconfig says how to get one when the cluster has none yet', async () => {
    await withTempDir(async (dir) => {
      expect((await runWild(['--data-dir', dir, 'instance', 'create', 'alpha'])).code).toBe(0)
      const r = await runWild(['--data-dir', dir, '--json', 'cluster', 'kubeconfig'])
      expect(r.code).toBe(1)
      expect(r.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('wild cluster bootstrap') } })
    })
  })

  it('cluster kubeconfig --merge --into takes one file, and not in the demo (it merges into its own lab home)', async () => {
    await withTempDir(async (dir) => {
      expect((await runWild(['--data-dir', dir, 'instance', 'create', 'alpha'])).code).toBe(0)
      const two = await runWild(['--data-dir', dir, '--json', 'cluster', 'kubeconfig', '--merge', '--into', `${dir}/a:${dir}/b`])
      expect(two.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('--into takes one file') } })
      const demo = await runWild(['--demo', '--data-dir', join(dir, 'demo'), '--json', 'cluster', 'kubeconfig', '--merge', '--into', join(dir, 'k')])
      expect(demo.json()).toEqual({ error: { code: 'VALIDATION', message: expect.stringContaining('--into does not apply to the demo') } })
      expect(existsSync(join(dir, 'k'))).toBe(false)
    })
  }, 60_000)
})
