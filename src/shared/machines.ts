import type { Machine } from './contract/machines'
import type { Node } from './contract/nodes'

/** A registered node as a Machines row, before any sighting adds to it (core merge and renderer both start here). */
export function nodeAsMachine(n: Node): Machine {
  const mac = n.mac?.toLowerCase() ?? null
  return {
    key: mac ?? `node:${n.hostname}`,
    mac,
    hostname: n.hostname,
    node: n.hostname,
    role: n.role,
    state: n.state,
    stateReason: n.stateReason,
    currentIp: n.currentIp,
    targetIp: n.targetIp,
    version: n.version,
    arch: null,
    cpu: null,
    memoryBytes: null,
    disks: n.disk ? [n.disk] : [],
    sources: ['node'],
    seenAt: null,
    stale: false,
    staleReason: null,
    canSetup: false,
    vip: false
  }
}
