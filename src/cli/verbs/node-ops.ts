import { handWritten, type VerbTable } from './types'

/**
 * `wild node services|logs|dmesg|reboot|shutdown|remove-control-plane|etcd-members`: streams that
 * print as lines arrive, and power operations that ask for the hostname on a terminal, by hand.
 */
export const nodeOpsVerbs = {
  'nodeOps.services': handWritten('node', 'services'),
  'nodeOps.logs': handWritten('node', 'logs'),
  'nodeOps.follow': handWritten('node', 'logs'),
  'nodeOps.stopFollow': handWritten('node', 'logs'),
  'nodeOps.reboot': handWritten('node', 'reboot'),
  'nodeOps.shutdown': handWritten('node', 'shutdown'),
  'nodeOps.etcdMembers': handWritten('node', 'etcd-members'),
  'nodeOps.removeControlPlane': handWritten('node', 'remove-control-plane'),
  'nodeOps.timeSync': {
    kind: 'verb',
    path: ['node', 'time-sync'],
    description: "Whether a node's clock is in sync (talosctl get timestatus)",
    args: ['<node>'],
    input: ({ args }) => ({ node: args[0]! }),
    print: (t) => `${t.node}: ${t.syncDisabled ? 'time sync disabled' : t.synced ? 'clock in sync' : 'clock not in sync yet'} (epoch ${t.epoch})`
  }
} satisfies Partial<VerbTable>
