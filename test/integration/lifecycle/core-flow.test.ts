import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore, secretModes, twoMachineLab } from './lab-helpers'

describe('add → setup → bootstrap → kubeconfig through the core, against the simulated lab', () => {
  it('builds a two-node cluster from an empty data folder and leaves every key 0600 in 0700 folders', async () => {
    await withTempDir(async (dir) => {
      const lab = await twoMachineLab(join(dir, 'lab'))
      const kubeTarget = join(dir, 'home', '.kube', 'config')
      const core = labCore(lab, join(dir, 'data'), kubeTarget)
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', {
          vip: NET.vip,
          network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: NET.dns }
        })

        // Detect, then add by the address the console shows: MAC, interface and disk come from detection.
        const hw = await core.nodes.detectHardware('lab', '127.0.10.101')
        expect(hw.maintenanceMode).toBe(true)
        const cp = await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })
        expect(cp).toMatchObject({ mac: hw.mac, disk: hw.selectedDisk, state: 'added' })
        await core.nodes.detectHardware('lab', '127.0.10.102')
        await core.nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '127.0.10.21', currentIp: '127.0.10.102' })

        const preview = await core.cluster.previewPatch('lab', 'cp-1')
        expect(parse(preview.yaml).machine.network.interfaces[0].vip).toEqual({ ip: NET.vip })

        for (const host of ['cp-1', 'w-1']) {
          const op = await core.cluster.setup('lab', host)
          const final = await core.operations.wait('lab', op.id)
          expect(final.error, host).toBeNull()
          expect(final.status).toBe('completed')
          // "Check etcd membership" (the 7th) is only for control planes after the first.
          expect(final.steps.map((s) => s.status)).toEqual([
            'completed',
            host === 'cp-1' ? 'completed' : 'skipped',
            'completed',
            'completed',
            'completed',
            'completed',
            'skipped',
            'completed'
          ])
          expect(await core.nodes.get('lab', host)).toMatchObject({ state: 'ready', configured: true, deployed: true })
        }
        expect((await lab.machine('127.0.10.11'))?.machine.configured).toBe(true)
        expect((await lab.machine('127.0.10.21'))?.machine.talosVersion).toBe('v1.11.6')

        // Setup again: nothing to do, every step after the check is skipped or instant.
        const again = await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)
        expect(again.status).toBe('completed')
        expect(again.steps.filter((s) => s.status === 'skipped').map((s) => s.name)).toEqual([
          'Generate cluster configuration',
          'Write node configuration',
          'Apply configuration',
          'Wait for the install to start',
          'Check etcd membership'
        ])

        await expect(core.cluster.bootstrap('lab', 'w-1')).rejects.toThrow(/w-1 is a worker/)
        const boot = await core.operations.wait('lab', (await core.cluster.bootstrap('lab')).id)
        expect(boot.error).toBeNull()
        expect(boot.steps.find((s) => s.name === 'Bootstrap etcd')?.status).toBe('completed')
        expect(boot.steps.find((s) => s.name === 'Check: etcd to be healthy')?.status).toBe('completed')
        expect(boot.steps.at(-1)).toMatchObject({ name: 'Fetch kubeconfig', status: 'completed' })
        expect((await core.config.settings('lab')).bootstrapped?.node).toBe('cp-1')

        // A second bootstrap never calls talosctl bootstrap again.
        const twice = await core.operations.wait('lab', (await core.cluster.bootstrap('lab')).id)
        expect(twice.status).toBe('completed')
        expect(twice.steps.find((s) => s.name === 'Bootstrap etcd')?.status).toBe('skipped')

        const kube = await core.cluster.kubeconfig('lab')
        expect(parse(kube.content).clusters[0].cluster.server).toBe(`https://${NET.vip}:6443`)
        const merged = await core.cluster.mergeKubeconfig('lab')
        expect(merged).toMatchObject({ target: kubeTarget, backup: null })
        expect(parse(await readFile(kubeTarget, 'utf8'))['current-context']).toBe(merged.context)

        const { files, dirs } = await secretModes(core.instances.paths('lab').root)
        for (const must of [
          'talos/generated/secrets.yaml',
          'talos/generated/talosconfig',
          'talos/generated/controlplane.yaml',
          'talos/generated/worker.yaml',
          'talos/final/cp-1.yaml',
          'talos/final/w-1.yaml',
          'kubeconfig'
        ]) {
          expect(files, must).toHaveProperty([must])
        }
        expect(Object.entries(files).filter(([, m]) => m !== 0o600)).toEqual([])
        expect(Object.entries(dirs).filter(([, m]) => m !== 0o700)).toEqual([])
      } finally {
        await core.close()
      }
    })
  }, 120_000)
})
