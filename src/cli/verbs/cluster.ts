import { yamlText as show } from '../output'
import { parseCliValue } from '../commands/config'
import { composite, type VerbTable } from './types'

/** `wild config get|set` and `wild cluster …` (cluster.ts in the contract, and lifecycle.ts); config, bootstrap and kubeconfig run several commands, by hand. */
export const clusterVerbs = {
  'config.get': {
    kind: 'verb',
    path: ['config', 'get'],
    description: 'Print one value, like: wild config get cluster.nodes.control.vip',
    args: ['<key>'],
    input: ({ args }) => ({ key: args[0]! }),
    print: (r) => show(r.value)
  },
  'config.set': {
    kind: 'verb',
    path: ['config', 'set'],
    description: 'Set one value (true/false and JSON lists are parsed), like: wild config set cluster.network.subnet 192.168.1.0/24',
    args: ['<key>', '<value>'],
    input: ({ args }) => ({ key: args[0]!, value: parseCliValue(args[1]!) as never }),
    print: (r) => `${r.key} = ${show(r.value)}`
  },
  'cluster.settings.get': composite('cluster', 'config'),
  'cluster.settings.update': composite('cluster', 'config'),
  'cluster.generateConfig': composite('cluster', 'config'),
  'cluster.bootstrap': composite('cluster', 'bootstrap'),
  'cluster.kubeconfig': composite('cluster', 'kubeconfig'),
  'cluster.mergeKubeconfig': composite('cluster', 'kubeconfig'),
  'cluster.health': {
    kind: 'verb',
    path: ['cluster', 'health'],
    description: 'Run the cluster health checks, one line per check; Ctrl-C cancels',
    options: [{ flags: '--timeout <seconds>', description: 'give up after this long', parse: Number }],
    input: ({ opts }) => ({ waitTimeoutSeconds: opts.timeout as number | undefined }),
    follow: (r) => [r.operationId],
    print: () => 'The cluster is healthy.'
  },
  'cluster.allowWorkloads': {
    kind: 'verb',
    path: ['cluster', 'allow-workloads'],
    description: 'Allow workloads on the control planes: sets the setting and re-applies each ready control plane; steps on stderr, Ctrl-C cancels',
    input: () => ({}),
    follow: (r) => r.operationIds,
    print: (r) =>
      r.operationIds.length === 0
        ? 'Workloads are allowed on the control planes.'
        : `Re-applied ${r.operationIds.length} control plane(s): workloads are allowed.`
  }
} satisfies Partial<VerbTable>
