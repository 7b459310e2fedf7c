import type { DiscoveredNode } from '../../shared/contract/discovery'
import type { Machine, MachineList, MachineSource } from '../../shared/contract/machines'
import type { Node } from '../../shared/contract/nodes'
import type { PxeClientView } from '../../shared/contract/pxe'
import { nodeAsMachine } from '../../shared/machines'
import { ageText } from './age'
import { cpuText, installable, type HardwareHint } from './facts'

export type { HardwareHint } from './facts'

export interface MergeInput {
  nodes: readonly Node[]
  vip: string | null
  /** The last scan's results (raw: not yet named by annotateFound). */
  found: readonly DiscoveredNode[]
  /** Machines the network boot server has seen, by MAC. */
  boots: readonly PxeClientView[]
  /** The last hardware detection per MAC. */
  hardware: ReadonlyMap<string, HardwareHint>
  now: Date
  /** A scan result older than this is stale; default 15 minutes (DHCP leases move sooner than that rarely). */
  staleAfterMs?: number
}

const STALE_AFTER_MS = 15 * 60_000
const SOURCE_ORDER: MachineSource[] = ['node', 'netboot', 'scan']

function blank(key: string): Machine {
  return {
    key,
    mac: null,
    hostname: null,
    node: null,
    role: null,
    state: 'unidentified',
    stateReason: null,
    currentIp: null,
    targetIp: null,
    version: null,
    arch: null,
    cpu: null,
    memoryBytes: null,
    disks: [],
    sources: [],
    seenAt: null,
    stale: false,
    staleReason: null,
    canSetup: false,
    vip: false
  }
}

const later = (a: string | null, b: string | null) => (!a ? b : !b ? a : Date.parse(a) >= Date.parse(b) ? a : b)
const addSource = (m: Machine, s: MachineSource) =>
  m.sources.includes(s) ? m.sources : [...m.sources, s].sort((x, y) => SOURCE_ORDER.indexOf(x) - SOURCE_ORDER.indexOf(y))

/**
 * Joins every source the app has into one row per machine, keyed by MAC. A scanned address that
 * is a registered node's target or current IP — or a scan result carrying a node's MAC — is that
 * node, so its former maintenance address is never offered again; the VIP gets its own labelled
 * row and is not counted; a scan result is stale once old, or once a later boot put its machine
 * at another address. Pure: the caller reads the sources.
 */
export function mergeMachines(input: MergeInput): Pick<MachineList, 'machines' | 'count'> {
  const staleAfter = input.staleAfterMs ?? STALE_AFTER_MS
  const rows = new Map<string, Machine>()
  const nodeKeyByIp = new Map<string, string>()
  const nodeKeyByMac = new Map<string, string>()

  for (const n of input.nodes) {
    const mac = n.mac?.toLowerCase() ?? null
    const key = mac ?? `node:${n.hostname}`
    rows.set(key, nodeAsMachine(n))
    if (mac) nodeKeyByMac.set(mac, key)
    // The target wins over another node's current IP: that is where it lives once installed.
    if (n.currentIp && !nodeKeyByIp.has(n.currentIp)) nodeKeyByIp.set(n.currentIp, key)
  }
  for (const n of input.nodes) if (n.targetIp) nodeKeyByIp.set(n.targetIp, n.mac?.toLowerCase() ?? `node:${n.hostname}`)

  for (const b of input.boots) {
    const mac = b.mac.startsWith('unknown@') ? null : b.mac.toLowerCase()
    const key = (mac && (nodeKeyByMac.get(mac) ?? mac)) ?? `ip:${b.ip}`
    const row = rows.get(key) ?? { ...blank(key), mac, state: 'booting' as const, stateReason: `Booting over the network (${b.stage}).` }
    const newer = later(row.seenAt, b.lastSeenAt) === b.lastSeenAt
    rows.set(key, {
      ...row,
      arch: b.arch === 'unknown' ? row.arch : b.arch,
      currentIp: row.node || !newer ? (row.currentIp ?? b.ip) : (b.ip ?? row.currentIp),
      seenAt: later(row.seenAt, b.lastSeenAt),
      sources: addSource(row, 'netboot')
    })
  }

  for (const f of input.found) {
    if (input.vip && f.ip === input.vip) {
      const key = `vip:${f.ip}`
      rows.set(key, {
        ...blank(key),
        state: 'vip',
        currentIp: f.ip,
        seenAt: f.foundAt,
        sources: ['scan'],
        vip: true,
        stateReason: 'The cluster’s shared address, answered by whichever control plane holds it.'
      })
      continue
    }
    const mac = f.mac?.toLowerCase() ?? null
    const nodeKey = nodeKeyByIp.get(f.ip) ?? (mac ? nodeKeyByMac.get(mac) : undefined)
    const age = input.now.getTime() - Date.parse(f.foundAt)
    if (nodeKey) {
      const row = rows.get(nodeKey)!
      rows.set(nodeKey, { ...withScanFacts(row, f), seenAt: later(row.seenAt, f.foundAt), sources: addSource(row, 'scan') })
      continue
    }
    const key = mac ?? `ip:${f.ip}`
    const prev = rows.get(key)
    const row = prev ?? blank(key)
    // A later network boot that put this machine elsewhere makes this scan's address stale.
    const moved = prev?.currentIp && prev.currentIp !== f.ip && later(prev.seenAt, f.foundAt) !== f.foundAt ? prev.currentIp : null
    const old = age > staleAfter
    const stale = Boolean(moved) || old
    rows.set(key, {
      ...withScanFacts(row, f),
      mac,
      hostname: row.hostname ?? f.hostname,
      state: f.state,
      stateReason: f.note,
      currentIp: moved ?? f.ip,
      seenAt: later(row.seenAt, f.foundAt),
      sources: addSource(row, 'scan'),
      stale,
      staleReason: moved ? `moved to ${moved}` : old ? `found ${ageText(age)} ago` : null,
      canSetup: f.state === 'maintenance' && !stale
    })
  }

  for (const [key, row] of rows) {
    const hw = row.mac ? input.hardware.get(row.mac) : undefined
    if (!hw) continue
    rows.set(key, {
      ...row,
      cpu: row.cpu ?? cpuText(hw.cpu),
      memoryBytes: row.memoryBytes ?? hw.memoryBytes,
      // A node's chosen install disk says more than the list; else the disks it could install on.
      disks: row.disks.length ? row.disks : installable(hw.disks)
    })
  }

  const machines = [...rows.values()].sort(byKind)
  return { machines, count: machines.filter((m) => !m.vip).length }
}

/** What a scan tells that a row may lack; the row's own (registered) facts win. */
function withScanFacts(row: Machine, f: DiscoveredNode): Machine {
  return {
    ...row,
    version: row.version ?? f.version,
    arch: row.arch ?? f.arch ?? null,
    cpu: row.cpu ?? f.cpu ?? null,
    memoryBytes: row.memoryBytes ?? f.memoryBytes ?? null,
    disks: row.disks.length ? row.disks : (f.disks ?? [])
  }
}

/** Nodes first (by hostname), then the others by address; the VIP last. */
function byKind(a: Machine, b: Machine): number {
  const rank = (m: Machine) => (m.vip ? 2 : m.node ? 0 : 1)
  if (rank(a) !== rank(b)) return rank(a) - rank(b)
  if (a.node && b.node) return a.node.localeCompare(b.node)
  return ipKey(a.currentIp) - ipKey(b.currentIp)
}

function ipKey(ip: string | null): number {
  return ip ? ip.split('.').reduce((n, o) => n * 256 + Number(o), 0) : Number.MAX_SAFE_INTEGER
}
