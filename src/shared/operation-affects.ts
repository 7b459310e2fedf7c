import type { OperationType } from './contract/operations'

/**
 * What each kind of operation changes, as the command families (prefixes like "nodes.") or whole
 * command names whose answers are stale once it ends. Declared beside the operation types, by the
 * core's side, so a new operation type does not compile until it says what it changes; the
 * renderer refreshes these when the operation finishes. Type-only imports: no zod at first paint.
 */
export const OPERATION_AFFECTS = {
  discover: ['discovery.'],
  setup: ['nodes.', 'cluster.', 'instances.list'],
  download: ['assets.'],
  verify: ['assets.'],
  bootstrap: ['cluster.', 'nodes.'],
  health: ['cluster.'],
  reset: ['nodes.', 'instances.list'],
  detect: ['nodes.', 'hardware.'],
  'etcd-snapshot': ['etcd.'],
  'node-reboot': ['nodeOps.'],
  'node-shutdown': ['nodeOps.'],
  'control-plane-remove': ['nodeOps.', 'nodes.', 'cluster.'],
  'talos-upgrade': ['upgrade.', 'cluster.', 'nodes.', 'etcd.'],
  'kubernetes-upgrade': ['upgrade.', 'cluster.', 'etcd.']
} as const satisfies Record<OperationType, readonly string[]>

/** The command families and names an operation of this type changes. */
export function operationAffects(type: OperationType): readonly string[] {
  return OPERATION_AFFECTS[type]
}
