import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { KubernetesVersion, NodeHostname, SchematicId, TalosVersion } from '../schemas/fields'
import { command, type CommandMap, type EventMap } from './types'

/**
 * Upgrades (issue 16 item 1): a rolling Talos upgrade of the cluster or of one node, and a
 * Kubernetes upgrade with its dry run first. The long ones are operations ('talos-upgrade',
 * 'kubernetes-upgrade') whose steps are "etcd snapshot", "upgrade <hostname>" per node, and
 * "record versions"; a cancel takes effect between nodes.
 */

export const UpgradeNodeStatus = z.object({
  hostname: z.string(),
  role: z.enum(['controlplane', 'worker']),
  ip: z.string(),
  /** What the node answered with just now; null when it did not answer. */
  runningVersion: z.string().nullable(),
  /** Why it did not answer, when it did not. */
  problem: z.string().nullable(),
  /** 'skip' when it already runs the target version and schematic. */
  action: z.enum(['upgrade', 'skip'])
})
export type UpgradeNodeStatus = z.infer<typeof UpgradeNodeStatus>

/** Current versions as recorded and as running, the target, and the rolling order. */
export const UpgradePlan = z.object({
  talosVersion: z.string(),
  kubernetesVersion: z.string(),
  schematicId: z.string().nullable(),
  target: z.object({ talosVersion: z.string(), schematicId: z.string().nullable() }),
  nodes: z.array(UpgradeNodeStatus)
})
export type UpgradePlan = z.infer<typeof UpgradePlan>

const TalosTarget = {
  instance: InstanceName,
  /** Default: the instance's recorded version (then only a schematic change or a lagging node upgrades). */
  talosVersion: TalosVersion.optional(),
  /** Default: the instance's recorded schematic; null for the vanilla installer. */
  schematicId: SchematicId.nullable().optional()
}

export const KubernetesDryRun = z.object({
  from: z.string(),
  to: z.string(),
  node: z.string(),
  lines: z.array(z.string())
})
export type KubernetesDryRun = z.infer<typeof KubernetesDryRun>

const Started = z.object({ operationId: OperationId })

export const upgradeCommands = {
  'upgrade.plan': command({
    summary: 'Current and target versions, and the order nodes would be upgraded in (asks each node its version)',
    input: () => z.object(TalosTarget).strict(),
    output: () => UpgradePlan
  }),
  'upgrade.cluster': command({
    summary: 'Upgrade Talos on every node, control planes first, one at a time, after an etcd snapshot (an operation)',
    input: () => z.object(TalosTarget).strict(),
    output: () => Started
  }),
  'upgrade.node': command({
    summary: 'Upgrade Talos on one node after an etcd snapshot (an operation)',
    input: () => z.object({ ...TalosTarget, node: NodeHostname }).strict(),
    output: () => Started
  }),
  'upgrade.kubernetesDryRun': command({
    summary: 'What `talosctl upgrade-k8s --dry-run` would change; changes nothing',
    input: () => z.object({ instance: InstanceName, kubernetesVersion: KubernetesVersion }).strict(),
    output: () => KubernetesDryRun
  }),
  'upgrade.kubernetes': command({
    summary: 'Upgrade Kubernetes with `talosctl upgrade-k8s` after an etcd snapshot (an operation)',
    input: () => z.object({ instance: InstanceName, kubernetesVersion: KubernetesVersion }).strict(),
    output: () => Started
  })
} satisfies CommandMap

export const upgradeEvents = {} satisfies EventMap
