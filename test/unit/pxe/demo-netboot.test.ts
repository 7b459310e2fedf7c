import dgram from 'node:dgram'
import net from 'node:net'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCore } from '@core'
import { ensureDemoInstance } from '@core/demo-mode'
import { answeringDemoHosts, DEMO_SUBNET, ensureDemoLab } from '@lab/demo'
import { preset } from '@lab/machines'
import { bootMac } from '@lab/netboot'
import { createDemoLab } from '@lab/demo-lab'
import { withTempDir } from '../../helpers/tmp'
import { prepareInstance } from './fixture'

afterEach(() => vi.restoreAllMocks())

describe('network boot in the demo lab', () => {
  it('simulates machines booting through every stage, then discovery finds them; no socket opened', async () => {
    const udp = vi.spyOn(dgram, 'createSocket')
    const connect = vi.spyOn(net.Socket.prototype, 'connect')
    const listen = vi.spyOn(net.Server.prototype, 'listen')
    await withTempDir(async (dir) => {
      const labFile = await ensureDemoLab(dir)
      const machines = [
        { preset: 'iso-cd-machine' as const, firmware: 'bios' as const, delayMs: 0 },
        { preset: 'bonded-nics' as const, firmware: 'uefi-http' as const, delayMs: 30 }
      ]
      // Fast stages: the lab the core is handed carries them to the pxe service.
      const demo = createDemoLab({ labFile, stageMs: 15, machines })
      const core = createCore({ dataDir: dir, talosctlPath: 'talosctl (demo lab)', demo })
      await ensureDemoInstance(core)
      const events: { stage: string; mac: string; instance: string }[] = []
      core.events.onAny((name, p) => name === 'pxe.boot' && events.push(p as never))

      // Like the real server, the demo refuses to start without the boot assets.
      await expect(core.pxe.start({ instance: 'demo', interface: 'demo0' })).rejects.toMatchObject({ code: 'NOT_FOUND' })
      await prepareInstance(dir, 'demo', { kernel: 'K', initramfs: 'I', cmdline: 'console=ttyS0' })
      expect((await core.pxe.interfaces('demo')).map((i) => [i.name, i.address, i.suggested])).toEqual([['demo0', '127.0.10.2', true]])
      const st = await core.pxe.start({ instance: 'demo', interface: 'demo0' })
      expect(st).toMatchObject({ running: true, runBy: 'demo', address: '127.0.10.2' })

      const cd = preset('iso-cd-machine')
      await expect.poll(async () => (await answeringDemoHosts(labFile, [cd.ip, preset('bonded-nics').ip])).size, { timeout: 5000 }).toBe(2)
      const stagesOf = (mac: string) => events.filter((e) => e.mac === mac).map((e) => e.stage)
      expect(stagesOf(bootMac(cd))).toEqual(['dhcp', 'binary', 'script', 'kernel', 'initramfs'])
      expect((await core.pxe.status('demo')).clients).toHaveLength(2)
      // Seen, not guessed: each machine is looked for at its address until it answers in maintenance mode.
      await expect
        .poll(async () => (await core.pxe.status('demo')).clients.map((c) => c.maintenance?.ip ?? null).sort(), { timeout: 8000 })
        .toEqual([cd.ip, preset('bonded-nics').ip].sort())

      const { operationId } = await core.discovery.start({ instance: 'demo', cidr: DEMO_SUBNET })
      expect((await core.operations.wait('demo', operationId)).status).toBe('completed')
      expect((await core.discovery.status('demo')).nodesFound.map((n) => n.ip)).toEqual(expect.arrayContaining([cd.ip]))
      expect((await core.discovery.status('demo')).nodesFound).toHaveLength(6)

      const stopped = await core.pxe.stop('demo')
      expect(stopped).toMatchObject({ running: false, clients: expect.arrayContaining([expect.objectContaining({ stage: 'initramfs' })]) })
      await core.close()
    })
    expect(udp).not.toHaveBeenCalled()
    expect(connect).not.toHaveBeenCalled()
    expect(listen).not.toHaveBeenCalled()
  })
})
