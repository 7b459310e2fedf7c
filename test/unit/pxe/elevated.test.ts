import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppError } from '@shared/errors'
import { EventBus } from '@core/event-bus'
import type { PxeElevation } from '@core/pxe/elevated'
import { startPxeServer } from '@core/pxe/server'
import { createPxeService, type PxeService } from '@core/pxe/service'
import { netbootPaths, readPxeStatus } from '@core/pxe/status'
import { watchForStop } from '@core/pxe/stop-watch'
import { prepareInstance, SCHEMATIC, VERSION } from './fixture'

const PORTS = { dhcp: 10367, pxe: 14311, tftp: 10369, client: 10368 }
const ip = `127.${150 + ((process.pid >> 8) & 63)}.${process.pid & 255}.7`
const iface = { lab0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: `${ip}/24` }] }

let dataDir: string
let svc: PxeService | null = null
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-pxe-elev-'))
  await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
})
afterEach(async () => {
  await svc?.close()
  svc = null
  await rm(dataDir, { recursive: true, force: true })
})

/** The server the root helper runs, here in-process on loopback high ports. */
function startHelperServer() {
  return startPxeServer({
    dataDir,
    instance: 'lab',
    interfaceName: 'lab0',
    version: VERSION,
    schematicId: SCHEMATIC,
    httpPort: 0,
    ipxeDir: resolve('resources/ipxe'),
    nodeForMac: async () => null,
    onEvent: () => {},
    log: () => {},
    testing: { ports: PORTS, interfaces: iface, broadcastTo: ip }
  })
}

/**
 * The root helper as `wild pxe serve --parent-pid` runs it: the same server, following the stop
 * file. Here in-process on loopback high ports; the real CLI is proven in test/netboot.
 */
function helperElevation(seen: string[][]): PxeElevation {
  return {
    async launch(args) {
      seen.push(args)
      const server = await startHelperServer()
      await new Promise<void>((stopped) => watchForStop({ stopFile: netbootPaths(dataDir, 'lab').stopRequest, onStop: () => stopped(), everyMs: 50 }))
      await server.close()
    }
  }
}

function service(elevation?: PxeElevation) {
  return createPxeService({
    dataDir,
    events: new EventBus(),
    listNodes: async () => [],
    clusterSubnet: async () => null,
    ipxeDir: resolve('resources/ipxe'),
    checkPrivileges: async () => {
      throw new AppError('FORBIDDEN', 'no privilege')
    },
    elevation,
    testing: { ports: PORTS, interfaces: iface, broadcastTo: ip }
  })
}

describe('network boot through the elevation prompt', () => {
  it('without elevate: FORBIDDEN naming both ways out, and whether the app can ask for rights', async () => {
    svc = service(helperElevation([]))
    const err = await svc.start({ instance: 'lab', interface: 'lab0' }).catch((e: AppError) => e)
    expect(err).toMatchObject({
      code: 'FORBIDDEN',
      details: { canElevate: true, command: expect.stringContaining('sudo wild pxe serve --interface lab0 --instance lab') }
    })
    expect((err as AppError).message).toMatch(/Start it with administrator rights/)
    const plain = service()
    const err2 = await plain.start({ instance: 'lab', interface: 'lab0' }).catch((e: AppError) => e)
    expect(err2).toMatchObject({ code: 'FORBIDDEN', details: { canElevate: false } })
  })

  it("with elevate: runs `wild pxe serve` as the helper, shows it as the app's, and Stop ends it through the stop file", async () => {
    const seen: string[][] = []
    svc = service(helperElevation(seen))
    const st = await svc.start({ instance: 'lab', interface: 'lab0', elevate: true })
    expect(st).toMatchObject({ running: true, runBy: 'app', interface: 'lab0', address: ip })
    expect(seen[0]).toEqual(['pxe', 'serve', '--interface', 'lab0', '--instance', 'lab', '--data-dir', dataDir, '--parent-pid', String(process.pid)])
    const stopped = await svc.stop('lab')
    expect(stopped.running).toBe(false)
    expect((await readPxeStatus(dataDir, 'lab')).running).toBe(false)
  })

  it('a dismissed prompt is FORBIDDEN with the next step, and nothing is left running', async () => {
    svc = service({ launch: async () => Promise.reject(new Error('User did not grant permission.')) })
    await expect(svc.start({ instance: 'lab', interface: 'lab0', elevate: true })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(/prompt was dismissed, so nothing was started/)
    })
    expect((await svc.status('lab')).running).toBe(false)
  })

  it('a helper that fails at once reports its last line (e.g. the port in use)', async () => {
    svc = service({ launch: async () => Promise.reject(new Error('Command failed\nError: UDP port 67 on 198.51.100.2 is in use by dnsmasq (pid 812).')) })
    await expect(svc.start({ instance: 'lab', interface: 'lab0', elevate: true })).rejects.toThrow(
      /stopped at once: Error: UDP port 67 on 198\.51\.100\.2 is in use by dnsmasq/
    )
  })

  it('a helper that ends on its own is no longer shown as running', async () => {
    let end!: () => void
    svc = service({
      async launch() {
        const server = await startHelperServer()
        await new Promise<void>((r) => (end = r))
        await server.close()
      }
    })
    expect((await svc.start({ instance: 'lab', interface: 'lab0', elevate: true })).running).toBe(true)
    end()
    await vi.waitFor(async () => expect((await svc!.status('lab')).running).toBe(false), { timeout: 5_000 })
  })
})
