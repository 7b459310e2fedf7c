import { setTimeout as sleep } from 'node:timers/promises'
import { Option, type Command } from 'commander'
import { z } from 'zod'
import { SchematicId, TalosVersion } from '../../shared/contract/assets'
import { AppError, validationError } from '../../shared/errors'
import { chooseSet, readTalosDefaults } from '../../core/assets/selection'
import { instancePaths } from '../../core/paths'
import { defaultIpxeDir, nodeLookup } from '../../core/pxe/node-lookup'
import type { BootEvent } from '../../core/pxe/schemas'
import { DEFAULT_HTTP_PORT, startPxeServer } from '../../core/pxe/server'
import { netbootPaths, readPxeStatus, requestStop } from '../../core/pxe/status'
import { watchForStop } from '../../core/pxe/stop-watch'
import type { EventPayload } from '../../shared/contract'
import type { Core } from '../../core'
import { coreFor, globalOptions, instanceFor } from '../context'
import { action, output, table } from '../output'

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

const ServeFlags = z.object({
  version: TalosVersion.optional(),
  schematic: SchematicId.optional(),
  httpPort: z.coerce.number().int('--http-port must be a whole number').min(1).max(65535).optional(),
  localBoot: z.enum(['exit', 'sanboot']).optional(),
  parentPid: z.coerce.number().int('--parent-pid must be a process id').min(1).optional()
})

function eventLine(e: BootEvent): string {
  return [new Date().toISOString().slice(11, 19), e.stage.padEnd(9), e.mac, e.ip ?? '-', e.arch, e.firmware].join('  ')
}

function untilStopped(signal: AbortSignal, also?: (stop: () => void) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
    process.once('SIGTERM', () => resolve())
    also?.(resolve)
  })
}

/** `wild --demo pxe serve`: the demo lab's simulated boots, as the app shows them; no socket is opened. */
async function serveDemo(core: Core, instance: string, iface: string, print: (e: BootEvent) => void, signal: AbortSignal): Promise<void> {
  const off = core.events.onAny((name, payload) => {
    if (name !== 'pxe.boot') return
    const { instance: _i, hostname: _h, ...event } = payload as EventPayload<'pxe.boot'>
    print(event)
  })
  try {
    const st = await core.pxe.start({ instance, interface: iface })
    process.stderr.write(`Demo lab: simulating network boot for "${instance}" on ${st.interface} (${st.address}); no packet is sent. Ctrl-C stops.\n`)
    await untilStopped(signal)
    await core.pxe.stop(instance)
    process.stderr.write('Stopped.\n')
  } finally {
    off()
  }
}

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
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const print = (e: BootEvent) => process.stdout.write((json ? JSON.stringify(e) : eventLine(e)) + '\n')
          if (globalOptions(cmd).demo) return await serveDemo(core, instance, opts.interface, print, signal)
          const set = chooseSet({ version: flags.data.version, schematicId: flags.data.schematic }, await readTalosDefaults(core.options.dataDir, instance))
          const server = await startPxeServer({
            dataDir: core.options.dataDir,
            instance,
            interfaceName: opts.interface,
            version: set.version,
            schematicId: set.schematicId,
            httpPort: flags.data.httpPort,
            dhcpRange: opts.dhcpRange,
            localBoot: flags.data.localBoot,
            ipxeDir: defaultIpxeDir(),
            nodeForMac: nodeLookup(() => core.nodes.list(instance)),
            // Asked for on the command line: every registered node with a generated config gets it.
            configAtBoot: opts.applyConfigAtBoot
              ? { wants: async () => true, configPath: (hostname) => instancePaths(core.options.dataDir, instance).finalConfigFor(hostname) }
              : undefined,
            onEvent: print,
            log: (line) => process.stderr.write(`pxe: ${line}\n`)
          })
          const st = server.status()
          process.stderr.write(
            `Serving network boot for instance "${instance}" on ${server.interface} (${server.address}): ` +
              `${server.mode === 'proxy' ? 'proxy DHCP' : `DHCP leases ${opts.dhcpRange}`}, TFTP, HTTP port ${server.httpPort}; ` +
              `Talos ${set.version} ${st.archs.join(', ')}. Ctrl-C stops.\n` +
              (opts.applyConfigAtBoot
                ? 'Apply config at boot is ON: registered nodes get their machine config (with cluster secrets) unencrypted over HTTP, once each.\n'
                : '') +
              (server.missingBinaries.length ? `Not available: ${server.missingBinaries.join(', ')} (those machines get no answer).\n` : '')
          )
          let unwatch = () => {}
          await untilStopped(signal, (stop) => {
            unwatch = watchForStop({
              stopFile: netbootPaths(core.options.dataDir, instance).stopRequest,
              parentPid: flags.data.parentPid,
              onStop: (reason) => {
                process.stderr.write(`Stopping: ${reason}.\n`)
                stop()
              }
            })
          })
          unwatch()
          await server.close()
          process.stderr.write('Stopped; every port is released.\n')
        } finally {
          await core.close()
        }
      })
    )

  pxe
    .command('stop')
    .description("Ask the instance's network boot server to stop, from another terminal or after `sudo wild pxe serve`")
    .action(
      action(async (signal, _opts: unknown, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const before = await readPxeStatus(core.options.dataDir, instance)
          if (!before.running) return output(cmd, before, () => `No network boot server runs for instance "${instance}".`)
          await requestStop(core.options.dataDir, instance)
          const deadline = Date.now() + 15_000
          let view = before
          while (view.running && Date.now() < deadline && !signal.aborted) {
            await sleep(250)
            view = await readPxeStatus(core.options.dataDir, instance)
          }
          if (view.running) throw new AppError('TIMEOUT', `The server (pid ${view.server?.pid}) did not stop within 15 s. Stop it with Ctrl-C in its terminal.`)
          output(cmd, view, () => `Stopped the network boot server of "${instance}" (pid ${before.server?.pid}); every port is released.`)
        } finally {
          await core.close()
        }
      })
    )

  pxe
    .command('status')
    .description('Whether a network boot server runs for the instance, where, and the machines it has seen')
    .action(
      action(async (_signal, _opts: unknown, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const view = await readPxeStatus(core.options.dataDir, instance)
          output(cmd, view, () => {
            const s = view.server
            if (!view.running)
              return (
                `No network boot server runs for instance "${instance}".` + (s ? ` The last one stopped ${s.stoppedAt ?? '(it did not stop cleanly)'}.` : '')
              )
            const head = `Serving for "${instance}" on ${s!.interface} (${s!.address}), ${s!.mode} DHCP, HTTP port ${s!.httpPort}, pid ${s!.pid}.`
            const rows = s!.clients.map((c) => [c.mac, c.ip ?? '-', c.arch, c.firmware, c.stage, c.script ?? '-', c.lastSeenAt])
            return rows.length
              ? `${head}\n${table(['MAC', 'IP', 'ARCH', 'FIRMWARE', 'STAGE', 'SCRIPT', 'LAST SEEN'], rows)}`
              : `${head}\nNo machine has booted yet.`
          })
        } finally {
          await core.close()
        }
      })
    )
}
