import { AppError } from '../../shared/errors'
import type { NodeRecord } from '../nodes/model'
import { NodeAddress } from '../talos/talos-args'

export interface NodeRef {
  hostname: string
  ip: string
  role: 'controlplane' | 'worker' | null
}

/** A node of the instance by hostname or address; an address no node has is taken as is. */
export function resolveNode(nodes: readonly NodeRecord[], node: string): NodeRef {
  const rec = nodes.find((n) => n.hostname === node || n.targetIp === node || n.currentIp === node)
  if (rec) {
    const ip = rec.deployed ? rec.targetIp : (rec.currentIp ?? rec.targetIp)
    if (!ip || !rec.applied) {
      throw new AppError('VALIDATION', `${rec.hostname} is not set up yet (state: ${rec.state}). Set it up first: wild node setup ${rec.hostname}`)
    }
    return { hostname: rec.hostname, ip, role: rec.role ?? null }
  }
  const ip = NodeAddress.safeParse(node)
  if (!ip.success || !/^[\d.:a-fA-F]+$/.test(node)) {
    throw new AppError('NOT_FOUND', `There is no node "${node}". List the nodes with: wild node list`)
  }
  return { hostname: node, ip: ip.data, role: null }
}

/**
 * A control plane is only rebooted, shut down or removed when the operator typed its hostname:
 * one slip takes a third of etcd away. Workers need no confirmation.
 */
export function requireConfirm(n: NodeRef, confirm: string | undefined, action: string, cli: string): void {
  if (n.role !== 'controlplane' && n.role !== null) return
  if (confirm === n.hostname) return
  const what = n.role === 'controlplane' ? `${n.hostname} is a control plane` : `${n.hostname} is not a node of this instance`
  throw new AppError(
    'VALIDATION',
    `${what}: type its hostname to confirm the ${action}${confirm ? ` ("${confirm}" does not match)` : ''}. ` +
      `In the CLI: ${cli} ${n.hostname} --confirm ${n.hostname}`
  )
}
