import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DiscoveredNode, DiscoveryStatus } from '@shared/contract/discovery'
import { EventBus } from '@core/event-bus'
import { createDiscoveryService } from '@core/discovery/service'
import type { Identify } from '@core/discovery/identify'
import type { KnownMachines } from '@core/discovery/known'
import type { ReadVersion } from '@core/discovery/version-fill'
import { createOperationsRegistry } from '@core/operations/registry'
import { AppError } from '@shared/errors'
import { makeTempDir } from '../../helpers/tmp'
import { loopbackRange, startListeners, type Listeners } from '../../helpers/loopback-hosts'

/**
 * The scan reports each machine after links and hostname; the Talos version comes afterwards,
 * through the same status (events, file), and never outlives a new scan or a clear.
 */
const PORT = 50742
const maintenance = loopbackRange(93, 10, 3)
const configured = loopbackRange(93, 20, 1)
/** Answers like Talos v1.9: no version resource. */
const old = maintenance[2]!

let listeners: Listeners
beforeAll(async () => {
  listeners = await startListeners([...maintenance, ...configured], PORT)
})
afterAll(async () => {
  await listeners?.close()
})

const identify: Identify = async (ip) =>
  configured.includes(ip)
    ? { state: 'configured', mac: null, hostname: null, version: null, interface: null, stage: null, note: 'belongs to a cluster' }
    : {
        state: 'maintenance',
        mac: `aa:bb:cc:dd:ee:${ip.split('.')[3]}`,
        hostname: `talos-${ip.split('.')[3]}`,
        version: null,
        interface: 'enp1s0',
        stage: 'maintenance',
        note: null
      }

/** A version reader that answers only when released, so the test sees the order of things. */
function gatedReader() {
  const asked: string[] = []
  const aborted: string[] = []
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  const read: ReadVersion = async (ip, signal) => {
    asked.push(ip)
    await new Promise<void>((resolve, reject) => {
      void gate.then(resolve)
      signal.addEventListener('abort', () => {
        aborted.push(ip)
        reject(new AppError('CANCELLED', 'cancelled'))
      })
    })
    return ip === old ? null : 'v1.11.6'
  }
  return { read, asked, aborted, release: () => release() }
}

let dir: string
let events: EventBus
let found: DiscoveredNode[]
let operations: ReturnType<typeof createOperationsRegistry>
beforeEach(async () => {
  dir = await makeTempDir()
  await fs.mkdir(join(dir, 'instances', 'home'), { recursive: true })
  events = new EventBus()
  found = []
  events.onAny((name, payload) => name === 'discovery.found' && found.push((payload as { node: DiscoveredNode }).node))
  operations = createOperationsRegistry({ dataDir: dir, events })
})
afterEach(async () => {
  await operations.close()
  await fs.rm(dir, { recursive: true, force: true })
})

const service = (readVersion: ReadVersion, known?: () => Promise<KnownMachines>) =>
  createDiscoveryService({ dataDir: dir, events, operations, identify, readVersion, networkInterfaces: () => ({}), known })
const scan = { instance: 'home', cidr: '127.0.93.0/27', port: PORT, timeoutMs: 500 }

