import type { NetworkInterfaceInfo } from 'node:os'
import { quote } from 'shell-quote'
import type { BootEvent } from '../../shared/contract/pxe'
import { AppError } from '../../shared/errors'
import type { AssetSet } from '../assets/catalog'
import { instancePaths } from '../paths'
import { startElevatedServer } from './elevated'
import { resolveInterface } from './network'
import { nodeLookup } from './node-lookup'
import { checkPrivileges } from './privileges'
import type { ServerStatus } from './schemas'
import { DEFAULT_HTTP_PORT, startPxeServer } from './server'
import { loadServedSets } from './served-assets'
import type { PxeServiceDeps, StartInput } from './service'
import { netbootPaths } from './status'
import { watchForStop } from './stop-watch'
import { configAtBootFor } from './terminal'
import { createBootTracker } from './tracker'

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

/** What `wild pxe serve` may add (see the pxe.start contract). */
export interface StartChoices extends StartInput {
  version?: string
  schematicId?: string
  dhcpRange?: string
  localBoot?: 'exit' | 'sanboot'
  configAtBoot?: 'per-node' | 'all' | 'off'
  parentPid?: number
  terminal?: boolean
}

export interface Running {
  runBy: 'app' | 'demo'
  /** Hands out machine configs at boot regardless of the per-node switches (true) or never (false). */
  configAtBoot?: boolean
  status(): ServerStatus
  /** A helper process that may end on its own; absent for servers in this process. */
  alive?(): boolean
  close(): Promise<void>
}

/** What starting borrows from the service: one server per instance is its business, not this file's. */
interface StartContext {
  deps: PxeServiceDeps
  ipxeDir: string
  interfaces(): Interfaces
  choice(instance: string, explicit?: { version?: string; schematicId?: string }): Promise<AssetSet>
  emitBoot(instance: string, e: BootEvent): void
  /** Stops the instance's server the way the app does, so a stop request ends it like the Stop button. */
  stop(instance: string): Promise<unknown>
}

/** The exact command that runs the same server from a terminal with root's privilege. */
export function serveCommand(o: StartInput & { dataDir: string }): string {
  // sudo gives root another home, hence another default data folder: name the app's.
  const words = ['sudo', 'wild', 'pxe', 'serve', '--interface', o.interface, '--instance', o.instance]
  if (o.httpPort) words.push('--http-port', String(o.httpPort))
  words.push('--data-dir', o.dataDir)
  return quote(words)
}

export async function startDemo(input: StartChoices, ctx: StartContext): Promise<Running> {
  const { deps, interfaces, choice, emitBoot } = ctx
  const iface = resolveInterface(input.interface, interfaces())
  const set = await choice(input.instance, input)
  const sets = await loadServedSets(instancePaths(deps.dataDir, input.instance).pxe, set)
  const startedAt = new Date().toISOString()
  const tracker = createBootTracker((e) => emitBoot(input.instance, e))
  const sim = await deps.demo!.startNetboot((e) => {
    if (e.stage === 'dhcp') tracker.dhcp(e.mac, e.ip, e.arch, e.firmware)
    else tracker.stage({ mac: e.mac, ip: e.ip ?? '' }, e.stage, e.stage === 'script' ? { script: 'installer' } : {})
  })
  const status = (): ServerStatus => ({
    schemaVersion: 1,
    pid: process.pid,
    startedAt,
    updatedAt: new Date().toISOString(),
    stoppedAt: null,
    interface: iface.name,
    address: iface.ip,
    httpPort: input.httpPort ?? DEFAULT_HTTP_PORT,
    mode: 'proxy',
    version: set.version,
    schematicId: set.schematicId,
    archs: [...sets.keys()],
    clients: tracker.clients()
  })
  return { runBy: 'demo', status, close: async () => sim.close() }
}

export async function startReal(input: StartChoices, ctx: StartContext): Promise<Running> {
  const { deps, ipxeDir, interfaces, choice, emitBoot } = ctx
  // The interface first, so the command offered below names one that exists.
  resolveInterface(input.interface, interfaces())
  const ports = deps.testing?.ports
  try {
    await (deps.checkPrivileges ?? checkPrivileges)(ports ? Math.min(ports.dhcp, ports.pxe, ports.tftp) : 67)
  } catch (e) {
    // From a terminal, the check's own words (sudo, setcap) are the way out.
    if (!(e instanceof AppError) || e.code !== 'FORBIDDEN' || input.terminal) throw e
    if (input.elevate && deps.elevation) {
      const helper = await startElevatedServer({ ...input, dataDir: deps.dataDir, elevation: deps.elevation })
      return { runBy: 'app', ...helper }
    }
    const command = serveCommand({ ...input, dataDir: deps.dataDir })
    const ways = deps.elevation ? 'Start it with administrator rights (the system asks for your password), or run it' : 'Run the server'
    throw new AppError(
      'FORBIDDEN',
      `The app has no permission for ports 67, 69 and 4011 (it is not root and lacks CAP_NET_BIND_SERVICE). ${ways} from a terminal instead, and this screen shows it live: ${command}`,
      { command, canElevate: !!deps.elevation }
    )
  }
  const set = await choice(input.instance, input)
  const log = (line: string) => deps.events.emit('pxe.log', { instance: input.instance, line })
  const server = await startPxeServer({
    dataDir: deps.dataDir,
    instance: input.instance,
    interfaceName: input.interface,
    version: set.version,
    schematicId: set.schematicId,
    httpPort: input.httpPort,
    dhcpRange: input.dhcpRange,
    localBoot: input.localBoot,
    ipxeDir,
    nodeForMac: nodeLookup(() => deps.listNodes(input.instance)),
    onEvent: (e) => emitBoot(input.instance, e),
    log,
    configAtBoot: configAtBootFor(deps.dataDir, input.instance, input.configAtBoot),
    testing: deps.testing
  })
  if (server.missingBinaries.length) log(`Not available: ${server.missingBinaries.join(', ')} (those machines get no answer).`)
  // `wild pxe stop`, the app that started it as root, or that app ending: each stops it here.
  const unwatch = watchForStop({
    stopFile: netbootPaths(deps.dataDir, input.instance).stopRequest,
    parentPid: input.parentPid,
    onStop: (reason) => {
      log(`Stopping: ${reason}.`)
      void ctx.stop(input.instance).catch(() => {})
    }
  })
  const close = async () => {
    unwatch()
    await server.close()
  }
  const configAtBoot = input.configAtBoot === 'all' ? true : input.configAtBoot === 'off' ? false : undefined
  return { runBy: 'app', configAtBoot, status: () => server.status(), close }
}
