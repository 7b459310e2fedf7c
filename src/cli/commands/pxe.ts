import { Option, type Command } from 'commander'
import { z } from 'zod'
import { SchematicId, TalosVersion } from '@shared/contract/assets'
import type { BootEvent, PxeStatus } from '@shared/contract/pxe'
import { validationError } from '@shared/errors'
import { globalOptions } from '../context'
import { action, output } from '../output'
import { withSession, type CliSession } from '../verbs/session'

interface ServeOpts {
  interface: string
  version?: string
  schematic?: string
  httpPort?: string
  dhcpRange?: string
  applyConfigAtBoot?: boolean
  localBoot?: string
  parentPid?: string
}

/** The flags typed as text, as numbers and names; the contract checks the rest at the dispatch. */
const ServeFlags = z.object({
  version: TalosVersion.optional(),
  schematic: SchematicId.optional(),
  httpPort: z.coerce.number().int('--http-port must be a whole number').min(1).max(65535).optional(),
  localBoot: z.enum(['exit', 'sanboot']).optional(),
  parentPid: z.coerce.number().int('--parent-pid must be a process id').min(1).optional()
})

/** The port the server listens on for HTTP when --http-port is not given (core/pxe/server.ts). */
const DEFAULT_HTTP_PORT = 8080

function eventLine(e: BootEvent): string {
  return [new Date().toISOString().slice(11, 19), e.stage.padEnd(9), e.mac, e.ip ?? '-', e.arch, e.firmware].join('  ')
}

function banner(st: PxeStatus, dhcpRange: string | undefined): string {
  if (st.runBy === 'demo')
    return `Demo lab: simulating network boot for "${st.instance}" on ${st.interface} (${st.address}); no packet is sent. Ctrl-C stops.\n`
  return (
    `Serving network boot for instance "${st.instance}" on ${st.interface} (${st.address}): ` +
    `${st.mode === 'full' ? `DHCP leases ${dhcpRange}` : 'proxy DHCP'}, TFTP, HTTP port ${st.httpPort}; ` +
    `Talos ${st.version} ${st.archs.join(', ')}. Ctrl-C stops.\n` +
    (st.applyConfigAtBoot
      ? 'Apply config at boot is ON: registered nodes get their machine config (with cluster secrets) unencrypted over HTTP, once each.\n'
      : '')
  )
}

/** Resolves at Ctrl-C (or TERM, HUP), or once the server stopped on its own (a stop request, the parent app ended). */
function untilStopped(s: CliSession, instance: string): Promise<void> {
  return new Promise<void>((resolve) => {
    if (s.signal.aborted) return resolve()
    s.signal.addEventListener('abort', () => resolve(), { once: true })
    s.on('pxe.changed', (e) => {
      if (e.instance !== instance) return
      void s
        .call('pxe.status', {})
        .then((st) => !st.running && resolve())
        .catch(() => {})
    })
  })
}

/**
 * `wild pxe serve`: starts the server in this process (pxe.start), prints each boot (pxe.boot) on
 * stdout and what the server has to say (pxe.log) on stderr, and stops it (pxe.stop) at Ctrl-C or
 * when asked from elsewhere. `wild pxe stop` asks the server another process runs to stop.
 */
export function registerPxeCommands(program: Command): void {
  const pxe = program.command('pxe').description("Network boot: serve the instance's Talos assets to machines booting from the LAN")

  pxe
    .command('serve')
    .description('Proxy DHCP, TFTP and HTTP boot server in the foreground until Ctrl-C; one line per boot event')
    .requiredOption('--interface <name>', 'the interface on the cluster LAN (it needs an IPv4 address)')
    .option('--version <v>', 'Talos version to boot (default: cluster.nodes.talos.version)')
    .option('--schematic <id>', "Image Factory schematic (default: the instance's, else plain Talos)")
    .option('--http-port <n>', `HTTP port for scripts, kernel and initramfs (default ${DEFAULT_HTTP_PORT})`)
    .option('--dhcp-range <from-to>', "be the LAN's DHCP server, leasing from this range (only where no other DHCP server runs)")
    .option(
      '--apply-config-at-boot',
      'zero-touch: hand each registered node (by MAC) its generated machine config at boot, once; the config holds cluster secrets and travels unencrypted on the LAN'
    )
    .option('--local-boot <how>', 'installed nodes: "exit" to the next boot device (default) or "sanboot" the first disk')
    .addOption(new Option('--parent-pid <pid>', 'stop when this process ends (the app that started the server as root)').hideHelp())
    .action(
      action(async (signal, opts: ServeOpts, cmd: Command) => {
        const flags = ServeFlags.safeParse(opts)
        if (!flags.success) throw validationError(flags.error, 'option')
        const json = globalOptions(cmd).json === true
        await withSession(cmd, signal, async (s) => {
          const instance = await s.instance()
          s.on('pxe.boot', ({ instance: i, hostname: _h, ...e }) => {
            if (i === instance) process.stdout.write((json ? JSON.stringify(e) : eventLine(e)) + '\n')
          })
          s.on('pxe.log', (l) => l.instance === instance && process.stderr.write(`pxe: ${l.line}\n`))
          const stopped = untilStopped(s, instance)
          const st = await s.call('pxe.start', {
            interface: opts.interface,
            httpPort: flags.data.httpPort,
            version: flags.data.version,
            schematicId: flags.data.schematic,
            dhcpRange: opts.dhcpRange,
            localBoot: flags.data.localBoot,
            configAtBoot: opts.applyConfigAtBoot ? 'all' : 'off',
            parentPid: flags.data.parentPid,
            terminal: true
          })
          process.stderr.write(banner(st, opts.dhcpRange))
          await stopped
          await s.call('pxe.stop', {})
          process.stderr.write(st.runBy === 'demo' ? 'Stopped.\n' : 'Stopped; every port is released.\n')
        })
      })
    )

  pxe
    .command('stop')
    .description("Ask the instance's network boot server to stop, from another terminal or after `sudo wild pxe serve`")
    .action(
      action(async (signal, _opts: unknown, cmd: Command) => {
        await withSession(cmd, signal, async (s) => {
          const before = await s.call('pxe.status', {})
          if (!before.running) return output(cmd, before, () => `No network boot server runs for instance "${before.instance}".`)
          const after = await s.call('pxe.stop', { other: true })
          output(cmd, after, () => `Stopped the network boot server of "${after.instance}" (pid ${before.pid}); every port is released.`)
        })
      })
    )
}
