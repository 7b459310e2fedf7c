import type { Command } from 'commander'
import { registerAssetCommands } from './assets'
import { registerClusterCommands } from './cluster'
import { registerConfigCommands } from './config'
import { registerDiagnosticsCommand } from './diagnostics'
import { registerDiscoverCommand } from './discover'
import { registerEtcdCommands } from './etcd'
import { registerInstanceCommands } from './instance'
import { registerNodeCommands } from './node'
import { registerOpsCommands } from './ops'
import { registerTalosCommands } from './talos'
import { registerPxeCommands } from './pxe'
import { registerUpgradeCommands } from './upgrade'
import { registerBoardCommands } from './board'

/** Each feature registers its own commands; this list is the whole CLI. */
export function registerCommands(program: Command): void {
  registerInstanceCommands(program)
  registerDiagnosticsCommand(program)
  registerNodeCommands(program)
  registerConfigCommands(program)
  registerClusterCommands(program)
  registerOpsCommands(program)
  registerDiscoverCommand(program)
  registerAssetCommands(program)
  registerTalosCommands(program)
  registerPxeCommands(program)
  registerEtcdCommands(program)
  registerUpgradeCommands(program)
  registerBoardCommands(program)
}
