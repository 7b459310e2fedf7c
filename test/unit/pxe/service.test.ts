import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Node } from '@shared/contract/nodes'
import { AppError } from '@shared/errors'
import { EventBus } from '@core/event-bus'
import { createPxeService, type PxeService } from '@core/pxe/service'
import { startPxeServer } from '@core/pxe/server'
import { listInterfaces } from '@core/pxe/views'
import { prepareInstance, SCHEMATIC, VERSION } from './fixture'

const MAC = '52:54:00:ee:ff:01'
const PORTS = { dhcp: 10267, pxe: 14211, tftp: 10269, client: 10268 }

let n = 0
function loopback(): string {
  n++
  return `127.${140 + ((process.pid >> 8) & 63)}.${process.pid & 255}.${(n % 250) + 2}`
}

let dataDir: string
let svc: PxeService | null = null
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-pxe-svc-'))
})
afterEach(async () => {
  await svc?.close()
  svc = null
  await rm(dataDir, { recursive: true, force: true })
})

const node = (hostname: string, mac: string | null, state: Node['state'] = 'added'): Node => ({
  hostname,
  role: 'worker',
  mac,
  targetIp: null,
  currentIp: null,
  interface: null,
  disk: null,
  version: null,
  schematicId: null,
  configured: false,
  deployed: false,
  state,
  stateReason: null
})

function service(ip: string, events = new EventBus(), extra: Partial<Parameters<typeof createPxeService>[0]> = {}) {
  return createPxeService({
    dataDir,
    events,
    listNodes: async () => [node('worker-1', MAC)],
    clusterSubnet: async () => null,
    ipxeDir: resolve('resources/ipxe'),
    checkPrivileges: async () => {},
    testing: {
      ports: PORTS,
      interfaces: { lab0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${ip}/24` }] },
      broadcastTo: ip
    },
    ...extra
  })
}

describe('network boot for the app (pxe.* service)', () => {
  it('suggests the interface inside the cluster subnet, else the only one', () => {
    const v4 = (address: string, internal = false) => [
      { address, netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal, cidr: `${address}/24` }
    ]
    const all = { lo: v4('127.0.0.1', true), wlan0: v4('192.168.1.20'), eth0: v4('10.0.5.3') }
    expect(listInterfaces(all, '10.0.5.0/24')).toEqual([
      { name: 'wlan0', address: '192.168.1.20', cidr: '192.168.1.20/24', suggested: false },
      { name: 'eth0', address: '10.0.5.3', cidr: '10.0.5.3/24', suggested: true }
    ])
    expect(listInterfaces(all, null).some((i) => i.suggested)).toBe(false)
    expect(listInterfaces({ eth0: v4('10.0.5.3') }, null)[0]!.suggested).toBe(true)
  })

  it('without the privilege: FORBIDDEN with the exact command to run in a terminal', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
    svc = service(ip, new EventBus(), { checkPrivileges: async () => Promise.reject(new AppError('FORBIDDEN', 'Not running as root')) })
    const err = await svc.start({ instance: 'lab', interface: 'lab0' }).catch((e: AppError) => e)
    expect(err).toMatchObject({ code: 'FORBIDDEN', details: { command: `sudo wild pxe serve --interface lab0 --instance lab --data-dir ${dataDir}` } })
    expect((err as AppError).message).toMatch(/Run the server from a terminal instead.*sudo wild pxe serve --interface lab0 --instance lab/)
    expect((await svc.status('lab')).running).toBe(false)
  })

  it('starts in-process, reports boots with the node name as pxe.boot events, and stops', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
    const bus = new EventBus()
    const seen: unknown[] = []
    bus.onAny((name, payload) => name === 'pxe.boot' && seen.push(payload))
    svc = service(ip, bus)
    const st = await svc.start({ instance: 'lab', interface: 'lab0', httpPort: 0 })
    expect(st).toMatchObject({ running: true, runBy: 'app', interface: 'lab0', address: ip, mode: 'proxy', version: VERSION, clients: [] })
    await (await fetch(`http://${ip}:${st.httpPort}/boot.ipxe?mac=${MAC}&arch=amd64`)).text()
    await expect.poll(() => seen.length).toBeGreaterThan(0)
    expect(seen[0]).toMatchObject({ instance: 'lab', mac: MAC, stage: 'script', hostname: 'worker-1' })
    expect((await svc.status('lab')).clients).toEqual([expect.objectContaining({ mac: MAC, stage: 'script', hostname: 'worker-1', script: 'installer' })])
    await expect(svc.start({ instance: 'lab', interface: 'lab0' })).rejects.toMatchObject({ code: 'CONFLICT' })
    const stopped = await svc.stop('lab')
    expect(stopped).toMatchObject({ running: false, runBy: null, interface: 'lab0' })
    expect(stopped.stoppedAt).not.toBeNull()
  })

  it('shows a server started elsewhere (the CLI) as running, by another process', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
    svc = service(ip)
    const other = await startPxeServer({
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
      testing: {
        ports: { dhcp: 10367, pxe: 14311, tftp: 10369, client: 10368 },
        interfaces: { lab0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${ip}/24` }] },
        broadcastTo: ip
      }
    })
    try {
      expect(await svc.status('lab')).toMatchObject({ running: true, runBy: 'other', address: ip })
      await expect(svc.stop('lab')).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/started from a terminal.*Ctrl-C/) })
    } finally {
      await other.close()
    }
    expect((await svc.status('lab')).running).toBe(false)
  })

  it('pxe.assets: ready, missing and unverified per arch with the next step', async () => {
    const ip = loopback()
    const set = await prepareInstance(dataDir, 'lab', { kernel: 'K', initramfs: 'I', cmdline: 'c' })
    svc = service(ip)
    const a = await svc.assets('lab')
    expect(a).toMatchObject({ version: VERSION, schematicId: SCHEMATIC, ready: true })
    expect(a.sets.map((s) => [s.arch, s.state])).toEqual([
      ['amd64', 'ready'],
      ['arm64', 'missing']
    ])
    expect(a.sets[1]!.next).toMatch(/Download the arm64 kernel, initramfs, cmdline of Talos v1\.11\.5/)
    expect(a.binaries.find((b) => b.name === 'ipxe-arm64.efi')?.present).toBe(true)
    await writeFile(join(set, 'kernel'), 'replaced by hand')
    const b = await svc.assets('lab')
    expect(b.sets[0]).toMatchObject({ arch: 'amd64', state: 'unverified', next: expect.stringMatching(/kernel cannot be vouched for \(corrupt\)/) })
    expect(b.ready).toBe(false)
  })
})
