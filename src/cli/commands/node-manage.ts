import type { Command } from 'commander'

/** Placeholder until the node lifecycle lands `wild node add|list|show|update|delete|setup`. */
export function registerNodeManageCommands(_node: Command): void {}
