import type { Command } from 'commander'
import { registerAssetCommands } from './assets'
import { registerClusterCommands } from './cluster'
import { registerDiscoverCommand } from './discover'
import { registerEtcdCommands } from './etcd'
import { registerNodeCommands } from './node'
import { registerOpsCommands } from './ops'
import { registerTalosCommands } from './talos'
import { registerPxeCommands } from './pxe'
import { registerUpgradeCommands } from './upgrade'
import { registerVerbs } from '../verbs/run'
import { verbTable } from '../verbs/table'

/** The composite verbs (several contract commands or a stream, on a CliSession), then the table's verbs: together, the whole CLI. */
export function registerCommands(program: Command): void {
  registerNodeCommands(program)
  registerClusterCommands(program)
  registerOpsCommands(program)
  registerDiscoverCommand(program)
  registerAssetCommands(program)
  registerTalosCommands(program)
  registerPxeCommands(program)
  registerEtcdCommands(program)
  registerUpgradeCommands(program)
  // The verbs that run through the contract's dispatch (src/cli/verbs/table.ts).
  registerVerbs(program, verbTable)
}
