import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DiscoveredNode, DiscoveryStatus } from '@shared/contract/discovery'
import { EventBus } from '@core/event-bus'
import { createDiscoveryService } from '@core/discovery/service'
import type { Identify, Identity } from '@core/discovery/identify'
import { createOperationsRegistry } from '@core/operations/registry'
import { AppError } from '@shared/errors'
import { makeTempDir } from '../../helpers/tmp'
import { loopbackRange, startListeners, startSilentHosts, tcpHandles, type Listeners, type SilentHosts } from '../../helpers/loopback-hosts'

const PORT = 50733
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const maintenance = loopbackRange(96, 10, 3)
const configured = loopbackRange(96, 20, 2)
const broken = loopbackRange(96, 30, 1)
const silentIps = loopbackRange(96, 200, 2)

let listeners: Listeners
let silent: SilentHosts
beforeAll(async () => {
  listeners = await startListeners([...maintenance, ...configured, ...broken], PORT)
  silent = await startSilentHosts(silentIps, PORT)
})
afterAll(async () => {
  await listeners?.close()
  await silent?.close()
})

/** Stands in for talosctl: which lab address is which kind of machine. */
function fakeIdentify(delayMs = 0): Identify & { calls: string[] } {
  const calls: string[] = []
  const fn = (async (ip: string, signal: AbortSignal): Promise<Identity> => {
    calls.push(ip)
    if (delayMs) {
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(resolve, delayMs)
        signal.addEventListener('abort', () => {
          clearTimeout(t)
          reject(new AppError('CANCELLED', 'cancelled'))
        })
      })
    }
    if (configured.includes(ip))
      return { state: 'configured', mac: null, hostname: null, version: null, interface: null, stage: null, note: 'belongs to a cluster' }
    if (broken.includes(ip)) throw new AppError('MALFORMED_OUTPUT', 'talosctl printed nonsense')
    const n = Number(ip.split('.')[3])
    return {
      state: 'maintenance',
      mac: `aa:bb:cc:dd:ee:${n.toString(16).padStart(2, '0')}`,
      hostname: `talos-${n}`,
      version: 'v1.11.6',
      interface: 'enp1s0',
      stage: 'maintenance',
      note: null
    }
  }) as Identify & { calls: string[] }
  fn.calls = calls
  return fn
}

let dir: string
let events: EventBus
let seen: { name: string; payload: unknown }[]
let operations: ReturnType<typeof createOperationsRegistry>
beforeEach(async () => {
  dir = await makeTempDir()
  await fs.mkdir(join(dir, 'instances', 'home'), { recursive: true })
  events = new EventBus()
  seen = []
  events.onAny((name, payload) => seen.push({ name, payload }))
  operations = createOperationsRegistry({ dataDir: dir, events })
})
afterEach(async () => {
  await operations.close()
  await fs.rm(dir, { recursive: true, force: true })
})

function service(identify: Identify = fakeIdentify()) {
  return createDiscoveryService({ dataDir: dir, events, operations, identify, networkInterfaces: () => ({}) })
}

