import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { startFakeFactory } from '@lab/factory'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from '../lifecycle/lab-helpers'

const ROCK5B = { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }

/**
 * Issue 15: setup refuses the demo's ROCK 5B while it has no overlay (nothing is applied, the
 * node is not marked failed), reads the operator's choice back from the node's entry, and
 * refuses again when the node's schematic was changed away from the overlay's.
 */
describe('setup and an arm64 board without its overlay', () => {
  it('refuses before applying, names the Hardware step, and remembers the choice on the node', async () => {
    await withTempDir(async (dir) => {
      const factory = await startFakeFactory({ versions: ['v1.11.6'] })
      const lab = await createLab({ dir: join(dir, 'lab'), machines: [preset('emmc-board', { ip: '127.0.10.114' })] })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube', 'config'), {}, factory.url)
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: [] } })
        const hw = await core.nodes.detectHardware('lab', '127.0.10.114')
        await core.nodes.add('lab', {
          hostname: 'sbc-1',
          role: 'controlplane',
          targetIp: '127.0.10.14',
          currentIp: '127.0.10.114',
          mac: hw.mac!,
          disk: '/dev/mmcblk0'
        })
        expect(await core.boards.choice('lab', 'sbc-1')).toBeNull()

        const refused = await core.operations.wait('lab', (await core.cluster.setup('lab', 'sbc-1')).id)
        expect(refused.error).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining("Choose the board's overlay on the Hardware step") })
        expect(refused.error?.message).toContain('sbc-1 is an arm64 machine (')
        expect((await lab.machine('127.0.10.114'))?.machine).toMatchObject({ configured: false })
        expect((await core.nodes.get('lab', 'sbc-1')).state).toBe('added')

        const media = await core.boards.media({ instance: 'lab', hostname: 'sbc-1', arch: 'arm64', overlay: ROCK5B })
        expect(await core.boards.choice('lab', 'sbc-1')).toEqual({ arch: 'arm64', overlay: ROCK5B, secureBoot: false, schematicId: media.schematicId })

        // Someone points the node at the instance's plain schematic: the overlay would be lost.
        await core.nodes.update('lab', 'sbc-1', { schematicId: 'c'.repeat(64) })
        const stale = await core.operations.wait('lab', (await core.cluster.setup('lab', 'sbc-1')).id)
        expect(stale.error?.message).toContain("sbc-1's schematic is not the one made with its overlay siderolabs/sbc-rockchip rock5b")
        expect((await lab.machine('127.0.10.114'))?.machine).toMatchObject({ configured: false })
      } finally {
        await core.close()
        await factory.close()
      }
    })
  }, 120_000)
})
