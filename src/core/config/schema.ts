import { z } from 'zod'
import {
  ClusterName,
  DiskPath,
  HostnamePrefix,
  InterfaceName,
  KubernetesVersion,
  MacAddress,
  NodeHostname,
  NodeRole,
  NodeState,
  SchematicId,
  SubnetCidr,
  TalosVersion,
  ipField
} from '../../shared/schemas/fields'

/**
 * The shape of <instance>/config.yaml as read from disk. Tolerant where the Go original was
 * sloppy — string booleans ("true"/"false"), empty strings for unset values, keys it wrote that
 * we no longer use (maintenance, applied) — strict where a wrong value would reach talosctl.
 * Unknown keys (cloud.*, apps, …) are kept untouched: loose objects.
 */

/** "true"/"false" as the Go original's yq wrote them, or real booleans. */
export const Boolish = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: () => 'Use true or false'
})

/** An optional value that the Go original wrote as "" when unset; read as null. */
function unsettable<T extends z.ZodType>(inner: T) {
  // preprocess, not a union: a union would replace the field's own message with "Invalid input".
  return z.preprocess((v) => (v === '' ? null : v), inner.nullish()).transform((v) => (v === undefined || v === null ? null : (v as z.output<T>)))
}

export const NodeEntry = z.looseObject({
  role: NodeRole,
  mac: unsettable(MacAddress),
  targetIp: unsettable(ipField('Target IP')),
  currentIp: unsettable(ipField('Current IP')),
  interface: unsettable(InterfaceName),
  disk: unsettable(DiskPath),
  version: unsettable(TalosVersion),
  schematicId: unsettable(SchematicId),
  /** The machine accepted its configuration. */
  configured: Boolish.optional(),
  /** The machine came back at its target address, installed. */
  deployed: Boolish.optional(),
  /** The Go original's name for deployed. */
  applied: Boolish.optional(),
  state: NodeState.optional(),
  stateReason: z.string().nullable().optional()
})
export type NodeEntry = z.output<typeof NodeEntry>

export const ConfigFile = z.looseObject({
  cluster: z
    .looseObject({
      name: unsettable(ClusterName),
      hostnamePrefix: unsettable(HostnamePrefix),
      allowSchedulingOnControlPlanes: Boolish.optional(),
      network: z
        .looseObject({
          subnet: unsettable(SubnetCidr),
          gateway: unsettable(ipField('Gateway')),
          dnsServers: z.array(ipField('DNS server')).nullable().optional()
        })
        .nullable()
        .optional(),
      nodes: z
        .looseObject({
          talos: z
            .looseObject({
              version: unsettable(TalosVersion),
              kubernetesVersion: unsettable(KubernetesVersion),
              schematicId: unsettable(SchematicId)
            })
            .nullable()
            .optional(),
          control: z
            .looseObject({ vip: unsettable(ipField('VIP')) })
            .nullable()
            .optional(),
          active: z.record(NodeHostname, NodeEntry).nullable().optional()
        })
        .nullable()
        .optional(),
      bootstrap: z.looseObject({ node: NodeHostname, at: z.string() }).nullable().optional()
    })
    .nullable()
    .optional(),
  // The Go original kept the gateway here; read as a fallback.
  cloud: z
    .looseObject({
      router: z
        .looseObject({ ip: unsettable(ipField('Router IP')) })
        .nullable()
        .optional()
    })
    .nullable()
    .optional()
})
export type ConfigFile = z.output<typeof ConfigFile>

export const DEFAULT_TALOS_VERSION = 'v1.11.6'
export const DEFAULT_KUBERNETES_VERSION = '1.34.1'

/** Key paths in config.yaml, in one place. */
export const KEYS = {
  clusterName: ['cluster', 'name'],
  hostnamePrefix: ['cluster', 'hostnamePrefix'],
  allowScheduling: ['cluster', 'allowSchedulingOnControlPlanes'],
  subnet: ['cluster', 'network', 'subnet'],
  gateway: ['cluster', 'network', 'gateway'],
  dnsServers: ['cluster', 'network', 'dnsServers'],
  talosVersion: ['cluster', 'nodes', 'talos', 'version'],
  kubernetesVersion: ['cluster', 'nodes', 'talos', 'kubernetesVersion'],
  schematicId: ['cluster', 'nodes', 'talos', 'schematicId'],
  vip: ['cluster', 'nodes', 'control', 'vip'],
  active: ['cluster', 'nodes', 'active'],
  bootstrap: ['cluster', 'bootstrap']
} as const

export function nodeKey(hostname: string): string[] {
  return [...KEYS.active, hostname]
}
