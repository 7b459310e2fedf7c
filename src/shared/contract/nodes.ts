import { z } from 'zod'
import { InstanceName, InstanceRef, Ok } from '../schemas/common'
import { DiskPath, InterfaceName, MacAddress, NodeHostname, NodeRole, NodeState, SchematicId, TalosVersion, ipField } from '../schemas/fields'
import { command, type CommandMap, type EventMap } from './types'

/** The seed's Node plus an explicit state; unset fields are null, booleans are booleans. */
export const Node = z.object({
  hostname: z.string(),
  role: NodeRole,
  mac: z.string().nullable(),
  targetIp: z.string().nullable(),
  currentIp: z.string().nullable(),
  interface: z.string().nullable(),
  disk: z.string().nullable(),
  version: z.string().nullable(),
  schematicId: z.string().nullable(),
  configured: z.boolean(),
  deployed: z.boolean(),
  state: NodeState,
  stateReason: z.string().nullable()
})
export type Node = z.infer<typeof Node>

/** What an operator types to add a node; version and schematic default to the cluster's. */
export const NodeAddInput = z
  .object({
    hostname: NodeHostname,
    role: NodeRole,
    targetIp: ipField('Target IP'),
    currentIp: ipField('Current IP').optional(),
    mac: MacAddress.optional(),
    interface: InterfaceName.optional(),
    disk: DiskPath.optional(),
    version: TalosVersion.optional(),
    schematicId: SchematicId.optional()
  })
  .strict()
export type NodeAddInput = z.infer<typeof NodeAddInput>

/** A partial edit; null clears an optional field. */
export const NodeUpdateInput = z
  .object({
    role: NodeRole.optional(),
    targetIp: ipField('Target IP').optional(),
    currentIp: ipField('Current IP').nullable().optional(),
    mac: MacAddress.nullable().optional(),
    interface: InterfaceName.nullable().optional(),
    disk: DiskPath.nullable().optional(),
    version: TalosVersion.nullable().optional(),
    schematicId: SchematicId.nullable().optional()
  })
  .strict()
export type NodeUpdateInput = z.infer<typeof NodeUpdateInput>

/** A node named by hostname or by MAC address. */
export const NodeRef = z.union([NodeHostname, MacAddress], {
  error: () => 'Name a node by its hostname (like cp-1) or its MAC address.'
})

export const OperationStarted = z.object({ operationId: z.string() })

export const nodeCommands = {
  'nodes.list': command({
    summary: 'The nodes registered in an instance',
    input: () => InstanceRef,
    output: () => z.array(Node)
  }),
  'nodes.get': command({
    summary: 'One node, by hostname or MAC address',
    input: () => z.object({ instance: InstanceName, node: NodeRef }).strict(),
    output: () => Node
  }),
  'nodes.add': command({
    summary: 'Register a node; adding the same node again changes nothing',
    input: () => z.object({ instance: InstanceName }).extend(NodeAddInput.shape).strict(),
    output: () => Node
  }),
  'nodes.update': command({
    summary: 'Change a registered node',
    input: () => z.object({ instance: InstanceName, hostname: NodeHostname, changes: NodeUpdateInput }).strict(),
    output: () => Node
  }),
  'nodes.delete': command({
    summary: 'Remove a node after its hostname is typed to confirm; optionally reset the machine first',
    input: () => z.object({ instance: InstanceName, hostname: NodeHostname, confirm: z.string(), reset: z.boolean().default(false) }).strict(),
    output: () => Ok
  }),
  'nodes.setup': command({
    summary: 'Configure, apply and wait for a node as one tracked operation (resumable)',
    input: () => z.object({ instance: InstanceName, hostname: NodeHostname }).strict(),
    output: () => OperationStarted
  }),
  'nodes.patch.preview': command({
    summary: 'The machine-config patch setup would write for a node, for review',
    input: () => z.object({ instance: InstanceName, hostname: NodeHostname }).strict(),
    output: () => z.object({ hostname: z.string(), path: z.string(), yaml: z.string() })
  })
} satisfies CommandMap

export const nodeEvents = {
  'nodes.changed': z.object({ instance: InstanceName })
} satisfies EventMap
