import { table } from '../output'
import type { VerbTable } from './types'

/** `wild instance create|list|use|delete`. */
export const instanceVerbs = {
  'instances.create': {
    kind: 'verb',
    path: ['instance', 'create'],
    description: 'Create an instance and make it current',
    args: ['<name>'],
    options: [{ flags: '--no-use', description: 'do not make it the current instance' }],
    input: ({ args, opts }) => ({ name: args[0]!, use: opts.use !== false }),
    print: (i) => `Created instance ${i.name} at ${i.path}`
  },
  'instances.list': {
    kind: 'verb',
    path: ['instance', 'list'],
    description: 'List instances',
    input: () => ({}),
    print: (list) =>
      list.length === 0
        ? 'No instances yet. Create one with: wild instance create NAME'
        : table(
            ['', 'NAME', 'CLUSTER', 'NODES', 'STATE'],
            list.map((i) => [i.current ? '*' : '', i.name + (i.demo ? ' (demo)' : ''), i.clusterName ?? '', String(i.nodeCount), i.error ?? 'ok'])
          )
  },
  'instances.use': {
    kind: 'verb',
    path: ['instance', 'use'],
    description: 'Make an instance the current one',
    args: ['<name>'],
    input: ({ args }) => ({ instance: args[0]! }),
    print: (i) => `Now using instance ${i.name}`
  },
  'instances.delete': {
    kind: 'verb',
    path: ['instance', 'delete'],
    description: 'Delete an instance and everything in its folder',
    args: ['<name>'],
    options: [{ flags: '--confirm <name>', description: 'type the instance name again to confirm', required: true }],
    input: ({ args, opts }) => ({ instance: args[0]!, confirm: String(opts.confirm) }),
    print: (_ok, { args }) => `Deleted instance ${args[0]}`
  }
} satisfies Partial<VerbTable>
