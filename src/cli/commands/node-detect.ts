import type { Command } from 'commander'
import { AppError } from '../../shared/errors'
import { IPv4 } from '../../shared/schemas/common'
import { coreFor, globalOptions } from '../context'
import { formatHardware } from '../format-hardware'
import { action, output } from '../output'

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
      action(async (signal, ip: string, _opts, cmd: Command) => {
        const parsed = IPv4.safeParse(ip)
        if (!parsed.success) throw new AppError('VALIDATION', `"${ip}" is not an IPv4 address (like 192.168.1.50).`)
        const core = coreFor(cmd)
        const named = globalOptions(cmd).instance
        const instance = named ? await core.instances.resolve(named) : await core.instances.current()
        const info = await core.hardware.detect(instance, parsed.data, signal)
        output(cmd, info, () => formatHardware(info))
      })
    )
}
