import { z } from 'zod'
import { InstanceName, OperationId } from '../schemas/common'
import { command, type CommandMap, type EventMap } from './types'

/** The sidecar saved next to each etcd snapshot: what an operator picks a restore point by. */
export const EtcdSnapshotMeta = z.object({
  takenAt: z.iso.datetime(),
  /** Hostname (or address) of the control plane the snapshot came from. */
  node: z.string().min(1),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  talosVersion: z.string().nullable(),
  kubernetesVersion: z.string().nullable()
})
export type EtcdSnapshotMeta = z.infer<typeof EtcdSnapshotMeta>

/** One row of `wild etcd snapshots`: a readable snapshot, or a file whose sidecar is unreadable. */
export const EtcdSnapshotEntry = z.union([
  EtcdSnapshotMeta.extend({ status: z.literal('ok'), path: z.string() }),
  z.object({ status: z.literal('unreadable'), path: z.string(), reason: z.string() })
])
export type EtcdSnapshotEntry = z.infer<typeof EtcdSnapshotEntry>

export const etcdCommands = {
  'etcd.snapshot': command({
    summary: 'Take an etcd snapshot from a control-plane node into the instance (an operation)',
    input: () => z.object({ instance: InstanceName, node: z.string().min(1).max(253).optional() }).strict(),
    output: () => z.object({ operationId: OperationId })
  }),
  'etcd.snapshots': command({
    summary: 'The etcd snapshots saved in the instance, newest first',
    input: () => z.object({ instance: InstanceName }).strict(),
    output: () => z.array(EtcdSnapshotEntry)
  })
} satisfies CommandMap

export const etcdEvents = {} satisfies EventMap
