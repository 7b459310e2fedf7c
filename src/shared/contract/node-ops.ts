import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/**
 * What a node does after setup: its Talos services, its service logs and kernel messages
 * (followed as events), reboot and shutdown, and the etcd membership of the control planes.
 * Nodes are named by hostname or address. Control planes need their hostname typed in
 * `confirm` before a reboot, shutdown or removal.
 */

/** A Talos service id (apid, etcd, kubelet, ext-…); never a flag or a path. */
export const ServiceName = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'Not a service name (like etcd or kubelet)')
const NodeRef = z.string().min(1).max(253)
/** How many log lines a snapshot or a follow starts with. */
export const LOG_TAIL_MAX = 5000

export const NodeService = z.object({
  service: z.string(),
  state: z.string(),
  /** OK, Fail, or ? (no health check). */
  health: z.string(),
  /** As talosctl says it: "5m51s ago". */
  lastChange: z.string(),
  lastEvent: z.string()
})
export type NodeService = z.infer<typeof NodeService>

export const NodeServices = z.object({ node: z.string(), ip: z.string(), services: z.array(NodeService) })
export type NodeServices = z.infer<typeof NodeServices>

export const EtcdMember = z.object({
  id: z.string().regex(/^[0-9a-f]{1,16}$/),
  hostname: z.string(),
  peerUrls: z.array(z.string()),
  clientUrls: z.array(z.string()),
  learner: z.boolean(),
  /** Its etcd answers Running/OK; null when it was not asked. */
  healthy: z.boolean().nullable()
})
export type EtcdMember = z.infer<typeof EtcdMember>

export const EtcdMembers = z.object({ from: z.string(), members: z.array(EtcdMember) })
export type EtcdMembers = z.infer<typeof EtcdMembers>

/** `talosctl get timestatus`: whether the node's clock is in sync. */
export const TimeSync = z.object({
  node: z.string(),
  ip: z.string(),
  synced: z.boolean(),
  /** How many times the clock jumped by more than 15 minutes since boot. */
  epoch: z.number().int().nonnegative(),
  syncDisabled: z.boolean()
})

const LogInput = z
  .object({
    instance: InstanceName,
    node: NodeRef,
    /** A service's log; absent: the kernel messages (dmesg). */
    service: ServiceName.optional(),
    tail: z.number().int().min(0).max(LOG_TAIL_MAX).default(500)
  })
  .strict()

const PowerInput = z.object({ instance: InstanceName, node: NodeRef, confirm: z.string().max(253).optional() }).strict()

export const nodeOpsCommands = {
  'nodeOps.services': command({
    summary: "A node's Talos services and their states (talosctl services)",
    input: () => z.object({ instance: InstanceName, node: NodeRef }).strict(),
    output: () => NodeServices
  }),
  'nodeOps.logs': command({
    summary: "The last lines of a service's log, or of the kernel messages",
    input: () => LogInput,
    output: () => z.object({ lines: z.array(z.string()), dropped: z.number().int().nonnegative() })
  }),
  'nodeOps.follow': command({
    summary: 'Follow a service log or the kernel messages: lines arrive as nodeOps.logLines events',
    input: () => LogInput,
    output: () => z.object({ streamId: z.string() })
  }),
  'nodeOps.stopFollow': command({
    summary: 'Stop a followed log (ends its talosctl)',
    input: () => z.object({ streamId: z.string().max(100) }).strict(),
    output: () => z.object({ stopped: z.boolean() })
  }),
  'nodeOps.reboot': command({
    summary: 'Reboot a node and wait for it to come back (an operation); control planes need confirm = hostname',
    input: () => PowerInput,
    output: () => z.object({ operationId: OperationId })
  }),
  'nodeOps.shutdown': command({
    summary: 'Shut a node down (an operation); control planes need confirm = hostname',
    input: () => PowerInput,
    output: () => z.object({ operationId: OperationId })
  }),
  'nodeOps.timeSync': command({
    summary: "Whether a node's clock is in sync (talosctl get timestatus)",
    input: () => z.object({ instance: InstanceName, node: NodeRef }).strict(),
    output: () => TimeSync
  }),
  'nodeOps.etcdMembers': command({
    summary: 'The etcd members of the cluster, each with its health',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => EtcdMembers
  }),
  'nodeOps.removeControlPlane': command({
    summary: 'Remove a control plane: its etcd member first, refused when quorum would break (an operation)',
    input: () => z.object({ instance: InstanceName, node: NodeRef, confirm: z.string().max(253) }).strict(),
    output: () => z.object({ operationId: OperationId })
  })
} satisfies CommandMap

export const nodeOpsEvents = {
  /** New lines of a followed log, batched; `dropped` counts lines left out to keep up. */
  'nodeOps.logLines': z.object({ streamId: z.string(), lines: z.array(z.string()), dropped: z.number().int().nonnegative() }),
  'nodeOps.logEnded': z.object({ streamId: z.string(), reason: z.enum(['stopped', 'ended', 'failed']), message: z.string().nullable() })
} satisfies EventMap
