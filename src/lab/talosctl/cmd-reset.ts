import { args, flag, type Command } from './command'
import { reachInsecure } from './connect'
import type { CommandContext } from './context'
import { changeEachNode } from './each-node'
import { RpcError, TalosctlError, maintenanceUnimplemented } from './errors'

/**
 * `talosctl reset`: wipes the installed system and its cluster identity. With --reboot the
 * machine comes back in maintenance mode at its DHCP address after a reboot; without it the
 * machine powers off. The maintenance API refuses reset (Unimplemented). With --wait (the
 * default) the command returns once the reboot is over; the lab prints no progress lines.
 */

async function run(ctx: CommandContext): Promise<void> {
  try {
    if (ctx.bool('insecure')) {
      // Only a maintenance server accepts --insecure, and it does not implement reset.
      await reachInsecure(ctx)
      throw maintenanceUnimplemented()
    }
    await changeEachNode(ctx, (m, t, now) => {
      m.transition = { kind: 'reset', startedAt: now, fromIp: t.ip, powerOff: !ctx.bool('reboot') }
      m.ip = m.dhcpIp
      m.stage = 'maintenance'
      m.configured = false
      m.bootstrapped = false
      for (const k of ['config', 'cluster', 'role', 'systemDisk', 'installError', 'etcdRemoved'] as const) delete m[k]
    })
  } catch (e) {
    if (e instanceof RpcError) throw new TalosctlError(`error executing reset: ${e.message}`)
    throw e
  }
  if (ctx.bool('wait')) await ctx.sleep(Math.min(ctx.lab.timing.rebootDelayMs, ctx.lab.timing.waitCapMs))
}

export const resetCommand: Command = {
  path: ['reset'],
  use: 'reset',
  args: args.none,
  flags: [
    { name: 'graceful', kind: 'bool', default: true, help: 'if true, attempt to cordon/drain node and leave etcd (if applicable)' },
    { name: 'reboot', kind: 'bool', help: 'if true, reboot the node after resetting instead of shutting down' },
    { name: 'wait', kind: 'bool', default: true, help: 'wait for the operation to complete, tracking its progress' },
    flag.insecure,
    // Accepted as talosctl does (all, system-disk, user-disks); the lab wipes the same either way.
    { name: 'wipe-mode', kind: 'string', default: 'all', help: 'disk reset mode' },
    { name: 'system-labels-to-wipe', kind: 'array', help: 'if set, just wipe selected system disk partitions by label but keep other partitions intact' },
    { name: 'user-disks-to-wipe', kind: 'array', help: 'if set, user disks will be wiped' },
    { name: 'timeout', kind: 'string', default: '30m0s', help: 'time to wait for the operation is complete if --debug or --wait is set' },
    { name: 'debug', kind: 'bool', help: 'debug operation from kernel logs' }
  ],
  run
}
