import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureDemoLab, DEMO_MACHINE_IPS } from '@lab/demo'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

const FAST = { installDelayMs: 300, rebootDelayMs: 200, bootDelayMs: 100, healthStepMs: 20 }

describe('wild --demo', () => {
  it('detects a demo machine with no talosctl and no network', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--demo', '--data-dir', dir, '--json', 'node', 'detect', '127.0.10.12'], { PATH: '/nonexistent' })
      expect(r.code).toBe(0)
      const hw = r.json() as Record<string, unknown>
      expect(hw).toMatchObject({ ip: '127.0.10.12', mac: '3c:ec:ef:11:22:33', selectedDisk: '/dev/sda', maintenanceMode: true })
      expect(existsSync(join(dir, 'instances', 'demo', '.demo'))).toBe(true)
    })
  })

  it('discovers exactly the demo machines, all in maintenance mode', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--demo', '--data-dir', dir, '--json', 'discover', '127.0.10.0/24'])
      expect(r.code).toBe(0)
      const status = r.json() as { nodesFound: { ip: string; maintenanceMode: boolean; mac: string; hostname: string; version: string }[] }
      expect(status.nodesFound.map((n) => n.ip).sort()).toEqual([...DEMO_MACHINE_IPS].sort())
      for (const n of status.nodesFound) {
        expect(n.maintenanceMode).toBe(true)
        expect(n.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/)
        expect(n.hostname).toMatch(/^talos-/)
      }
    })
  })

  it('runs add → setup → bootstrap → kubeconfig on the demo lab', async () => {
    await withTempDir(async (dir) => {
      await ensureDemoLab(dir, FAST)
      const w = (...args: string[]) => runWild(['--demo', '--data-dir', dir, ...args], { WILD_POLL_MS: '100' }, 120_000)
      expect(
        (
          await w(
            'cluster',
            'config',
            '--vip',
            '127.0.10.50',
            '--subnet',
            '127.0.10.0/24',
            '--gateway',
            '127.0.10.1',
            '--allow-scheduling-on-control-planes',
            'true'
          )
        ).code
      ).toBe(0)
      expect((await w('node', 'add', 'cp1', '--role', 'controlplane', '--target-ip', '127.0.10.21', '--current-ip', '127.0.10.11')).code).toBe(0)
      const setup = await w('node', 'setup', 'cp1')
      expect(setup.code, setup.stderr).toBe(0)
      const boot = await w('cluster', 'bootstrap')
      expect(boot.code, boot.stderr).toBe(0)
      const list = await w('--json', 'node', 'list')
      expect(list.json()).toEqual([expect.objectContaining({ hostname: 'cp1', state: 'ready', configured: true, deployed: true, currentIp: '127.0.10.21' })])
      expect(existsSync(join(dir, 'instances', 'demo', 'kubeconfig'))).toBe(true)
    })
  }, 180_000)
})

describe('wild --demo assets', () => {
  it('downloads boot assets from the simulated factory on loopback', async () => {
    await withTempDir(async (dir) => {
      const r = await runWild(['--demo', '--data-dir', dir, '--json', 'assets', 'download', '--version', 'v1.11.6', '--type', 'kernel'])
      expect(r.code, r.stderr).toBe(0)
      const list = await runWild(['--demo', '--data-dir', dir, '--json', 'assets', 'list', '--version', 'v1.11.6'])
      const kernel = (list.json() as { type: string; downloaded: boolean; url: string; sha256: string }[]).find((a) => a.type === 'kernel')!
      expect(kernel.downloaded).toBe(true)
      expect(kernel.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(new URL(kernel.url).hostname).toBe('127.0.0.1')
    })
  })
})
