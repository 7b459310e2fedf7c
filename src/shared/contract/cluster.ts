import { z } from 'zod'
import { InstanceName, InstanceRef } from '../schemas/common'
import { ClusterName, HostnamePrefix, KubernetesVersion, NodeHostname, SchematicId, SubnetCidr, TalosVersion, ipField } from '../schemas/fields'
import { OperationStarted } from './nodes'
import { command, type CommandMap, type EventMap } from './types'

/** Cluster-wide settings, chosen once (operator journey §5). Unset values are null. */
export const ClusterSettings = z.object({
  name: z.string(),
  /** The control-plane endpoint: https://<vip>:6443, shared by the control-plane nodes. */
  vip: z.string().nullable(),
  talosVersion: z.string(),
  kubernetesVersion: z.string(),
  schematicId: z.string().nullable(),
  network: z.object({
    subnet: z.string().nullable(),
    gateway: z.string().nullable(),
    dnsServers: z.array(z.string())
  }),
  hostnamePrefix: z.string(),
  /** A single-node cluster needs true, or no workload is ever scheduled. */
  allowSchedulingOnControlPlanes: z.boolean(),
  /** Set once bootstrap succeeded: which node, when. */
  bootstrapped: z.object({ node: z.string(), at: z.string() }).nullable()
})
export type ClusterSettings = z.infer<typeof ClusterSettings>

/** A partial change; null clears an optional value. */
export const ClusterSettingsUpdate = z
  .object({
    name: ClusterName.optional(),
    vip: ipField('VIP').nullable().optional(),
    talosVersion: TalosVersion.optional(),
    kubernetesVersion: KubernetesVersion.optional(),
    schematicId: SchematicId.nullable().optional(),
    network: z
      .object({
        subnet: SubnetCidr.nullable().optional(),
        gateway: ipField('Gateway').nullable().optional(),
        dnsServers: z.array(ipField('DNS server')).max(8, 'At most 8 DNS servers').optional()
      })
      .strict()
      .optional(),
    hostnamePrefix: HostnamePrefix.optional(),
    allowSchedulingOnControlPlanes: z.boolean().optional()
  })
  .strict()
export type ClusterSettingsUpdate = z.infer<typeof ClusterSettingsUpdate>

/** Dotted config.yaml keys: letters, digits, "-" and "_" per segment; nothing a YAML path could abuse. */
export const ConfigKey = z
  .string()
  .min(1, 'A key is required, like cluster.name')
  .max(300)
  .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/, 'A key is dot-separated names of letters, digits, "-" and "_" (like cluster.nodes.control.vip)')

/** JSON values only: what a YAML scalar, list or map can hold without anchors or tags. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [k: string]: JsonValue }
export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)])
)

export const KubeconfigMergeResult = z.object({
  target: z.string(),
  backup: z.string().nullable(),
  context: z.string()
})
export type KubeconfigMergeResult = z.infer<typeof KubeconfigMergeResult>

export const clusterCommands = {
  'config.get': command({
    summary: 'One value of config.yaml by dotted key',
    input: () => z.object({ instance: InstanceName, key: ConfigKey }).strict(),
    output: () => z.object({ key: z.string(), value: z.unknown() })
  }),
  'config.set': command({
    summary: 'Set one value of config.yaml by dotted key (validated; comments kept)',
    input: () => z.object({ instance: InstanceName, key: ConfigKey, value: JsonValue }).strict(),
    output: () => z.object({ key: z.string(), value: z.unknown() })
  }),
  'cluster.settings.get': command({
    summary: 'The cluster settings of an instance',
    input: () => InstanceRef,
    output: () => ClusterSettings
  }),
  'cluster.settings.update': command({
    summary: 'Change cluster settings',
    input: () => z.object({ instance: InstanceName, changes: ClusterSettingsUpdate }).strict(),
    output: () => ClusterSettings
  }),
  'cluster.bootstrap': command({
    summary: 'Bootstrap etcd on the first control-plane node, follow health, fetch the kubeconfig',
    input: () => z.object({ instance: InstanceName, hostname: NodeHostname.optional() }).strict(),
    output: () => OperationStarted
  }),
  'cluster.kubeconfig': command({
    summary: "The instance's kubeconfig (path and content), fetched again on request",
    input: () => z.object({ instance: InstanceName, refresh: z.boolean().default(false) }).strict(),
    output: () => z.object({ path: z.string(), content: z.string() })
  }),
  'cluster.mergeKubeconfig': command({
    summary: 'Merge the kubeconfig into ~/.kube/config after backing the old file up',
    input: () => z.object({ instance: InstanceName, setCurrentContext: z.boolean().default(true) }).strict(),
    output: () => KubeconfigMergeResult
  }),
  'cluster.generateConfig': command({
    summary: 'Generate the cluster secrets (once) and the machine configs from the settings now, instead of at the first setup',
    input: () => InstanceRef,
    output: () => z.object({ secretsCreated: z.boolean(), configGenerated: z.boolean() })
  }),
  'cluster.health': command({
    summary: 'Run the cluster health checks as a tracked operation, one step per check',
    input: () => z.object({ instance: InstanceName, waitTimeoutSeconds: z.number().int().min(10).max(3600).optional() }).strict(),
    output: () => OperationStarted
  })
} satisfies CommandMap

export const clusterEvents = {
  'config.changed': z.object({ instance: InstanceName })
} satisfies EventMap
