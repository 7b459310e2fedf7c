import { z } from 'zod'
import { InstanceName } from '../schemas/common'
import { NodeRole, NodeState } from '../schemas/fields'
import { command, type CommandMap, type EventMap } from './types'

/**
 * Where the app learned of a machine: a network scan, a network boot (PXE, by MAC), or the
 * instance's registered nodes. One machine often has several.
 */
export const MachineSource = z.enum(['scan', 'netboot', 'node'])
export type MachineSource = z.infer<typeof MachineSource>

/**
 * The state shown for a machine: a registered node's own state, else what the network said —
 * maintenance (waiting for a config), configured (belongs to a cluster), unidentified, booting
 * (seen on the network boot server only) — or `vip` for the cluster's shared address.
 */
export const MachineState = z.union([NodeState, z.enum(['maintenance', 'configured', 'unidentified', 'booting', 'vip'])])
export type MachineState = z.infer<typeof MachineState>

/** One machine the app knows, keyed by MAC (or by address while the MAC is unknown). */
export const Machine = z.object({
  /** `mac` when known, else `ip:<address>`; `vip:<address>` for the VIP row. */
  key: z.string(),
  mac: z.string().nullable(),
  /** The registered node's hostname, else the hostname the machine reported. */
  hostname: z.string().nullable(),
  /** The registered node this machine is, when it is one. */
  node: z.string().nullable(),
  role: NodeRole.nullable(),
  state: MachineState,
  stateReason: z.string().nullable(),
  currentIp: z.string().nullable(),
  targetIp: z.string().nullable(),
  version: z.string().nullable(),
  arch: z.string().nullable(),
  cpu: z.string().nullable(),
  memoryBytes: z.number().nonnegative().nullable(),
  disks: z.array(z.string()),
  sources: z.array(MachineSource),
  /** When the network last showed this machine (scan or boot); null for a node only on paper. */
  seenAt: z.string().nullable(),
  /** An old scan result: shown with its age, never offered for setup. */
  stale: z.boolean(),
  /** Why it is stale, in words ("moved to 10.0.0.21", "scan 2 h ago"). */
  staleReason: z.string().nullable(),
  /** A fresh maintenance-mode machine not yet a node: "Use this machine" may be offered. */
  canSetup: z.boolean(),
  /** The cluster's VIP: answered by a control plane, not a machine of its own. */
  vip: z.boolean()
})
export type Machine = z.infer<typeof Machine>

export const MachineList = z.object({
  machines: z.array(Machine),
  /** Machines, the VIP not counted. */
  count: z.number().int().nonnegative(),
  /** When the last scan ended (null: never scanned). */
  scannedAt: z.string().nullable(),
  scanning: z.boolean()
})
export type MachineList = z.infer<typeof MachineList>

export const machineCommands = {
  'machines.list': command({
    summary: 'Every machine the app knows — scanned, booted by network, registered — one per MAC',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => MachineList
  })
} satisfies CommandMap

export const machineEvents = {} satisfies EventMap
