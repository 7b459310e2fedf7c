import type { Command } from 'commander'
import { globalOptions } from '../context'
import { formatHardware } from '../format-hardware'
import { action, output } from '../output'
import { withSession } from '../verbs/session'

/**
 * `wild node detect IP`: reads a machine's disks, NICs and Talos state and suggests an install
 * disk and interface. Uses the instance's talosconfig when there is one (for configured
 * machines); with no instance at all, maintenance-mode machines can still be read.
 */
export function registerNodeDetectCommand(node: Command): void {
  node
    .command('detect')
    .argument('<ip>', "the machine's address, as its console shows it")
    .description("Read a machine's disks, network interfaces and Talos state")
    .action(
      action(async (signal, ip: string, _opts, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          // --instance must name one that exists; without it the current one, or none on a fresh data folder.
          const instance = globalOptions(cmd).instance ? await s.instance() : ((await s.call('instances.list', {})).find((i) => i.current)?.name ?? null)
          const info = await s.call('hardware.detect', { instance, ip })
          output(cmd, info, () => formatHardware(info))
        })
      )
    )
}
