import { AppError } from '@shared/errors'
import type { LineSink, RunOptions, RunResult, TalosRunner } from '../runner'

/**
 * One talosctl call, declared once: the arguments it is built from, its timeout, where its
 * credentials come from, how its output is read and how its failures are worded. The core runs
 * declarations through `callTalos` (never a hand-built argument list); the simulated lab must
 * implement `lab` (test/lab/declared-calls.test.ts runs every `example` against the lab's table).
 */
export interface CallDecl<I, O> {
  /** For messages and the lab test, e.g. "etcd members". */
  name: string
  /** The lab subcommand this call needs (words after `talosctl`, as in src/lab/talosctl/commands.ts). */
  lab: string[]
  args(input: I): string[]
  /** talosctl has no timeouts of its own: every call brings one. */
  timeoutMs: number | ((input: NoInfer<I>) => number)
  /** The talosconfig handed to talosctl; none for local or maintenance-mode calls. */
  talosconfig?(input: NoInfer<I>): string | undefined
  /** Reads a successful run (parse and check stdout, or pick a summary); throws MALFORMED_OUTPUT. */
  output(result: RunResult, input: NoInfer<I>): O
  /** Rewords a failure for this call; undefined keeps the runner's classification. */
  errors?(e: AppError, input: NoInfer<I>): AppError | undefined
  /** stdout goes to onLine only (followed logs). */
  streamOnly?: boolean
  /** A valid input, run against the lab by the declared-calls test. */
  example: NoInfer<I>
  /** The lab test may run `example` against a bootstrapped two-node lab and parse its output (reads only). */
  labRead?: boolean
}

export interface CallOptions {
  signal?: AbortSignal
  /** Overrides the declaration's timeout. */
  timeoutMs?: number
  onLine?: LineSink
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the list of every declaration mixes inputs and outputs
export type AnyCallDecl = CallDecl<any, any>

export function defineCall<I, O>(decl: CallDecl<I, O>): CallDecl<I, O> {
  return decl
}

/** Output readers shared by many declarations. */
export const read = {
  nothing: (): void => undefined,
  stdout: (r: RunResult): string => r.stdout,
  stdoutTrimmed: (r: RunResult): string => r.stdout.trim(),
  stderrTrimmed: (r: RunResult): string => r.stderr.trim()
}

/** Runs one declared call: arguments, timeout, credentials, output and error mapping from `decl`. */
export async function callTalos<I, O>(runner: TalosRunner, decl: CallDecl<I, O>, input: I, o: CallOptions = {}): Promise<O> {
  const args = decl.args(input)
  const opts: RunOptions = {
    signal: o.signal,
    timeoutMs: o.timeoutMs ?? (typeof decl.timeoutMs === 'function' ? decl.timeoutMs(input) : decl.timeoutMs),
    onLine: o.onLine,
    talosconfig: decl.talosconfig?.(input),
    ...(decl.streamOnly ? { streamOnly: true } : {})
  }
  let result: RunResult
  try {
    result = await runner.run(args, opts)
  } catch (e) {
    if (decl.errors && e instanceof AppError) throw decl.errors(e, input) ?? e
    throw e
  }
  return decl.output(result, input)
}
