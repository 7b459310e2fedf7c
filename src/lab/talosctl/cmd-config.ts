import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { args, type Command } from './command'
import type { CommandContext } from './context'
import { TalosctlError } from './errors'
import { table } from './output'
import { openTalosconfig, parseTalosconfig, saveTalosconfig, talosconfigPath, type Talosconfig } from './talosconfig'

/**
 * `talosctl config endpoint|node|context|contexts|merge`: edit the talosconfig file in place.
 * The edits print nothing and rewrite the file 0600 (folder 0700); merge renames a clashing
 * context to name-1 and says so on stderr, then switches to the merged context.
 */

async function load(ctx: CommandContext): Promise<{ path: string; cfg: Talosconfig }> {
  const path = talosconfigPath(ctx.str('talosconfig'), ctx.io.env, ctx.home, ctx.io.cwd)
  return { path, cfg: await openTalosconfig(path) }
}

function setList(key: 'endpoints' | 'nodes') {
  return async (ctx: CommandContext): Promise<void> => {
    const { path, cfg } = await load(ctx)
    const name = ctx.str('context') || cfg.context
    const context = cfg.contexts[name]
    if (!context) throw new TalosctlError(name ? `context ${JSON.stringify(name)} is not defined` : 'no context is set')
    context[key] = [...ctx.args]
    await saveTalosconfig(path, cfg)
  }
}

async function useContext(ctx: CommandContext): Promise<void> {
  const { path, cfg } = await load(ctx)
  const name = ctx.args[0]!
  if (!cfg.contexts[name]) throw new TalosctlError(`context ${JSON.stringify(name)} is not defined`)
  cfg.context = name
  await saveTalosconfig(path, cfg)
}

async function listContexts(ctx: CommandContext): Promise<void> {
  const { cfg } = await load(ctx)
  const rows = [['CURRENT', 'NAME', 'ENDPOINTS', 'NODES']]
  for (const name of Object.keys(cfg.contexts).sort()) {
    const c = cfg.contexts[name]!
    rows.push([name === cfg.context ? '*' : '', name, c.endpoints.join(','), (c.nodes ?? []).join(',')])
  }
  ctx.out(table(rows))
}

async function mergeFile(ctx: CommandContext): Promise<void> {
  const file = ctx.args[0]!
  let incoming: Talosconfig
  try {
    incoming = parseTalosconfig(await readFile(resolve(ctx.io.cwd, file), 'utf8'))
  } catch {
    throw new TalosctlError(`open ${file}: no such file or directory`)
  }
  const { path, cfg } = await load(ctx)
  for (const [name, context] of Object.entries(incoming.contexts)) {
    let target = name
    for (let n = 1; cfg.contexts[target]; n++) target = `${name}-${n}`
    if (target !== name) ctx.err(`renamed talosconfig context ${JSON.stringify(name)} -> ${JSON.stringify(target)}\n`)
    cfg.contexts[target] = context
    if (name === incoming.context) cfg.context = target
  }
  await saveTalosconfig(path, cfg)
}

const words = (path: string[], aliases: string[], use: string, rule: Command['args'], run: Command['run']): Command => ({
  path,
  aliases,
  use,
  args: rule,
  flags: [],
  run
})

export const configCommands: Command[] = [
  words(['config', 'endpoint'], ['endpoints'], 'config endpoint <endpoint>...', args.atLeast(0), setList('endpoints')),
  words(['config', 'node'], ['nodes'], 'config node <endpoint>...', args.atLeast(0), setList('nodes')),
  words(['config', 'context'], [], 'config context <context>', args.exactly(1), useContext),
  words(['config', 'contexts'], [], 'config contexts', args.none, listContexts),
  words(['config', 'merge'], [], 'config merge <from>', args.exactly(1), mergeFile)
]