describe('discovery service', () => {
  it('scans the given range as a discover operation and tells maintenance machines from configured ones', async () => {
    const identify = fakeIdentify()
    const svc = service(identify)
    const { operationId, warning } = await svc.start({ instance: 'home', cidr: '127.0.96.0/26', port: PORT, timeoutMs: 500 })
    expect(warning).toBeNull()
    const op = await operations.wait('home', operationId)
    expect(op).toMatchObject({ type: 'discover', target: '127.0.96.0/26', status: 'completed' })
    expect(op.steps.map((s) => [s.name, s.status])).toEqual([
      ['Probe addresses', 'completed'],
      ['Identify machines', 'completed']
    ])
    expect(op.message).toMatch(/Found 6 machines: 3 in maintenance mode, 2 configured/)

    const status = await svc.status('home')
    expect(status).toMatchObject({ active: false, operationId, cidr: '127.0.96.0/26', probed: 62, total: 62, responders: 6, error: null })
    expect(status.finishedAt).not.toBeNull()
    const byIp = new Map(status.nodesFound.map((n) => [n.ip, n]))
    expect([...byIp.keys()]).toEqual([...maintenance, ...configured, ...broken])
    for (const ip of maintenance) expect(byIp.get(ip)).toMatchObject({ maintenanceMode: true, state: 'maintenance', version: 'v1.11.6' })
    for (const ip of configured) expect(byIp.get(ip)).toMatchObject({ maintenanceMode: false, state: 'configured' })
    expect(byIp.get(broken[0]!)).toMatchObject({ state: 'unidentified', note: expect.stringMatching(/MALFORMED_OUTPUT/) })
    expect(identify.calls.sort()).toEqual([...maintenance, ...configured, ...broken].sort())

    const onDisk = JSON.parse(await fs.readFile(join(dir, 'instances', 'home', 'discovery', 'status.json'), 'utf8')) as DiscoveryStatus
    expect(onDisk).toEqual(status)
  })

  it('streams each machine as it is identified and sends the final status', async () => {
    const svc = service()
    const { operationId } = await svc.start({ instance: 'home', cidr: '127.0.96.0/27', port: PORT, timeoutMs: 400 })
    await operations.wait('home', operationId)
    const found = seen.filter((e) => e.name === 'discovery.found').map((e) => (e.payload as { node: DiscoveredNode }).node.ip)
    expect(found.sort()).toEqual([...maintenance, ...configured, ...broken].sort())
    const statuses = seen.filter((e) => e.name === 'discovery.status').map((e) => (e.payload as { status: DiscoveryStatus }).status)
    expect(statuses.at(-1)).toMatchObject({ active: false, nodesFound: expect.any(Array) })
    expect(statuses.at(-1)!.nodesFound).toHaveLength(6)
  })

  it('runs one scan per instance at a time: a second start is BUSY and names the running operation', async () => {
    const svc = service(fakeIdentify(2000))
    const first = await svc.start({ instance: 'home', cidr: '127.0.96.0/27', port: PORT, timeoutMs: 300 })
    const second = svc.start({ instance: 'home', cidr: '127.0.96.0/28', port: PORT })
    await expect(second).rejects.toMatchObject({ code: 'BUSY', details: { operationId: first.operationId } })
    await expect(second).rejects.toThrow(/wild ops cancel op_discover_/)
    await expect(svc.clear('home')).rejects.toMatchObject({ code: 'BUSY' })
    // A second service on the same folder (the CLI beside the app) sees it through the file.
    const other = createDiscoveryService({ dataDir: dir, events, operations, identify: fakeIdentify() })
    await expect(other.start({ instance: 'home', cidr: '127.0.96.0/28', port: PORT })).rejects.toMatchObject({ code: 'BUSY' })
    await operations.cancel('home', first.operationId)
  })

  it('cancel stops probing and identification, leaves no socket, and records the scan as cancelled', async () => {
    const svc = service(fakeIdentify(5000))
    await sleep(20)
    const baseline = tcpHandles()
    const { operationId } = await svc.start({ instance: 'home', cidr: '127.0.96.0/24', port: PORT, timeoutMs: 10_000 })
    await sleep(150)
    const op = await operations.cancel('home', operationId)
    expect(op.status).toBe('cancelled')
    const status = await svc.status('home')
    expect(status).toMatchObject({ active: false, error: 'Cancelled by the operator.' })
    await sleep(30)
    expect(tcpHandles()).toBe(baseline)
    expect(listeners.openConnections()).toBe(0)
    // Cancelled scans free the instance for the next one.
    const again = await svc.start({ instance: 'home', cidr: '127.0.96.8/29', port: PORT, timeoutMs: 300 })
    await operations.cancel('home', again.operationId)
  })

  it('refuses ranges that are too wide, malformed input and unknown instances', async () => {
    const svc = service()
    await expect(svc.start({ instance: 'home', cidr: '10.0.0.0/15', port: PORT })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(svc.start({ instance: 'home', cidr: 'my-lan', port: PORT })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(svc.start({ instance: 'home', cidr: '127.0.96.0/24', port: 70000 })).rejects.toMatchObject({ code: 'VALIDATION' })
    await expect(svc.start({ instance: 'nope', cidr: '127.0.96.0/24', port: PORT })).rejects.toMatchObject({ code: 'NOT_FOUND' })
    expect(await operations.list('home')).toEqual([])
  })

  it('reports a warning for a range wider than a /22', async () => {
    const svc = service()
    const { operationId, warning } = await svc.start({ instance: 'home', cidr: '127.0.96.0/21', port: PORT, timeoutMs: 200 })
    expect(warning).toMatch(/2,046 addresses/)
    await operations.cancel('home', operationId)
    expect((await svc.status('home')).warning).toBe(warning)
  })

  it('reports a scan a crash left "active" as interrupted, and clears results', async () => {
    const svc = service()
    const file = join(dir, 'instances', 'home', 'discovery', 'status.json')
    await fs.mkdir(join(dir, 'instances', 'home', 'discovery'), { recursive: true })
    await fs.writeFile(
      file,
      JSON.stringify({
        active: true,
        operationId: 'op_discover_20240101000000_gone',
        startedAt: '2024-01-01T00:00:00.000Z',
        finishedAt: null,
        cidr: '10.0.0.0/24',
        port: 50000,
        probed: 10,
        total: 254,
        responders: 0,
        nodesFound: [],
        error: null,
        warning: null
      })
    )
    expect(await svc.status('home')).toMatchObject({ active: false, error: expect.stringMatching(/interrupted/) })
    await svc.clear('home')
    expect(await svc.status('home')).toMatchObject({ active: false, cidr: null, nodesFound: [] })
  })

  it("reads the Go original's snake_case status.json", async () => {
    const svc = service()
    await fs.mkdir(join(dir, 'instances', 'home', 'discovery'), { recursive: true })
    await fs.writeFile(
      join(dir, 'instances', 'home', 'discovery', 'status.json'),
      JSON.stringify({
        active: false,
        started_at: '2024-05-01T10:00:00Z',
        nodes_found: [{ ip: '192.168.1.50', mac: 'AA:BB:CC:DD:EE:FF', hostname: 'talos-x', maintenance_mode: true, version: 'v1.9.5' }],
        error: ''
      })
    )
    expect((await svc.status('home')).nodesFound).toMatchObject([{ ip: '192.168.1.50', hostname: 'talos-x', maintenanceMode: true, state: 'maintenance' }])
  })

  it('suggests ranges from interface data only', () => {
    const svc = createDiscoveryService({
      dataDir: dir,
      events,
      operations,
      identify: fakeIdentify(),
      networkInterfaces: () => ({
        eth0: [{ address: '192.168.8.20', netmask: '255.255.255.0', family: 'IPv4', mac: 'x', internal: false, cidr: '192.168.8.20/24' }]
      })
    })
    expect(svc.suggest()).toEqual([{ cidr: '192.168.8.0/24', interface: 'eth0', address: '192.168.8.20', addresses: 254, note: null }])
  })
})
