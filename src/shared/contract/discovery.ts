import { z } from 'zod'
import { Cidr, Empty, InstanceName, IPv4, OperationId, Ok } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/** Talos listens on 50000 in maintenance mode and once configured (apid); it is not configurable. */
export const TALOS_API_PORT = 50000

/**
 * What a scan learned about one address that answered on the port. `maintenance`: a fresh Talos
 * machine waiting for a config. `configured`: a Talos node that belongs to a cluster (it refuses
 * maintenance calls; not an error). `unidentified`: something answered but talosctl could not
 * say what it is (`note` says why).
 */
export const DiscoveredState = z.enum(['maintenance', 'configured', 'unidentified'])
export type DiscoveredState = z.infer<typeof DiscoveredState>

/** The seed's DiscoveredNode, plus the state, the boot stage and a note for the operator. */
export const DiscoveredNode = z.object({
  ip: IPv4,
  mac: z.string().nullable(),
  hostname: z.string().nullable(),
  maintenanceMode: z.boolean(),
  state: DiscoveredState,
  version: z.string().nullable(),
  interface: z.string().nullable().optional(),
  disks: z.array(z.string()).optional(),
  /** CPU architecture (amd64, arm64) when the machine tells it. */
  arch: z.string().nullable().optional(),
  /** CPU model and cores in words, e.g. "Intel Xeon E-2236 · 6 cores", when the machine tells it. */
  cpu: z.string().nullable().optional(),
  /** Installed memory in bytes, when the machine tells it. */
  memoryBytes: z.number().nonnegative().nullable().optional(),
  /** machinestatus stage (maintenance, booting, running, …) when it could be read. */
  stage: z.string().nullable().optional(),
  note: z.string().nullable(),
  foundAt: z.string(),
  /** The registered node whose target or current IP this address is. */
  node: z.string().nullable().optional(),
  /** This address is the cluster's VIP (answered by a control plane), not a machine of its own. */
  vip: z.literal(true).optional()
})
export type DiscoveredNode = z.infer<typeof DiscoveredNode>

/** The seed's DiscoveryStatus, kept in <instance>/discovery/status.json. */
export const DiscoveryStatus = z.object({
  active: z.boolean(),
  operationId: OperationId.nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  cidr: z.string().nullable(),
  port: z.number().int().min(1).max(65535),
  /** Addresses whose probe has ended, of `total`. */
  probed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** Addresses that accepted a connection on the port. */
  responders: z.number().int().nonnegative(),
  nodesFound: z.array(DiscoveredNode),
  error: z.string().nullable(),
  warning: z.string().nullable()
})
export type DiscoveryStatus = z.infer<typeof DiscoveryStatus>

/** A range the laptop is on, computed from its own interfaces only (nothing is sent). */
export const CidrSuggestion = z.object({
  cidr: Cidr,
  interface: z.string(),
  address: IPv4,
  /** How many addresses a scan of `cidr` probes. */
  addresses: z.number().int().nonnegative(),
  /** Why the range differs from the interface's own network, when it does. */
  note: z.string().nullable()
})
export type CidrSuggestion = z.infer<typeof CidrSuggestion>

export const DiscoveryStartInput = z
  .object({
    instance: InstanceName,
    cidr: Cidr,
    port: z.number().int().min(1).max(65535).optional(),
    /** Upper bound of one probe, in ms. */
    timeoutMs: z.number().int().min(50).max(30_000).optional(),
    /** Probes in flight at once. */
    concurrency: z.number().int().min(1).max(4096).optional()
  })
  .strict()
export type DiscoveryStartInput = z.infer<typeof DiscoveryStartInput>

export const discoveryCommands = {
  'discovery.suggest': command({
    summary: "Ranges to scan, from this computer's own network interfaces (nothing is probed)",
    input: () => Empty,
    output: () => z.array(CidrSuggestion)
  }),
  'discovery.start': command({
    summary: 'Scan a range the operator gave for Talos machines; runs as a discover operation',
    input: () => DiscoveryStartInput,
    output: () => z.object({ operationId: OperationId, warning: z.string().nullable() })
  }),
  'discovery.status': command({
    summary: 'The current or last scan of an instance and the machines it found',
    /** settled: answer once the versions of the last scan are filled in (or given up), as `wild discover` prints it. */
    input: () => z.object({ instance: InstanceName, settled: z.boolean().optional() }).strict(),
    output: () => DiscoveryStatus
  }),
  'discovery.clear': command({
    summary: 'Forget the last scan results of an instance',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => Ok
  })
} satisfies CommandMap

export const discoveryEvents = {
  /** Sent as each machine is identified, while the scan goes on. */
  'discovery.found': z.object({ instance: InstanceName, node: DiscoveredNode }),
  /** Throttled to at most 4 per second per instance; the final status is always sent. */
  'discovery.status': z.object({ instance: InstanceName, status: DiscoveryStatus })
} satisfies EventMap
