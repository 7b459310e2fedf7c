import { promises as fs } from 'node:fs'
import { DiscoveredNode, DiscoveryStatus, TALOS_API_PORT } from '../../shared/contract/discovery'
import type { EventBus } from '../event-bus'
import { readJsonFile, writeJsonAtomically } from '../fs-safe'
import { createCoalescingWriter, createThrottle, realTimers, type Timers } from '../operations/throttle'
import { instancePaths } from '../paths'
import { compareIps } from './cidr'

export function emptyStatus(port = TALOS_API_PORT): DiscoveryStatus {
  return {
    active: false,
    operationId: null,
    startedAt: null,
    finishedAt: null,
    cidr: null,
    port,
    probed: 0,
    total: 0,
    responders: 0,
    nodesFound: [],
    error: null,
    warning: null
  }
}

/** The Go original wrote snake_case ({active, started_at, nodes_found, error}); keep its results readable. */
function fromLegacy(raw: Record<string, unknown>): DiscoveryStatus | null {
  if (!('nodes_found' in raw) && !('started_at' in raw)) return null
  const nodes = Array.isArray(raw.nodes_found) ? raw.nodes_found : []
  const parsed = nodes.flatMap((n: Record<string, unknown>) => {
    const maintenance = Boolean(n.maintenance_mode ?? n.maintenanceMode)
    const r = DiscoveredNode.safeParse({
      ip: n.ip,
      mac: typeof n.mac === 'string' && n.mac ? n.mac : null,
      hostname: typeof n.hostname === 'string' && n.hostname ? n.hostname : null,
      maintenanceMode: maintenance,
      state: maintenance ? 'maintenance' : 'configured',
      version: typeof n.version === 'string' && n.version ? n.version : null,
      interface: typeof n.interface === 'string' ? n.interface : null,
      disks: Array.isArray(n.disks) ? n.disks.filter((d): d is string => typeof d === 'string') : undefined,
      note: null,
      foundAt: typeof raw.started_at === 'string' ? raw.started_at : new Date(0).toISOString()
    })
    return r.success ? [r.data] : []
  })
  return {
    ...emptyStatus(),
    // A file left "active" by the old daemon describes a scan nobody runs any more.
    startedAt: typeof raw.started_at === 'string' ? raw.started_at : null,
    nodesFound: parsed,
    error: typeof raw.error === 'string' && raw.error ? raw.error : null
  }
}

export function createStatusStore(dataDir: string) {
  const file = (instance: string) => instancePaths(dataDir, instance).discoveryStatus
  return {
    async read(instance: string): Promise<DiscoveryStatus | null> {
      let raw: unknown
      try {
        raw = await readJsonFile(file(instance))
      } catch {
        return null
      }
      if (raw === undefined || raw === null || typeof raw !== 'object') return null
      const parsed = DiscoveryStatus.safeParse(raw)
      return parsed.success ? parsed.data : fromLegacy(raw as Record<string, unknown>)
    },
    write: (instance: string, status: DiscoveryStatus) => writeJsonAtomically(file(instance), status),
    remove: (instance: string) => fs.rm(file(instance), { force: true })
  }
}
export type StatusStore = ReturnType<typeof createStatusStore>

/**
 * The status of one running scan: changed in memory as probes answer, written at most every
 * `persistMs` and sent at most every `eventMs`; flush() sends and writes the final state at once.
 */
export function createStatusTracker(deps: {
  instance: string
  initial: DiscoveryStatus
  store: StatusStore
  events: Pick<EventBus, 'emit'>
  timers?: Timers
  eventMs?: number
  persistMs?: number
}) {
  const timers = deps.timers ?? realTimers
  let status = deps.initial
  const writer = createCoalescingWriter(async () => {
    try {
      await deps.store.write(deps.instance, status)
    } catch (e) {
      console.error(`discovery status of ${deps.instance} not saved`, e)
    }
  })
  const emit = createThrottle(() => deps.events.emit('discovery.status', { instance: deps.instance, status }), deps.eventMs ?? 250, timers)
  const persist = createThrottle(() => void writer.write(), deps.persistMs ?? 500, timers)
  return {
    get status() {
      return status
    },
    update(change: (s: DiscoveryStatus) => DiscoveryStatus): void {
      status = change(status)
      emit.request()
      persist.request()
    },
    addNode(node: DiscoveredNode): void {
      const nodesFound = [...status.nodesFound.filter((n) => n.ip !== node.ip), node].sort((a, b) => compareIps(a.ip, b.ip))
      this.update((s) => ({ ...s, nodesFound }))
      deps.events.emit('discovery.found', { instance: deps.instance, node })
    },
    async flush(): Promise<void> {
      persist.cancel()
      emit.flush()
      await writer.write()
    }
  }
}
export type StatusTracker = ReturnType<typeof createStatusTracker>
