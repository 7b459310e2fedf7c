import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseAllDocuments, parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createLab } from '@lab/lab'
import { startFakeFactory } from '@lab/factory'
import { preset } from '@lab/machines'
import { withTempDir } from '../../helpers/tmp'
import { NET, labCore } from '../lifecycle/lab-helpers'

type Obj = Record<string, any>
const mainDoc = async (file: string): Promise<Obj> => parseAllDocuments(await readFile(file, 'utf8'))[0]!.toJS() as Obj

/**
 * Issue 15 items 4 and 5 through the core, the simulated lab and the lab's Image Factory: the
 * demo's ROCK 5B from detection to its overlay schematic and the matching installer in the
 * applied config; the refusals before anything is recorded; a Secure Boot machine's installer.
 */
describe('an arm64 board and a Secure Boot machine, end to end', () => {
  it('detects the ROCK 5B, builds its rock5b schematic, installs with its installer; refuses bad combinations first', async () => {
    await withTempDir(async (dir) => {
      const factory = await startFakeFactory({ versions: ['v1.11.6'] })
      const lab = await createLab({
        dir: join(dir, 'lab'),
        machines: [preset('emmc-board', { ip: '127.0.10.114' }), preset('nvme-mini-pc', { ip: '127.0.10.111', secureBoot: true })]
      })
      const core = labCore(lab, join(dir, 'data'), join(dir, 'kube', 'config'), {}, factory.url)
      try {
        await core.instances.create('lab')
        await core.config.updateSettings('lab', { vip: NET.vip, network: { subnet: NET.subnet, gateway: NET.gateway, dnsServers: [] } })
        const hw = await core.nodes.detectHardware('lab', '127.0.10.114')
        expect(hw).toMatchObject({ arch: 'arm64', board: { overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' } } })
        await core.nodes.add('lab', { hostname: 'sbc-1', role: 'controlplane', targetIp: '127.0.10.14', currentIp: '127.0.10.114' })

        // Refusals come first and record nothing.
        const media = (over: Obj) => core.boards.media({ instance: 'lab', hostname: 'sbc-1', arch: 'arm64', overlay: hw.board!.overlay, ...over })
        await expect(media({ overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5c' } })).rejects.toMatchObject({
          code: 'VALIDATION',
          message: expect.stringContaining(
            'lists no overlay siderolabs/sbc-rockchip rock5c for Talos v1.11.6 (siderolabs/sbc-rockchip has: rock5b, rock4cplus)'
          )
        })
        await expect(media({ arch: 'amd64' })).rejects.toMatchObject({
          code: 'VALIDATION',
          message: expect.stringContaining('overlays carry arm64 board firmware')
        })
        const own = (await core.nodes.get('lab', 'sbc-1')).version
        await core.nodes.update('lab', 'sbc-1', { version: 'v1.10.99' })
        await expect(media({})).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('does not know Talos v1.10.99') })
        await core.nodes.update('lab', 'sbc-1', { version: 'v1.8.4' })
        await expect(media({})).rejects.toMatchObject({
          code: 'VALIDATION',
          message: expect.stringContaining('older than the oldest this app supports (v1.9)')
        })
        await core.nodes.update('lab', 'sbc-1', { version: own })
        expect((await core.nodes.get('lab', 'sbc-1')).schematicId).toBeNull()
        // The factory's own refusal of a schematic is a clear error too.
        await expect(core.assets.createSchematic([], undefined, { image: 'siderolabs/sbc-rockchip', name: 'nope' })).rejects.toMatchObject({
          code: 'VALIDATION',
          message:
            'The Image Factory rejected the schematic (overlay siderolabs/sbc-rockchip nope with these extensions): overlay "nope" not found in siderolabs/sbc-rockchip.'
        })

        const chosen = await media({})
        expect(factory.schematicBodies.map((b) => parseYaml(b))).toContainEqual({
          overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' },
          customization: {}
        })
        expect(chosen).toMatchObject({
          arch: 'arm64',
          version: 'v1.11.6',
          installerImage: `factory.talos.dev/metal-installer/${chosen.schematicId}:v1.11.6`,
          isoFile: 'metal-arm64.iso',
          kernelArgsFile: 'cmdline-metal-arm64',
          enrolment: null
        })
        expect((await core.nodes.get('lab', 'sbc-1')).schematicId).toBe(chosen.schematicId)

        const op = await core.operations.wait('lab', (await core.cluster.setup('lab', 'sbc-1')).id)
        expect(op.error).toBeNull()
        const applied = await mainDoc(core.instances.paths('lab').finalConfigFor('sbc-1'))
        expect(applied.machine.install).toMatchObject({ image: chosen.installerImage, disk: '/dev/mmcblk0' })
        expect((await lab.machine('127.0.10.14'))?.machine).toMatchObject({ configured: true, arch: 'arm64' })

        // Secure Boot: detected, the signed installer, and the enrolment explained.
        expect((await core.nodes.detectHardware('lab', '127.0.10.111')).secureBoot).toBe(true)
        await core.nodes.add('lab', { hostname: 'w-1', role: 'worker', targetIp: '127.0.10.21', currentIp: '127.0.10.111' })
        const w = await core.operations.wait('lab', (await core.cluster.setup('lab', 'w-1')).id)
        expect(w.error).toBeNull()
        expect(w.logTail.join('\n')).toContain('Enroll Secure Boot keys: auto')
        const wDoc = await mainDoc(core.instances.paths('lab').finalConfigFor('w-1'))
        expect(wDoc.machine.install.image).toBe(
          'factory.talos.dev/metal-installer-secureboot/376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba:v1.11.6'
        )
      } finally {
        await core.close()
        await factory.close()
      }
    })
  }, 180_000)
})
