import { join } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from './lab-helpers'

describe('allow workloads on the only control plane', () => {
  it('sets allowSchedulingOnControlPlanes and applies it to the running machine in place', async () => {
    await withTempDir(async (dir) => {
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [preset('nvme-mini-pc', { ip: '127.0.10.101' })] })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube'))
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway } })
        await expect(core.cluster.allowWorkloads('lab')).rejects.toMatchObject({ code: 'NOT_FOUND' })
        await core.nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '127.0.10.11', currentIp: '127.0.10.101' })
        expect((await core.operations.wait('lab', (await core.cluster.setup('lab', 'cp-1')).id)).status).toBe('completed')
        const before = parse((await lab.machine('127.0.10.11'))!.machine.config!)
        expect(before.cluster.allowSchedulingOnControlPlanes ?? false).toBe(false)

        const ops = await core.cluster.allowWorkloads('lab')
        expect(ops).toHaveLength(1)
        const final = await core.operations.wait('lab', ops[0]!.id)
        expect(final.error).toBeNull()
        // Applied in place with the cluster's credentials: no reinstall, no reboot wait.
        expect(final.steps.find((s) => s.name === 'Apply configuration')?.status).toBe('completed')
        expect(final.steps.find((s) => s.name === 'Wait for the install to start')?.status).toBe('skipped')
        expect(parse((await lab.machine('127.0.10.11'))!.machine.config!).cluster.allowSchedulingOnControlPlanes).toBe(true)
        expect((await core.config.settings('lab')).allowSchedulingOnControlPlanes).toBe(true)
        expect(await core.nodes.get('lab', 'cp-1')).toMatchObject({ state: 'ready' })
      } finally {
        await core.close()
      }
    })
  }, 90_000)
})
