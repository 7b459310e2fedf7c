import type { Command } from 'commander'
import { registerDiagnosticsCommand } from './diagnostics'
import { registerInstanceCommands } from './instance'
import { registerNodeCommands } from './node'

/** Each feature registers its own commands; this list is the whole CLI. */
export function registerCommands(program: Command): void {
  registerInstanceCommands(program)
  registerDiagnosticsCommand(program)
  registerNodeCommands(program)
}
