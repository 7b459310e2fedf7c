import type { DiscoveryStatus } from '../../shared/contract/discovery'
import type { MachineList } from '../../shared/contract/machines'
import type { Node } from '../../shared/contract/nodes'
import type { PxeStatus } from '../../shared/contract/pxe'
import type { HardwareInfo } from '../../shared/contract/talos'
import { mergeMachines, type HardwareHint } from './merge'

export interface MachinesDeps {
  nodes: (instance: string) => Promise<Node[]>
  vip: (instance: string) => Promise<string | null>
  scan: (instance: string) => Promise<DiscoveryStatus>
  pxe: (instance: string) => Promise<Pick<PxeStatus, 'clients'>>
  hardwareFor: (instance: string, mac: string) => Promise<HardwareInfo | null>
  now?: () => Date
}

/**
 * The Machines view's one read: every source the app keeps, read side by side from disk (no
 * talosctl, no packets), then merged. Cheap enough for the screen to poll while it is open.
 */
export function createMachinesService(deps: MachinesDeps) {
  return {
    async list(instance: string): Promise<MachineList> {
      // Boot records and hardware hints are extras: a list without them beats no list.
      const [nodes, vip, scan, pxe] = await Promise.all([
        deps.nodes(instance),
        deps.vip(instance).catch(() => null),
        deps.scan(instance),
        deps.pxe(instance).catch(() => ({ clients: [] }))
      ])
      const macs = new Set([...nodes.map((n) => n.mac), ...scan.nodesFound.map((f) => f.mac), ...pxe.clients.map((c) => c.mac)])
      const hardware = new Map<string, HardwareHint>()
      await Promise.all(
        [...macs].map(async (mac) => {
          if (!mac || mac.startsWith('unknown@')) return
          const hw = await deps.hardwareFor(instance, mac.toLowerCase()).catch(() => null)
          if (hw) hardware.set(mac.toLowerCase(), hw)
        })
      )
      const merged = mergeMachines({ nodes, vip, found: scan.nodesFound, boots: pxe.clients, hardware, now: (deps.now ?? (() => new Date()))() })
      return { ...merged, scannedAt: scan.finishedAt, scanning: scan.active }
    }
  }
}
export type MachinesService = ReturnType<typeof createMachinesService>
