import type { ClusterSettings } from '@shared/contract/cluster'
import type { DiscoveredNode } from '@shared/contract/discovery'
import type { Node } from '@shared/contract/nodes'
import type { HardwareInfo } from '@shared/contract/talos'
import { NodeHostname } from '@shared/schemas/fields'
import type { NodeRole } from '@shared/schemas/fields'
import { ipProblem } from './field-messages'

/** The label of the target IP field: messages name the field as the operator sees it. */
export const TARGET_IP_LABEL = 'Fixed IP address'

export interface HardwareForm {
  hostname: string
  role: NodeRole
  targetIp: string
  disk: string | null
  iface: string | null
  mac: string | null
}

export type HardwareErrors = Partial<Record<keyof HardwareForm, string>>

/** A free name like control-2 or worker-1, with the cluster's prefix. */
export function suggestHostname(prefix: string, role: NodeRole, nodes: Pick<Node, 'hostname'>[]): string {
  const base = `${prefix}${role === 'controlplane' ? 'control' : 'worker'}-`
  const used = new Set(nodes.map((n) => n.hostname))
  let i = 1
  while (used.has(`${base}${i}`)) i++
  return `${base}${i}`
}

export function initialForm(hw: HardwareInfo | null, node: Node | null, cluster: ClusterSettings, nodes: Node[]): HardwareForm {
  const mustBeCp = !nodes.some((n) => n.role === 'controlplane' && n.hostname !== node?.hostname)
  const role: NodeRole = node?.role ?? (mustBeCp ? 'controlplane' : 'worker')
  const iface = node?.interface ?? hw?.interface ?? null
  return {
    hostname: node?.hostname ?? suggestHostname(cluster.hostnamePrefix, role, nodes),
    role,
    targetIp: node?.targetIp ?? '',
    disk: node?.disk ?? hw?.selectedDisk ?? null,
    iface,
    mac: node?.mac ?? hw?.interfaces.find((i) => i.name === iface)?.mac ?? hw?.mac ?? null
  }
}

/**
 * Inline checks before anything is saved: shapes, and conflicts with the cluster's addresses,
 * the other nodes and the machines the last scan saw answering. The core checks again.
 */
export function validateHardware(
  f: HardwareForm,
  ctx: { cluster: ClusterSettings; nodes: Node[]; self: string | null; machineIp: string; found: DiscoveredNode[]; hw: HardwareInfo | null }
): HardwareErrors {
  const e: HardwareErrors = {}
  const h = NodeHostname.safeParse(f.hostname)
  if (!h.success) e.hostname = h.error.issues[0]?.message
  else if (ctx.nodes.some((n) => n.hostname === f.hostname && n.hostname !== ctx.self))
    e.hostname = `${f.hostname} is already a node of this cluster. Pick another name.`

  const ipError = ipProblem(TARGET_IP_LABEL, f.targetIp, { subnet: ctx.cluster.network.subnet })
  if (ipError) e.targetIp = ipError
  else if (f.targetIp === ctx.cluster.network.gateway) e.targetIp = 'That is the gateway (your router). Pick a free address.'
  else if (f.targetIp === ctx.cluster.vip) e.targetIp = 'That is the cluster VIP. Each machine needs its own address.'
  else {
    const other = ctx.nodes.find((n) => n.targetIp === f.targetIp && n.hostname !== ctx.self)
    if (other) e.targetIp = `${other.hostname} already uses ${f.targetIp}.`
    else if (f.targetIp !== ctx.machineIp && ctx.found.some((n) => n.ip === f.targetIp)) {
      e.targetIp = `Another machine answered at ${f.targetIp} in the last scan. Pick an address nothing uses.`
    }
  }

  if (!f.disk) e.disk = 'Choose the disk to install Talos on.'
  else if (ctx.hw) {
    const d = ctx.hw.disks.find((x) => x.path === f.disk)
    if (d && !d.candidate) e.disk = `${f.disk} cannot be used${d.reason ? `: ${d.reason}` : ''}.`
  }
  return e
}
