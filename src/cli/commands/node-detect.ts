import type { Command } from 'commander'

/** Placeholder until the Talos layer lands `wild node detect IP`. */
export function registerNodeDetectCommand(_node: Command): void {}
