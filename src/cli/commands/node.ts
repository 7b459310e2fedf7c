import type { Command } from 'commander'
import { registerNodeDetectCommand } from './node-detect'
import { registerNodeManageCommands } from './node-manage'
import { registerNodeOpsCommands } from './node-ops'

/** `wild node …`: detection (Talos layer) and the registry and setup (node lifecycle). */
export function registerNodeCommands(program: Command): void {
  const node = program.command('node').description('Detect, add, list, set up and delete nodes')
  registerNodeDetectCommand(node)
  registerNodeManageCommands(node)
  registerNodeOpsCommands(node)
}
