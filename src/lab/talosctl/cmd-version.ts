import { args, flag, type Command } from './command'
import { reachInsecure, secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, maintenanceUnimplemented } from './errors'
import { garble } from './output'
import { longVersion, release } from './versions'

/**
 * `talosctl version` (reference talos.md §4): the Client block, then "Server:" and one block per
 * node. There is no -o json. The maintenance API refuses Version (Unimplemented), so
 * `version --insecure` on a fresh machine prints the Client block and "Server:", then fails.
 */

function serverBlock(ctx: CommandContext, t: Reached): string {
  const tag = t.view.machine.talosVersion
  if (ctx.bool('json')) {
    const r = release(tag)
    return (
      JSON.stringify({
        metadata: { hostname: t.node || t.ip },
        version: { tag, sha: r.sha, goVersion: r.go, os: 'linux', arch: t.view.machine.arch },
        platform: { name: 'metal', mode: 'metal' },
        features: { rbac: true }
      }) + '\n'
    )
  }
  return `\tNODE:        ${t.node || t.ip}\n${longVersion(tag, t.view.machine.arch)}\tEnabled:     RBAC\n`
}

async function run(ctx: CommandContext): Promise<void> {
  const client = ctx.lab.clientVersion
  const json = ctx.bool('json')
  if (!json) ctx.out(`Client:\n${ctx.bool('short') ? `\tTalos ${client}\n` : longVersion(client)}`)
  if (ctx.bool('client')) return
  if (!json) ctx.out('Server:\n')
  try {
    if (ctx.bool('insecure')) {
      const t = await reachInsecure(ctx)
      if (t.view.api === 'maintenance') throw maintenanceUnimplemented()
      ctx.out(serverBlock(ctx, t))
      return
    }
    const secure = await secureClient(ctx)
    const fanOut = secure.nodes.length > 1
    for (const node of secure.nodes) {
      let t: Reached
      try {
        t = await secure.reach(node)
      } catch (e) {
        // apid fans the call out and names the node that failed.
        if (fanOut && e instanceof RpcError) throw new RpcError(`${node}: ${e.message}`)
        throw e
      }
      const block = serverBlock(ctx, t)
      ctx.out(t.garbage ? garble(block) : block)
    }
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error getting version: ${e.message}`)
    throw e
  }
}

export const versionCommand: Command = {
  path: ['version'],
  use: 'version',
  args: args.none,
  flags: [
    { name: 'client', kind: 'bool', help: 'Print client version only' },
    { name: 'short', kind: 'bool', help: 'Print the short version' },
    { name: 'json', kind: 'bool', help: 'Print the version as JSON' },
    flag.insecure
  ],
  run
}
