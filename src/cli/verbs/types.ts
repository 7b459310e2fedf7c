import type { CommandInput, CommandName, CommandOutput } from '../../shared/contract'

/** What a verb's action received from commander: positional arguments in order, then the options. */
export interface VerbArgs {
  args: (string | undefined)[]
  opts: Record<string, unknown>
}

/** A contract input whose `instance` the runner may fill in from --instance or the current instance. */
export type VerbInput<K extends CommandName> =
  CommandInput<K> extends { instance: infer I } ? Omit<CommandInput<K>, 'instance'> & { instance?: I } : CommandInput<K>

/** One option of a verb, as commander takes it. */
export interface VerbOption {
  flags: string
  description: string
  required?: boolean
  /** Turns the typed text into a value; the contract's schema still validates it at dispatch. */
  parse?: (value: string) => unknown
}

/**
 * A `wild` verb for one contract command. The generic runner (run.ts) parses the flags, builds the
 * input with `input`, sends it through the same dispatch as IPC (zod in, zod out), then prints the
 * parsed output: exactly that under --json, else `print`. An input without `instance` gets the
 * --instance flag (or the current instance) when the contract's input has that key.
 */
export interface CliVerb<K extends CommandName> {
  kind: 'verb'
  /** The words after `wild`, like ['node', 'list']. */
  path: string[]
  description: string
  /** Commander argument specs, like '<name>' or '[snapshot]'. */
  args?: string[]
  options?: VerbOption[]
  input(a: VerbArgs): VerbInput<K>
  /** The human text; without it the output is printed as YAML. `input` is what was sent. */
  print?(out: CommandOutput<K>, a: VerbArgs, input: CommandInput<K>): string
  /** A warning for stderr, printed in both modes (an answer from a cached list, say). */
  warn?(out: CommandOutput<K>): string | undefined
  /** Operations the answer started: the runner follows them (steps on stderr, Ctrl-C cancels) before printing. */
  follow?(out: CommandOutput<K>): string[]
  /** The exit code a successful answer means (diagnostics with a failed check exits 1). */
  exitCode?(out: CommandOutput<K>): number
}

/** A command only the desktop app can carry out: native dialogs, the window, the app's own demo mode. */
export interface AppOnly {
  kind: 'app-only'
  why: string
}

/**
 * A contract command run by a verb written by hand in src/cli/commands, because that verb runs
 * several commands (show, or change then show) or streams events. It still goes through the
 * dispatch: its action gets a CliSession (./session.ts), never the core. `path` names that verb.
 */
export interface Composite {
  kind: 'composite'
  path: string[]
}

export type VerbEntry<K extends CommandName> = CliVerb<K> | AppOnly | Composite

/** Every contract command, and what `wild` does with it: a missing key is a compile error. */
export type VerbTable = { [K in CommandName]: VerbEntry<K> }

export const appOnly = (why: string): AppOnly => ({ kind: 'app-only', why })
export const composite = (...path: string[]): Composite => ({ kind: 'composite', path })
