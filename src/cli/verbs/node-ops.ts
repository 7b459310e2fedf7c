import { table } from '../output'
import { composite, type VerbTable } from './types'

/**
 * `wild node services|etcd-members|time-sync` are table verbs; `logs|dmesg|reboot|shutdown|remove-control-plane`
 * (src/cli/commands/node-ops.ts) run through a session: streams that print as lines arrive, and
 * power operations that ask for the hostname on a terminal, then follow.
 */
export const nodeOpsVerbs = {
  'nodeOps.services': {
    kind: 'verb',
    path: ['node', 'services'],
    description: "A node's Talos services and their states",
    args: ['<node>'],
    input: ({ args }) => ({ node: args[0]! }),
    print: (s) =>
      table(
        ['SERVICE', 'STATE', 'HEALTH', 'LAST CHANGE', 'LAST EVENT'],
        s.services.map((x) => [x.service, x.state, x.health, x.lastChange, x.lastEvent])
      )
  },
  'nodeOps.logs': composite('node', 'logs'),
  'nodeOps.follow': composite('node', 'logs'),
  'nodeOps.stopFollow': composite('node', 'logs'),
  'nodeOps.reboot': composite('node', 'reboot'),
  'nodeOps.shutdown': composite('node', 'shutdown'),
  'nodeOps.etcdMembers': {
    kind: 'verb',
    path: ['node', 'etcd-members'],
    description: 'The etcd members of the cluster and whether each is healthy',
    input: () => ({}),
    print: (l) =>
      [
        `Asked ${l.from}:`,
        table(
          ['ID', 'HOSTNAME', 'PEER URLS', 'HEALTHY'],
          l.members.map((m) => [m.id, m.hostname, m.peerUrls.join(','), m.healthy ? 'yes' : 'no'])
        )
      ].join('\n')
  },
  'nodeOps.removeControlPlane': composite('node', 'remove-control-plane'),
  'nodeOps.timeSync': {
    kind: 'verb',
    path: ['node', 'time-sync'],
    description: "Whether a node's clock is in sync (talosctl get timestatus)",
    args: ['<node>'],
    input: ({ args }) => ({ node: args[0]! }),
    print: (t) => `${t.node}: ${t.syncDisabled ? 'time sync disabled' : t.synced ? 'clock in sync' : 'clock not in sync yet'} (epoch ${t.epoch})`
  }
} satisfies Partial<VerbTable>
