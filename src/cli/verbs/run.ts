import type { Command } from 'commander'
import type { CommandInput, CommandName } from '../../shared/contract'
import { action, output, yamlText } from '../output'
import { takesInstance, withSession } from './session'
import { GROUPS, helpOrder } from './groups'
import type { CliVerb, VerbArgs, VerbEntry, VerbInput, VerbTable } from './types'

/** The command `words` names under `root`, creating the groups on the way. */
function commandAt(root: Command, words: string[]): Command {
  let at = root
  words.forEach((word, i) => {
    const found = at.commands.find((c) => c.name() === word)
    if (found && i < words.length - 1) {
      at = found
      return
    }
    if (found) throw new Error(`wild ${words.join(' ')} is defined twice`)
    at = at.command(word)
    const group = GROUPS[words.slice(0, i + 1).join(' ')]
    if (i < words.length - 1 && group) at.description(group)
  })
  return at
}

/**
 * Runs one verb the way IPC runs a command: the same handlers over a CLI context, the same
 * dispatch (zod in, zod out). Under --json the parsed output is printed as it is.
 */
export async function runVerb<K extends CommandName>(name: K, verb: CliVerb<K>, a: VerbArgs, cmd: Command, signal: AbortSignal): Promise<void> {
  await withSession(cmd, signal, async (session) => {
    const input: Record<string, unknown> = { ...verb.input(a) }
    if (input.instance === undefined && takesInstance(name)) input.instance = await session.instance()
    const out = await session.call(name, input as VerbInput<K>)
    // The jobs run in this process: wait for them, so the command ends when they do.
    for (const id of verb.follow?.(out) ?? []) await session.follow(String(input.instance), id)
    const warning = verb.warn?.(out)
    if (warning) process.stderr.write(`warning: ${warning}\n`)
    output(cmd, out, () => (verb.print ? verb.print(out, a, input as CommandInput<K>) : yamlText(out)))
    const code = verb.exitCode?.(out)
    if (code) process.exitCode = code
  })
}

/** Adds a commander command for every CliVerb in the table. */
export function registerVerbs(program: Command, table: VerbTable): void {
  for (const name of Object.keys(table) as CommandName[]) {
    const verb = table[name] as VerbEntry<CommandName>
    if (verb.kind !== 'verb') continue
    const cmd = commandAt(program, verb.path).description(verb.description)
    for (const arg of verb.args ?? []) cmd.argument(arg)
    for (const o of verb.options ?? []) {
      if (o.required) cmd.requiredOption(o.flags, o.description, o.parse as (v: string) => unknown)
      else if (o.parse) cmd.option(o.flags, o.description, o.parse as (v: string) => unknown)
      else cmd.option(o.flags, o.description)
    }
    cmd.action(
      action(async (signal, ...rest: unknown[]) => {
        const command = rest[rest.length - 1] as Command
        await runVerb(name, verb, { args: rest.slice(0, -2) as (string | undefined)[], opts: command.opts() }, command, signal)
      })
    )
  }
  // Verbs are added after the hand-written commands; help still lists the groups in their usual order.
  ;(program.commands as Command[]).sort((a, b) => helpOrder(a.name()) - helpOrder(b.name()))
}
