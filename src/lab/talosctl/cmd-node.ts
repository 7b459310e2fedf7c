import type { Machine } from '../model'
import { goDuration, servicesOf } from '../node/services'
import { kernelLine, serviceLine } from '../node/log-lines'
import { args, type Command } from './command'
import { secureClient, type Reached } from './connect'
import type { CommandContext } from './context'
import { RpcError, TalosctlError, multiError } from './errors'
import { table } from './output'

/**
 * `talosctl services`, `talosctl logs <service>` and `talosctl dmesg` as the Talos docs show
 * them: a NODE/SERVICE/STATE/HEALTH/LAST CHANGE/LAST EVENT table; log and kernel lines prefixed
 * with "<node>: "; `-f` keeps streaming new lines until the process is stopped. An unknown
 * service has an empty log (Talos keeps a log buffer per id), so it prints nothing.
 */

/** How many lines a machine's log holds before a follow adds more. */
export const HISTORY_LINES = 30

async function reachAll(ctx: CommandContext): Promise<{ reached: Reached[]; errors: string[] }> {
  const client = await secureClient(ctx)
  const reached: Reached[] = []
  const errors: string[] = []
  for (const node of client.nodes) {
    try {
      reached.push(await client.reach(node))
    } catch (e) {
      if (!(e instanceof RpcError)) throw e
      errors.push(`${node}: ${e.message}`)
    }
  }
  if (reached.length === 0) throw multiError(errors)
  return { reached, errors }
}

async function services(ctx: CommandContext): Promise<void> {
  const { reached, errors } = await reachAll(ctx)
  const now = Date.now()
  if (ctx.args[0]) {
    for (const t of reached) {
      const s = servicesOf(t.view, ctx.lab).find((x) => x.id === ctx.args[0])
      if (!s) throw new TalosctlError(`1 error occurred:\n\t* ${t.node}: rpc error: code = NotFound desc = service "${ctx.args[0]}" not registered\n\n`)
      const ago = goDuration(now - Date.parse(t.view.bootedAt) - s.changedAfterS * 1000)
      ctx.out(
        table([
          ['NODE', t.node],
          ['ID', s.id],
          ['STATE', s.state],
          ['HEALTH', s.health],
          ['EVENTS', `[${s.state}]: ${s.lastEvent} (${ago} ago)`]
        ])
      )
    }
    return
  }
  const rows: string[][] = [['NODE', 'SERVICE', 'STATE', 'HEALTH', 'LAST CHANGE', 'LAST EVENT']]
  for (const t of reached) {
    for (const s of servicesOf(t.view, ctx.lab)) {
      const ago = goDuration(now - Date.parse(t.view.bootedAt) - s.changedAfterS * 1000)
      rows.push([t.node, s.id, s.state, s.health, `${ago} ago`, s.lastEvent])
    }
  }
  if (errors.length) ctx.err(`WARNING: ${multiError(errors).message}`)
  ctx.out(table(rows))
}

/** Prints the history (or its last `tail` lines), then with follow a new line every logStepMs. */
async function stream(ctx: CommandContext, reached: Reached[], line: (m: Machine, n: number) => string, o: { tail: number; follow: boolean }): Promise<void> {
  const first = o.tail < 0 ? 0 : Math.max(0, HISTORY_LINES - o.tail)
  for (const t of reached) for (let n = first; n < HISTORY_LINES; n++) ctx.out(`${t.node}: ${line(t.view.machine, n)}\n`)
  if (!o.follow) return
  for (let n = HISTORY_LINES; ; n++) {
    await ctx.sleep(Math.max(ctx.lab.timing.logStepMs, 10))
    for (const t of reached) ctx.out(`${t.node}: ${line(t.view.machine, n)}\n`)
  }
}

async function wrap(prefix: string, body: () => Promise<void>): Promise<void> {
  try {
    await body()
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`${prefix}: ${e.message}`)
    throw e
  }
}

async function logs(ctx: CommandContext): Promise<void> {
  const tail = Number(ctx.str('tail'))
  if (!Number.isInteger(tail)) {
    throw new TalosctlError(`invalid argument "${ctx.str('tail')}" for "--tail" flag: strconv.ParseInt: parsing "${ctx.str('tail')}": invalid syntax`)
  }
  await wrap('error fetching logs', async () => {
    const client = await secureClient(ctx)
    const reached = await Promise.all(client.nodes.map((n) => client.reach(n)))
    const service = ctx.args[0]!
    const known = (t: Reached) => servicesOf(t.view, ctx.lab).some((s) => s.id === service)
    const withLog = reached.filter(known)
    if (withLog.length === 0) {
      if (ctx.bool('follow')) await ctx.hang()
      return
    }
    await stream(ctx, withLog, (m, n) => serviceLine(m, service, n), { tail, follow: ctx.bool('follow') })
  })
}

async function dmesg(ctx: CommandContext): Promise<void> {
  await wrap('error getting dmesg', async () => {
    const client = await secureClient(ctx)
    const reached = await Promise.all(client.nodes.map((n) => client.reach(n)))
    // --tail: only new messages (useful with --follow).
    await stream(ctx, reached, kernelLine, { tail: ctx.bool('tail') ? 0 : -1, follow: ctx.bool('follow') })
  })
}

export const nodeCommands: Command[] = [
  { path: ['service'], aliases: ['services'], use: 'service [<id>]', args: args.between(0, 1), flags: [], run: services },
  {
    path: ['logs'],
    use: 'logs <service name>',
    args: args.exactly(1),
    flags: [
      { name: 'follow', short: 'f', kind: 'bool', help: 'specify if the logs should be streamed' },
      { name: 'tail', kind: 'string', default: '-1', help: 'lines of log file to display (default is to show from the beginning)' },
      { name: 'kubernetes', short: 'k', kind: 'bool', help: 'use the k8s.io containerd namespace' }
    ],
    run: logs
  },
  {
    path: ['dmesg'],
    use: 'dmesg',
    args: args.none,
    flags: [
      { name: 'follow', short: 'f', kind: 'bool', help: 'specify if the kernel log should be streamed' },
      { name: 'tail', kind: 'bool', help: 'specify if only new messages should be sent (makes sense only when combined with --follow)' }
    ],
    run: dmesg
  }
]
