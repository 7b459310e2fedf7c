import type { Command } from 'commander'
import { stringify } from 'yaml'
import { toAppError } from '../shared/errors'
import { globalOptions } from './context'
import { cancelOnStopSignal } from './signals'

/** Exit codes scripts rely on: 0 success, 1 operational error, 2 usage error. */
export const EXIT_ERROR = 1
export const EXIT_USAGE = 2

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n')
}

/** Prints `value` as JSON under --json, else the human text. */
export function output(cmd: Command, value: unknown, human: () => string): void {
  if (globalOptions(cmd).json) printJson(value)
  else process.stdout.write(human() + '\n')
}

/** Operational errors: message on stderr; with --json, {"error":{code,message}} on stdout. */
export function reportError(cmd: Command, e: unknown): number {
  const err = toAppError(e)
  if (globalOptions(cmd).json) printJson({ error: { code: err.code, message: err.message } })
  process.stderr.write(`error: ${err.message} [${err.code}]\n`)
  return EXIT_ERROR
}

/** Wraps an action so every failure becomes exit 1 with the right output; Ctrl-C, TERM and HUP cancel. */
export function action<A extends unknown[]>(fn: (signal: AbortSignal, ...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    const cmd = args[args.length - 1] as Command
    const controller = new AbortController()
    const forget = cancelOnStopSignal(() => controller.abort())
    try {
      await fn(controller.signal, ...args)
    } catch (e) {
      process.exitCode = reportError(cmd, e)
    } finally {
      forget()
    }
  }
}

/** A value as YAML (a scalar as itself): readable, and every field is there. */
export function yamlText(value: unknown): string {
  return value === null || typeof value !== 'object' ? String(value) : stringify(value, { lineWidth: 0 }).trimEnd()
}

/** A table with padded columns for human output. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c ?? '').padEnd(widths[i]!))
      .join('  ')
      .trimEnd()
  return [line(headers), ...rows.map(line)].join('\n')
}
