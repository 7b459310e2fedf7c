import { readFile, writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseDocuments } from '../config-facts'
import { renderDocuments } from '../gen/machine-config'
import { patchDocuments } from '../gen/patch'
import { args, type Command } from './command'
import { checkConfig } from './config-check'
import type { CommandContext } from './context'
import { TalosctlError } from './errors'

/**
 * `talosctl machineconfig patch <file> --patch @p.yaml [-o out]` (alias `mc`): the patched
 * config goes to stdout followed by a newline, or to a file with mode 0644.
 */

/** Every document of a config file (a 1.12+ config has several). */
export async function readConfigFile(ctx: CommandContext, file: string): Promise<Record<string, unknown>[]> {
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch {
    throw new TalosctlError(`open ${file}: no such file or directory`)
  }
  let docs: Record<string, unknown>[]
  try {
    docs = parseDocuments(text).map((d) => d.body)
  } catch {
    throw new TalosctlError(`failed to decode config ${file}`)
  }
  if (docs.length === 0) throw new TalosctlError(`failed to decode config ${file}`)
  return docs
}

async function run(ctx: CommandContext): Promise<void> {
  const [file] = ctx.args as [string]
  const docs = await readConfigFile(ctx, file)
  let out: Record<string, unknown>[]
  try {
    out = await patchDocuments(docs, ctx.list('patch'), ctx.io.cwd)
  } catch (e) {
    throw new TalosctlError((e as Error).message)
  }
  const text = renderDocuments(out)
  // talosctl decodes the result with its own machinery: a 1.11 client does not know 1.12 kinds.
  const check = checkConfig(text, ctx.lab.clientVersion)
  if (check.kind === 'decode') throw new TalosctlError(check.message.replace(/\n+$/, ''))
  const target = ctx.str('output')
  if (!target) return ctx.out(text + '\n')
  await writeFile(resolve(ctx.io.cwd, target), text, { mode: 0o644 })
}

const base = {
  use: 'machineconfig patch <configfile>',
  args: args.exactly(1),
  flags: [
    { name: 'patch', short: 'p', kind: 'array', help: 'patch generated machineconfigs (applied to all node types), use @file to read a patch from file' },
    { name: 'output', short: 'o', kind: 'string', help: 'output destination. if not specified, output will be printed to stdout' }
  ],
  run
} satisfies Omit<Command, 'path'>

export const machineconfigPatchCommand: Command = { ...base, path: ['machineconfig', 'patch'] }
export const mcPatchCommand: Command = { ...base, path: ['mc', 'patch'] }
