import type { DiscoveredNode } from '../../shared/contract/discovery'
import { toAppError } from '../../shared/errors'
import type { OperationHandle } from '../operations/types'
import { hostsOf, type CidrRange } from './cidr'
import type { Identify, Identity } from './identify'
import { probeHosts } from './probe'
import type { StatusTracker } from './status-store'

export const PROBE_STEP = 'Probe addresses'
export const IDENTIFY_STEP = 'Identify machines'
export const SCAN_STEPS = [PROBE_STEP, IDENTIFY_STEP]

export interface ScanParams {
  range: CidrRange
  port: number
  timeoutMs: number
  minTimeoutMs?: number
  adaptive?: boolean
  concurrency: number
  identify: Identify
  /** How addresses are probed; the demo lab answers without sockets. */
  probe?: typeof probeHosts
  /** talosctl identifications at once: each starts a few Go processes. */
  identifyConcurrency: number
  now?: () => string
}

/** Probing is most of the wall time on an empty range; identification the rest. */
const PROBE_SHARE = 80

export function nodeFrom(ip: string, id: Identity, foundAt: string): DiscoveredNode {
  return {
    ip,
    mac: id.mac,
    hostname: id.hostname,
    maintenanceMode: id.state === 'maintenance',
    state: id.state,
    version: id.version,
    interface: id.interface,
    stage: id.stage,
    note: id.note,
    foundAt
  }
}

/** A tiny limiter: identification starts as soon as a responder is found, a few at a time. */
export function limiter(max: number) {
  let active = 0
  const queue: (() => void)[] = []
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((r) => queue.push(r))
    active++
    try {
      return await fn()
    } finally {
      active--
      queue.shift()?.()
    }
  }
}

/**
 * The body of a 'discover' operation: probe every address of the range, identify each responder
 * while the probe goes on, and stream both into the status (and its events) as they happen.
 */
export async function runScan(op: OperationHandle, p: ScanParams, tracker: StatusTracker): Promise<void> {
  const now = p.now ?? (() => new Date().toISOString())
  const total = p.range.total
  const limit = limiter(Math.max(1, p.identifyConcurrency))
  const identifications: Promise<void>[] = []
  let identified = 0
  let responders = 0

  const progress = () => {
    const probeShare = total ? (tracker.status.probed / total) * PROBE_SHARE : PROBE_SHARE
    const idShare = responders ? (identified / responders) * (100 - PROBE_SHARE) : 0
    op.progress(Math.min(99, probeShare + idShare))
  }

  const identifyOne = (ip: string) =>
    limit(async () => {
      if (op.signal.aborted) return
      let node: DiscoveredNode
      try {
        // The first answer is shown at once (as a discovery.found event); the full one replaces it.
        const shown = (first: Identity) => !op.signal.aborted && tracker.addNode(nodeFrom(ip, first, now()))
        node = nodeFrom(ip, await p.identify(ip, op.signal, shown), now())
      } catch (e) {
        if (op.signal.aborted) return
        const err = toAppError(e)
        node = nodeFrom(
          ip,
          { state: 'unidentified', mac: null, hostname: null, version: null, interface: null, stage: null, note: `${err.message} [${err.code}]` },
          now()
        )
      }
      identified++
      tracker.addNode(node)
      op.log(`${ip}: ${node.state}${node.hostname ? ` ${node.hostname}` : ''}${node.mac ? ` ${node.mac}` : ''}${node.version ? ` ${node.version}` : ''}`)
      progress()
    })

  await op.step(PROBE_STEP, async () => {
    op.message(`Probing ${total.toLocaleString('en-US')} addresses in ${p.range.cidr} on port ${p.port}…`)
    const summary = await (p.probe ?? probeHosts)({
      hosts: hostsOf(p.range),
      port: p.port,
      timeoutMs: p.timeoutMs,
      minTimeoutMs: p.minTimeoutMs,
      adaptive: p.adaptive,
      concurrency: p.concurrency,
      signal: op.signal,
      onResult: (r) => {
        if (r.outcome === 'open') {
          responders++
          op.log(`${r.ip}: port ${p.port} open (${r.ms} ms)`)
          identifications.push(identifyOne(r.ip))
        }
        tracker.update((s) => ({ ...s, probed: s.probed + 1, responders }))
        progress()
      }
    })
    if (summary.cancelled) op.signal.throwIfAborted()
    op.log(`probed ${summary.probed} addresses, ${summary.open} answered; deadline ${summary.deadlineMs} ms`)
  })

  await op.step(IDENTIFY_STEP, async () => {
    op.message(`Identifying ${responders} machine${responders === 1 ? '' : 's'} that answered…`)
    await Promise.all(identifications)
    op.signal.throwIfAborted()
  })

  const found = tracker.status.nodesFound
  const maintenance = found.filter((n) => n.state === 'maintenance').length
  const configured = found.filter((n) => n.state === 'configured').length
  op.message(
    found.length === 0
      ? `No Talos machine answered in ${p.range.cidr}.`
      : `Found ${found.length} machine${found.length === 1 ? '' : 's'}: ${maintenance} in maintenance mode, ${configured} configured.`
  )
}
