import os from 'node:os'
import { DiscoveryStartInput, TALOS_API_PORT, type CidrSuggestion, type DiscoveredNode, type DiscoveryStatus } from '../../shared/contract/discovery'
import { AppError, toAppError, validationError } from '../../shared/errors'
import { InstanceName } from '../../shared/schemas/common'
import type { EventBus } from '../event-bus'
import { pathExists } from '../fs-safe'
import type { OperationsService } from '../operations/types'
import { instancePaths } from '../paths'
import { parseCidr } from './cidr'
import { DEFAULT_TIMEOUT_MS } from './deadline'
import type { Identify } from './identify'
import { DEFAULT_CONCURRENCY } from './probe'
import { runScan, SCAN_STEPS, type ScanParams } from './scan-job'
import { createStatusStore, createStatusTracker, emptyStatus, type StatusTracker } from './status-store'
import { suggestCidrs } from './suggest'
import { annotateFound, withFacts, type KnownMachines } from './known'
import type { MachineFacts } from '../machines/facts'
import { fillVersions, wantsVersion, type ReadVersion } from './version-fill'

export interface DiscoveryDeps {
  dataDir: string
  events: Pick<EventBus, 'emit'>
  operations: OperationsService
  identify: Identify
  /** The demo lab's simulated network: its own probe and range suggestions. */
  probe?: ScanParams['probe']
  suggest?: () => CidrSuggestion[]
  /** The laptop's interfaces; only read to suggest ranges. */
  networkInterfaces?: () => ReturnType<typeof os.networkInterfaces>
  identifyConcurrency?: number
  /** Reads a maintenance machine's Talos version after the scan reported it (version-fill.ts). */
  readVersion?: ReadVersion
  /** Lower bound of the adaptive probe deadline (see deadline.ts). */
  minTimeoutMs?: number
  adaptive?: boolean
  /** The instance's registered nodes and VIP, to name what a scan found. */
  known?: (instance: string) => Promise<KnownMachines>
  /** Hardware a machine told earlier (detection cache, network boot), by MAC: no talosctl call. */
  facts?: (instance: string, mac: string) => Promise<MachineFacts>
}

export type DiscoveryService = ReturnType<typeof createDiscoveryService>

/**
 * Network discovery: suggests ranges from the laptop's own interfaces, and scans only a range
 * the operator gave, as a 'discover' operation (progress, cancel, one per instance at a time).
 */
