import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startFakeFactory } from '@lab/factory'
import { runWild } from '../../helpers/cli'
import { withTempDir } from '../../helpers/tmp'

/** `wild board`: the overlay list and a node's media, through the built CLI and the lab factory. */
describe('wild board', () => {
  it('lists the overlays for a version, refuses an unknown one, and sets a node up for its board', async () => {
    await withTempDir(async (dir) => {
      const factory = await startFakeFactory({ versions: ['v1.11.6'] })
      const env = { WILD_FACTORY_URL: factory.url }
      const wild = (...args: string[]) => runWild(['--data-dir', join(dir, 'data'), ...args], env, 60_000)
      try {
        const list = await wild('board', 'overlays', '--version', 'v1.11.6', '--json')
        expect(list.code, list.stderr).toBe(0)
        expect(JSON.parse(list.stdout)).toMatchObject({
          source: 'factory',
          overlays: expect.arrayContaining([expect.objectContaining({ name: 'rock5b', image: 'siderolabs/sbc-rockchip' })])
        })
        const unknown = await wild('board', 'overlays', '--version', 'v1.99.0')
        expect(unknown.code).not.toBe(0)
        expect(unknown.stderr).toContain('does not know Talos v1.99.0')

        expect((await wild('instance', 'create', 'lab')).code).toBe(0)
        const add = await wild('--instance', 'lab', 'node', 'add', 'sbc-1', '--role', 'worker', '--target-ip', '127.0.10.14', '--mac', '2e:4f:1a:8c:33:d0')
        expect(add.code, add.stderr).toBe(0)
        const media = await wild('--instance', 'lab', 'board', 'media', 'sbc-1', '--arch', 'arm64', '--overlay', 'siderolabs/sbc-rockchip:rock5b')
        expect(media.code, media.stderr).toBe(0)
        expect(media.stdout).toMatch(/^sbc-1: arm64, overlay siderolabs\/sbc-rockchip rock5b$/m)
        expect(media.stdout).toMatch(/^Installer: +factory\.talos\.dev\/metal-installer\/[0-9a-f]{64}:v1\.11\.6$/m)
        const sb = await wild('--instance', 'lab', 'board', 'media', 'sbc-1', '--arch', 'amd64', '--secure-boot')
        expect(sb.stdout).toContain('metal-installer-secureboot/')
        expect(sb.stdout).toContain('Enroll Secure Boot keys: auto')
      } finally {
        await factory.close()
      }
    })
  }, 120_000)
})
