import { appVerbs } from './app'
import { assetVerbs } from './assets'
import { boardVerbs } from './boards'
import { clusterVerbs } from './cluster'
import { discoveryVerbs } from './discovery'
import { etcdVerbs } from './etcd'
import { instanceVerbs } from './instances'
import { machineVerbs } from './machines'
import { nodeOpsVerbs } from './node-ops'
import { nodeVerbs } from './nodes'
import { operationVerbs } from './operations'
import { pxeVerbs } from './pxe'
import { talosVerbs } from './talos'
import { upgradeVerbs } from './upgrade'
import type { VerbTable } from './types'

/**
 * What `wild` does with every contract command: a verb run through the IPC dispatch, a composite
 * verb written in src/cli/commands on a CliSession (the same dispatch), or nothing (app-only). A new contract command is a compile
 * error here until it has an entry. To add one, in src/cli/verbs/<feature>.ts:
 *   'feature.command': { kind: 'verb', path: ['feature', 'verb'], description: '…', args: ['<name>'],
 *     input: ({ args, opts }) => ({ name: args[0]! }), print: (out) => `…` },   // or appOnly('why')
 * and spread that feature's object below (once per feature file).
 */
export const verbTable = {
  ...appVerbs,
  ...assetVerbs,
  ...boardVerbs,
  ...clusterVerbs,
  ...discoveryVerbs,
  ...etcdVerbs,
  ...instanceVerbs,
  ...machineVerbs,
  ...nodeOpsVerbs,
  ...nodeVerbs,
  ...operationVerbs,
  ...pxeVerbs,
  ...talosVerbs,
  ...upgradeVerbs
} satisfies VerbTable