export function createDiscoveryService(deps: DiscoveryDeps) {
  const store = createStatusStore(deps.dataDir)
  /** Instances with a scan starting or running in this process, and its op id once known. */
  const running = new Map<string, string | null>()
  /** Live status of scans running here: fresher than the throttled file. */
  const trackers = new Map<string, StatusTracker>()
  /** Version fill-ins running after a finished scan: a new scan, a clear or close() stops them. */
  const fills = new Map<string, { ctl: AbortController; done: Promise<void> }>()

  async function stopFill(instance: string): Promise<void> {
    const f = fills.get(instance)
    f?.ctl.abort()
    await f?.done
  }

  /** Names and hardware are read when asked, not stored with the scan: nodes move and get registered after it. */
  interface Lookups {
    /** The read of the registered nodes in flight, shared by the versions that arrive meanwhile. */
    known?: Promise<KnownMachines | null>
    facts: Map<string, Promise<MachineFacts | null>>
  }
  /**
   * `seen` keeps the lookups of one fill-in pass: a machine's hardware is read once, and versions
   * arriving together share one read of the nodes. Only while it runs: a node registered during
   * the pass is named in what the pass sends after.
   */
  async function annotate(instance: string, nodes: DiscoveredNode[], seen: Lookups = { facts: new Map() }): Promise<DiscoveredNode[]> {
    if (deps.known && !seen.known) {
      const read = deps.known(instance).catch(() => null)
      seen.known = read
      void read.finally(() => {
        if (seen.known === read) seen.known = undefined
      })
    }
    const known = seen.known ? await seen.known : null
    const named = known ? annotateFound(nodes, known) : nodes
    const facts = deps.facts
    if (!facts) return named
    const factsOf = (mac: string) => {
      if (!seen.facts.has(mac))
        seen.facts.set(
          mac,
          facts(instance, mac).catch(() => null)
        )
      return seen.facts.get(mac)!
    }
    return withFacts(named, factsOf)
  }

  /**
   * Fills in versions after the scan: the status (live and file) changes silently, and each row
   * is sent annotated like status() gives it, so the screen keeps node names and the VIP label.
   */
  function startFill(instance: string, finished: StatusTracker): void {
    const read = deps.readVersion
    if (!read || !finished.status.nodesFound.some(wantsVersion)) return
    const ctl = new AbortController()
    const tracker = createStatusTracker({ instance, store, events: { emit: () => {} }, initial: finished.status })
    const seen: Lookups = { facts: new Map() }
    trackers.set(instance, tracker)
    const onVersion = (ip: string, version: string) => {
      const row = tracker.status.nodesFound.find((n) => n.ip === ip)
      if (!row) return
      const node = { ...row, version }
      tracker.update((s) => ({ ...s, nodesFound: s.nodesFound.map((n) => (n.ip === ip ? node : n)) }))
      void annotate(instance, [node], seen).then(([shown]) => !ctl.signal.aborted && deps.events.emit('discovery.found', { instance, node: shown! }))
    }
    const done = fillVersions(finished.status.nodesFound, read, { concurrency: deps.identifyConcurrency ?? 8, signal: ctl.signal, onVersion })
      .then(async () => {
        await tracker.flush()
        if (!ctl.signal.aborted)
          deps.events.emit('discovery.status', {
            instance,
            status: { ...tracker.status, nodesFound: await annotate(instance, tracker.status.nodesFound, seen) }
          })
      })
      .catch((e: unknown) => console.error(`discovery: versions of ${instance} not filled in`, e))
      .finally(() => {
        if (fills.get(instance)?.ctl === ctl) fills.delete(instance)
        if (trackers.get(instance) === tracker) trackers.delete(instance)
      })
    fills.set(instance, { ctl, done })
  }

  function checkInstance(instance: string): string {
    const r = InstanceName.safeParse(instance)
    if (!r.success) throw validationError(r.error, 'instance name')
    return r.data
  }

  async function requireInstance(instance: string): Promise<void> {
    if (!(await pathExists(instancePaths(deps.dataDir, instance).root))) {
      throw new AppError('NOT_FOUND', `There is no instance named "${instance}". Create it first.`)
    }
  }

  function busy(instance: string, cidr: string | null, operationId: string | null): AppError {
    const what = cidr ? `A scan of ${cidr}` : 'A scan'
    const cancel = operationId ? ` Wait for it, or cancel it with: wild ops cancel ${operationId}` : ' Wait for it to finish.'
    return new AppError('BUSY', `${what} is already running for instance "${instance}".${cancel}`, { operationId })
  }

  /** The file says a scan runs; true only while its operation really does (here or elsewhere). */
  async function runningElsewhere(instance: string, status: DiscoveryStatus | null): Promise<boolean> {
    if (!status?.active || !status.operationId) return false
    try {
      const op = await deps.operations.get(instance, status.operationId)
      return op.status === 'running' || op.status === 'pending'
    } catch {
      return false
    }
  }
  async function rawStatus(instance: string): Promise<DiscoveryStatus> {
    checkInstance(instance)
    await requireInstance(instance)
    const live = trackers.get(instance)
    if (live) return live.status
    const status = (await store.read(instance)) ?? emptyStatus()
    if (status.active && !running.has(instance) && !(await runningElsewhere(instance, status))) {
      // A crash left the file saying "active": report it as what it is.
      return { ...status, active: false, error: status.error ?? 'The scan was interrupted before it finished. Start it again.' }
    }
    return status
  }

  return {
    suggest(): CidrSuggestion[] {
      if (deps.suggest) return deps.suggest()
      return suggestCidrs((deps.networkInterfaces ?? os.networkInterfaces)())
    },

    async start(input: DiscoveryStartInput): Promise<{ operationId: string; warning: string | null }> {
      const parsed = DiscoveryStartInput.safeParse(input)
      if (!parsed.success) throw validationError(parsed.error, 'scan request')
      const { instance, port = TALOS_API_PORT, timeoutMs = DEFAULT_TIMEOUT_MS, concurrency = DEFAULT_CONCURRENCY } = parsed.data
      const range = parseCidr(parsed.data.cidr)
      if (running.has(instance)) throw busy(instance, null, running.get(instance) ?? null)
      // Claimed before the first await, so two starts racing in this process cannot both pass.
      running.set(instance, null)
      try {
        await stopFill(instance)
        await requireInstance(instance)
        const previous = await store.read(instance)
        if (await runningElsewhere(instance, previous)) throw busy(instance, previous!.cidr, previous!.operationId)

        const startedAt = new Date().toISOString()
        // The job may begin before start() knows the op id the status records: it waits for this.
        let resolveTracker!: (t: StatusTracker) => void
        const trackerReady = new Promise<StatusTracker>((r) => (resolveTracker = r))
        const op = await deps.operations.start({ type: 'discover', instance, target: range.cidr, steps: SCAN_STEPS }, async (handle) => {
          const tracker = await trackerReady
          try {
            await runScan(
              handle,
              {
                range,
                port,
                timeoutMs,
                concurrency,
                minTimeoutMs: deps.minTimeoutMs,
                adaptive: deps.adaptive,
                identify: deps.identify,
                probe: deps.probe,
                identifyConcurrency: deps.identifyConcurrency ?? 8
              },
              tracker
            )
          } catch (e) {
            const error = handle.signal.aborted ? 'Cancelled by the operator.' : toAppError(e).message
            tracker.update((s) => ({ ...s, error }))
            throw e
          } finally {
            tracker.update((s) => ({ ...s, active: false, finishedAt: new Date().toISOString() }))
            await tracker.flush()
            running.delete(instance)
            trackers.delete(instance)
          }
          // After the operation reported every machine: versions come in as they arrive.
          startFill(instance, tracker)
        })
        running.set(instance, op.id)
        const tracker = createStatusTracker({
          instance,
          store,
          events: deps.events,
          initial: {
            ...emptyStatus(port),
            active: true,
            operationId: op.id,
            startedAt,
            cidr: range.cidr,
            total: range.total,
            warning: range.warning
          }
        })
        trackers.set(instance, tracker)
        await tracker.flush()
        resolveTracker(tracker)
        return { operationId: op.id, warning: range.warning }
      } catch (e) {
        if (running.get(instance) === null) running.delete(instance)
        throw e
      }
    },

    async status(instance: string): Promise<DiscoveryStatus> {
      const status = await rawStatus(instance)
      if (status.nodesFound.length === 0) return status
      return { ...status, nodesFound: await annotate(instance, status.nodesFound) }
    },

    async clear(instance: string): Promise<void> {
      checkInstance(instance)
      await requireInstance(instance)
      await stopFill(instance)
      const status = await store.read(instance)
      if (running.has(instance) || (await runningElsewhere(instance, status))) {
        throw busy(instance, status?.cidr ?? null, status?.operationId ?? running.get(instance) ?? null)
      }
      await store.remove(instance)
      deps.events.emit('discovery.status', { instance, status: emptyStatus() })
    },

    /** Resolves once the versions of the last scan are filled in (or given up). */
    async filled(instance: string): Promise<void> {
      await fills.get(instance)?.done
    },

    /** Stops version fill-ins (their talosctl processes end with them). */
    async close(): Promise<void> {
      await Promise.all([...fills.keys()].map(stopFill))
    },

    /** Instances with a scan running in this process. */
    get activeInstances(): string[] {
      return [...running.keys()]
    }
  }
}
