import type { Machine, MachineState } from '@shared/contract/machines'
import type { Node } from '@shared/contract/nodes'
import { nodeAsMachine } from '@shared/machines'
import type { Tone } from '../../ui'
import { STATE_VIEW } from '../nodes/model'

/** How each machine state reads: a node's own states, then what the network said. */
export const MACHINE_STATE_VIEW: Record<MachineState, { tone: Tone; word: string; explain: string }> = {
  ...STATE_VIEW,
  maintenance: { tone: 'info', word: 'maintenance', explain: 'Talos is running from the USB stick or network boot and waits for a configuration.' },
  configured: { tone: 'neutral', word: 'in a cluster', explain: 'A configured Talos node that belongs to a cluster this app does not manage.' },
  unidentified: { tone: 'warn', word: 'unidentified', explain: 'Something answered on the Talos port, but talosctl could not say what it is.' },
  booting: { tone: 'accent', word: 'booting', explain: 'Seen on the network boot server; it has not answered a scan yet.' },
  vip: { tone: 'neutral', word: 'VIP', explain: 'The cluster’s shared address, answered by whichever control plane holds it. Not a machine.' }
}

/**
 * The rows: registered nodes as nodes.list has them now (it is refreshed by events), with what
 * the merged list adds (hardware, sightings), then every other machine the merged list knows.
 */
export function machineRows(nodes: readonly Node[], machines: readonly Machine[] | undefined): Machine[] {
  const byNode = new Map((machines ?? []).filter((m) => m.node).map((m) => [m.node!, m]))
  const nodeRows = nodes.map((n) => {
    const m = byNode.get(n.hostname)
    const own = nodeAsMachine(n)
    return m
      ? {
          ...m,
          ...own,
          arch: m.arch,
          cpu: m.cpu,
          memoryBytes: m.memoryBytes,
          disks: m.disks.length ? m.disks : own.disks,
          sources: m.sources,
          seenAt: m.seenAt
        }
      : own
  })
  return [...nodeRows, ...(machines ?? []).filter((m) => !m.node)]
}

/** What a row is called: the node, the reported hostname, or what it is. */
export function machineName(m: Machine): string {
  if (m.vip) return 'Cluster VIP'
  return m.node ?? m.hostname ?? 'unnamed machine'
}
