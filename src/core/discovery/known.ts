import type { DiscoveredNode } from '../../shared/contract/discovery'
import type { MachineFacts } from '../machines/facts'

/** What the instance already knows about addresses on its network. */
export interface KnownMachines {
  vip: string | null
  nodes: readonly { hostname: string; targetIp: string | null; currentIp: string | null }[]
}

/**
 * Names what a scan found that the app already knows: an address that is a registered node's
 * target or current IP is that node (its target wins: that is where it lives once installed),
 * and the cluster's VIP is labelled as such — it answers on the Talos port through whichever
 * control plane holds it, so it is not another machine.
 */
export function annotateFound(found: readonly DiscoveredNode[], known: KnownMachines): DiscoveredNode[] {
  const byTarget = new Map(known.nodes.filter((n) => n.targetIp).map((n) => [n.targetIp!, n.hostname]))
  const byCurrent = new Map(known.nodes.filter((n) => n.currentIp).map((n) => [n.currentIp!, n.hostname]))
  return found.map((f) => {
    const node = byTarget.get(f.ip) ?? byCurrent.get(f.ip) ?? null
    const vip = known.vip !== null && f.ip === known.vip
    return { ...f, node, ...(vip ? { vip: true } : {}) }
  })
}

/** The machines a scan found, the VIP not counted. */
export function machineCount(found: readonly DiscoveredNode[]): number {
  return found.filter((f) => !f.vip).length
}

/**
 * Fills disks, CPU, memory and architecture of what a scan found from what each machine told
 * earlier (hardware detection, network boot), by MAC: the scan itself spends no talosctl
 * process on them. What the scan read itself wins.
 */
export async function withFacts(found: readonly DiscoveredNode[], factsOf: (mac: string) => Promise<MachineFacts | null>): Promise<DiscoveredNode[]> {
  return Promise.all(
    found.map(async (f) => {
      const facts = f.mac ? await factsOf(f.mac.toLowerCase()) : null
      if (!facts) return f
      return {
        ...f,
        disks: f.disks?.length ? f.disks : facts.disks,
        arch: f.arch ?? facts.arch,
        cpu: f.cpu ?? facts.cpu,
        memoryBytes: f.memoryBytes ?? facts.memoryBytes
      }
    })
  )
}
