import type { EtcdSnapshotEntry } from '../../shared/contract/etcd'
import { formatBytes } from '../../shared/format'
import { table } from '../output'
import { composite, type VerbTable } from './types'

function describe(list: EtcdSnapshotEntry[]): string {
  if (list.length === 0) return 'No etcd snapshots yet. Take one with: wild etcd snapshot'
  const rows = list.map((s) =>
    s.status === 'ok'
      ? [s.takenAt, s.node, formatBytes(s.sizeBytes), `Talos ${s.talosVersion ?? '?'} / Kubernetes ${s.kubernetesVersion ?? '?'}`, s.path]
      : ['unreadable', '-', '-', s.reason, s.path]
  )
  return table(['TAKEN', 'NODE', 'SIZE', 'VERSIONS', 'PATH'], rows)
}

/** `wild etcd snapshots`; `etcd snapshot` follows, then lists the snapshots to print the saved file's restore steps, by hand. */
export const etcdVerbs = {
  'etcd.snapshot': composite('etcd', 'snapshot'),
  'etcd.snapshots': {
    kind: 'verb',
    path: ['etcd', 'snapshots'],
    description: 'List the saved etcd snapshots, newest first (date, node, size, versions, path)',
    input: () => ({}),
    print: describe
  }
} satisfies Partial<VerbTable>
