import { args, type Command } from './command'
import type { CommandContext } from './context'
import { changeEachNode } from './each-node'
import { RpcError, TalosctlError } from './errors'

/**
 * `talosctl reboot` and `talosctl shutdown` over mTLS. A reboot goes quiet (no route to host),
 * then boots and runs again (the lab's reboot transition); a shutdown powers the machine off and
 * it stays unreachable. With --wait (the default) the command returns once the machine went
 * down; the lab prints no progress lines, as for reset.
 */

async function power(ctx: CommandContext, kind: 'reboot' | 'shutdown'): Promise<void> {
  try {
    await changeEachNode(ctx, (m, t, now) => {
      if (kind === 'reboot') m.transition = { kind: 'reboot', startedAt: now, fromIp: t.ip }
      else m.poweredOff = true
    })
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error executing ${kind}: ${e.message}`)
    throw e
  }
  if (ctx.bool('wait')) await ctx.sleep(Math.min(ctx.lab.timing.rebootDelayMs, ctx.lab.timing.waitCapMs) / 2)
}

const waitFlags = [
  { name: 'wait', kind: 'bool', default: true, help: 'wait for the operation to complete, tracking its progress' },
  { name: 'debug', kind: 'bool', help: 'debug operation from kernel logs' },
  { name: 'timeout', kind: 'string', default: '30m0s', help: 'time to wait for the operation is complete if --debug or --wait is set' }
] as const

export const powerCommands: Command[] = [
  {
    path: ['reboot'],
    use: 'reboot',
    args: args.none,
    flags: [
      {
        name: 'mode',
        short: 'm',
        kind: 'string',
        default: 'default',
        help: 'select the reboot mode: "default", "powercycle" (skips kexec), "force" (skips graceful teardown)'
      },
      ...waitFlags
    ],
    run: (ctx) => power(ctx, 'reboot')
  },
  {
    path: ['shutdown'],
    use: 'shutdown',
    args: args.none,
    flags: [{ name: 'force', kind: 'bool', help: 'if true, force a node to shutdown without a cordon/drain' }, ...waitFlags],
    run: (ctx) => power(ctx, 'shutdown')
  }
]
