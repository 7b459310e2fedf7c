import type { ArgRule, FlagSpec } from './args'
import type { CommandContext } from './context'

/** One talosctl subcommand: where it sits, what it accepts, and what it does. */
export interface Command {
  /** Words after `talosctl`, e.g. ['gen', 'config']. */
  path: string[]
  /** Other names for the last word (apply for apply-config, mc for machineconfig). */
  aliases?: string[]
  use: string
  args: ArgRule
  flags: FlagSpec[]
  run(ctx: CommandContext): Promise<void>
}

/** Persistent flags of the root command (talosctl v1.11). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'talosconfig', kind: 'string', help: 'The path to the Talos configuration file' },
  { name: 'context', kind: 'string', help: 'Context to be used in command' },
  { name: 'nodes', short: 'n', kind: 'slice', help: 'target the specified nodes' },
  { name: 'endpoints', short: 'e', kind: 'slice', help: 'override default endpoints in Talos configuration' },
  { name: 'cluster', kind: 'string', help: 'Cluster to connect to if a proxy endpoint is used.' },
  { name: 'help', short: 'h', kind: 'bool', help: 'help for talosctl' }
]

export const flag = {
  insecure: { name: 'insecure', short: 'i', kind: 'bool', help: 'use Talos maintenance mode API' } satisfies FlagSpec,
  force: { name: 'force', short: 'f', kind: 'bool', help: 'will overwrite existing files' } satisfies FlagSpec
}

export const args = {
  none: { min: 0, max: 0 },
  exactly: (n: number): ArgRule => ({ min: n, max: n }),
  between: (min: number, max: number): ArgRule => ({ min, max }),
  atLeast: (n: number): ArgRule => ({ min: n, max: Infinity })
}