describe('Talos versions filled in after the scan', () => {
  it('reports every machine complete first, then fills each version in as it arrives (status, events, file)', async () => {
    const reader = gatedReader()
    const svc = service(reader.read)
    const { operationId } = await svc.start(scan)
    expect((await operations.wait('home', operationId)).status).toBe('completed')
    // Complete without versions: the scan did not wait for them.
    const done = await svc.status('home')
    expect(done.active).toBe(false)
    expect(done.nodesFound.map((n) => [n.ip, n.hostname, n.version])).toEqual([
      ...maintenance.map((ip) => [ip, `talos-${ip.split('.')[3]}`, null]),
      [configured[0], null, null]
    ])
    // Only maintenance machines are asked: a configured node refuses --insecure.
    await expect.poll(() => reader.asked.length).toBe(3)
    expect(reader.asked.sort()).toEqual([...maintenance].sort())
    expect(found.filter((n) => n.version)).toEqual([])

    reader.release()
    await svc.filled('home')
    const filled = await svc.status('home')
    expect(filled.nodesFound.map((n) => n.version)).toEqual(['v1.11.6', 'v1.11.6', null, null])
    expect(found.filter((n) => n.version).map((n) => n.ip)).toEqual(maintenance.filter((ip) => ip !== old))
    const onDisk = JSON.parse(await fs.readFile(join(dir, 'instances', 'home', 'discovery', 'status.json'), 'utf8')) as DiscoveryStatus
    expect(onDisk.nodesFound.map((n) => n.version)).toEqual(['v1.11.6', 'v1.11.6', null, null])
    await svc.close()
  })

  it('a new scan stops the previous fill-in before it starts, so no old answer lands in the new results', async () => {
    const first = gatedReader()
    let reader = first
    const svc = service((ip, signal) => reader.read(ip, signal))
    const a = await svc.start(scan)
    await operations.wait('home', a.operationId)
    await expect.poll(() => first.asked.length).toBe(3)
    const second = gatedReader()
    reader = second
    const b = await svc.start(scan)
    expect(first.aborted.sort()).toEqual([...maintenance].sort())
    first.release()
    await operations.wait('home', b.operationId)
    second.release()
    await svc.filled('home')
    expect((await svc.status('home')).operationId).toBe(b.operationId)
    expect((await svc.status('home')).nodesFound.map((n) => n.version)).toEqual(['v1.11.6', 'v1.11.6', null, null])
    await svc.close()
  })

  it('clear and close stop a fill-in: nothing is written after', async () => {
    const reader = gatedReader()
    const svc = service(reader.read)
    const { operationId } = await svc.start(scan)
    await operations.wait('home', operationId)
    await expect.poll(() => reader.asked.length).toBe(3)
    await svc.clear('home')
    expect(reader.aborted.length).toBe(3)
    reader.release()
    await svc.filled('home')
    expect((await svc.status('home')).nodesFound).toEqual([])
    await expect(fs.access(join(dir, 'instances', 'home', 'discovery', 'status.json'))).rejects.toThrow()

    const again = gatedReader()
    const svc2 = service(again.read)
    const second = await svc2.start(scan)
    await operations.wait('home', second.operationId)
    await expect.poll(() => again.asked.length).toBe(3)
    await svc2.close()
    expect(again.aborted.length).toBe(3)
  })

  it('a node registered while versions come in is named in what comes after (a CI flake showed it as "Use this machine")', async () => {
    const known: KnownMachines = { vip: null, nodes: [] }
    const gates = new Map(
      maintenance.map((ip) => {
        let resolve!: () => void
        const promise = new Promise<void>((r) => (resolve = r))
        return [ip, { promise, resolve }]
      })
    )
    const svc = service(
      async (ip) => {
        await gates.get(ip)!.promise
        return 'v1.11.6'
      },
      async () => structuredClone(known)
    )
    const statuses: DiscoveryStatus[] = []
    events.onAny((name, payload) => name === 'discovery.status' && statuses.push((payload as { status: DiscoveryStatus }).status))
    const { operationId } = await svc.start(scan)
    await operations.wait('home', operationId)
    // The first version arrives while nothing is registered...
    gates.get(maintenance[0]!)!.resolve()
    await expect.poll(() => found.filter((n) => n.version).length).toBe(1)
    // ...then the operator registers the machine at maintenance[1], and the other versions arrive.
    known.nodes = [{ hostname: 'control-1', targetIp: '192.0.2.51', currentIp: maintenance[1]! }]
    for (const ip of maintenance.slice(1)) gates.get(ip)!.resolve()
    await svc.filled('home')
    expect(found.filter((n) => n.ip === maintenance[1]).at(-1)?.node).toBe('control-1')
    expect(statuses.at(-1)?.nodesFound.find((n) => n.ip === maintenance[1])?.node).toBe('control-1')
    expect((await svc.status('home')).nodesFound.find((n) => n.ip === maintenance[1])?.node).toBe('control-1')
    await svc.close()
  })
})
