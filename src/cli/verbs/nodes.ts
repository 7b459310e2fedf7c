import { table } from '../output'
import { changesFrom, describeNode, fieldOptions, fieldsFrom } from './node-fields'
import { composite, type VerbTable } from './types'

/** `wild node add|list|show|update|delete|patch`; `node setup` (src/cli/commands/node-manage.ts) follows its operation through a session. */
export const nodeVerbs = {
  'nodes.add': {
    kind: 'verb',
    path: ['node', 'add'],
    description: 'Register a node (adding the same node again changes nothing)',
    args: ['<hostname>'],
    options: fieldOptions(true),
    input: ({ args, opts }) => ({ hostname: args[0]!, ...fieldsFrom(opts) }),
    print: (n) => `Added ${n.hostname} (${n.role}, target ${n.targetIp}). Next: wild node setup ${n.hostname}`
  },
  'nodes.list': {
    kind: 'verb',
    path: ['node', 'list'],
    description: 'List the nodes of the instance',
    input: () => ({}),
    print: (nodes) =>
      nodes.length === 0
        ? 'No nodes yet. Add one with: wild node add HOSTNAME --role controlplane --target-ip IP'
        : table(
            ['HOSTNAME', 'ROLE', 'TARGET IP', 'CURRENT IP', 'MAC', 'DISK', 'STATE'],
            nodes.map((n) => [n.hostname, n.role, n.targetIp ?? '', n.currentIp ?? '', n.mac ?? '', n.disk ?? '', n.state])
          )
  },
  'nodes.get': {
    kind: 'verb',
    path: ['node', 'show'],
    description: 'Show one node, by hostname or MAC address',
    args: ['<node>'],
    input: ({ args }) => ({ node: args[0]! }),
    print: (n) => describeNode(n)
  },
  'nodes.update': {
    kind: 'verb',
    path: ['node', 'update'],
    description: 'Change a node ("" clears an optional field)',
    args: ['<hostname>'],
    options: fieldOptions(false),
    input: ({ args, opts }) => ({ hostname: args[0]!, changes: changesFrom(opts) }),
    print: (n) => describeNode(n)
  },
  'nodes.delete': {
    kind: 'verb',
    path: ['node', 'delete'],
    description: 'Remove a node from the instance; with --reset, wipe the machine first',
    args: ['<hostname>'],
    options: [
      { flags: '--confirm <hostname>', description: 'type the hostname again to confirm', required: true },
      { flags: '--reset', description: 'reset the machine (talosctl reset) before removing it' }
    ],
    input: ({ args, opts }) => ({ hostname: args[0]!, confirm: String(opts.confirm), reset: opts.reset === true }),
    print: (_ok, { args, opts }) => `Deleted ${args[0]}${opts.reset ? ' (the machine was reset)' : ''}.`
  },
  'nodes.setup': composite('node', 'setup'),
  'nodes.patch.preview': {
    kind: 'verb',
    path: ['node', 'patch'],
    description: 'Print the machine-config patch setup would write for a node, for review',
    args: ['<hostname>'],
    input: ({ args }) => ({ hostname: args[0]! }),
    print: (p) => `# ${p.path}\n${p.yaml.trimEnd()}`
  }
} satisfies Partial<VerbTable>
