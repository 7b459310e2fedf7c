import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { args, type Command } from './command'
import { checkConfig, problemList } from './config-check'
import type { CommandContext } from './context'
import { TalosctlError } from './errors'

/**
 * `talosctl validate --config FILE --mode metal`: reads the config as the client's own Talos
 * version would (a 1.11 client does not know the 1.12 documents) and prints
 * "<file> is valid for <mode> mode" on success, or the errors with exit code 1.
 */

const MODES = ['cloud', 'container', 'metal']

async function run(ctx: CommandContext): Promise<void> {
  const file = ctx.str('config')
  const mode = ctx.str('mode')
  if (!mode) throw new TalosctlError('required flag(s) "mode" not set')
  let text: string
  try {
    text = await readFile(resolve(ctx.io.cwd, file), 'utf8')
  } catch {
    throw new TalosctlError(`open ${file}: no such file or directory`)
  }
  const check = checkConfig(text, ctx.lab.clientVersion)
  if (check.kind !== 'checked') throw new TalosctlError(check.message.replace(/\n+$/, ''))
  if (!MODES.includes(mode)) throw new TalosctlError(`unknown mode: ${JSON.stringify(mode)}`)
  if (check.problems.length) throw new TalosctlError(problemList(check.problems).replace(/\n+$/, '\n'))
  ctx.out(`${file} is valid for ${mode} mode\n`)
}

export const validateCommand: Command = {
  path: ['validate'],
  use: 'validate',
  args: args.none,
  flags: [
    { name: 'config', short: 'c', kind: 'string', help: 'the path of the config file' },
    { name: 'mode', short: 'm', kind: 'string', help: 'the mode to validate the config for (valid values are metal, cloud, and container)' },
    { name: 'strict', kind: 'bool', help: 'treat validation warnings as errors' }
  ],
  run
}
