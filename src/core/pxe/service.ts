import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import type { Node } from '../../shared/contract/nodes'
import type { BootEvent, PxeAssets, PxeStatus, PxeZeroTouch } from '../../shared/contract/pxe'
import { AppError } from '../../shared/errors'
import { chooseSet, readTalosDefaults } from '../assets/selection'
import { describeSet } from '../assets/inventory'
import type { DemoLab } from '../demo'
import type { EventBus } from '../event-bus'
import { pathExists } from '../fs-safe'
import { instancePaths } from '../paths'
import type { Identify } from '../discovery/identify'
import type { PxeElevation } from './elevated'
import { createBootFollowUp, type FollowUpDeps } from './follow-up'
import { IPXE_BINARIES, readBinaryCatalog, type IpxeBinary } from './binaries'
import { defaultIpxeDir } from './node-lookup'
import type { ServerStatus } from './schemas'
import { startDemo, startReal, type Running, type StartChoices } from './start'
import { readPxeStatus } from './status'
import { stopOtherServer } from './terminal'
import { readZeroTouch, writeZeroTouch } from './zero-touch'
import { assetSetView, assetsReady, listInterfaces, runningStatus, stoppedStatus } from './views'

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

export interface PxeServiceDeps {
  dataDir: string
  events: EventBus
  listNodes(instance: string): Promise<Node[]>
  clusterSubnet(instance: string): Promise<string | null>
  /** The demo lab: boots are simulated, no socket is opened. */
  demo?: Pick<DemoLab, 'laptopIp' | 'startNetboot'>
  ipxeDir?: string
  /** The desktop app: run the server as root through the platform's elevation prompt. */
  elevation?: PxeElevation
  /** Looks for machines that booted from us once they come up in maintenance mode. */
  identify?: Identify
  probe?: FollowUpDeps['probe']
  followUpEveryMs?: number
  /** Tests: stand-in for the root/capability check. */
  checkPrivileges?: (lowest: number) => Promise<void>
  /** Tests: a made-up interface list and loopback high ports. */
  testing?: { interfaces: Interfaces; ports: { dhcp: number; pxe: number; tftp: number; client: number }; broadcastTo: string }
}

export interface StartInput {
  instance: string
  interface: string
  httpPort?: number
  /** Lacking the privilege, ask the operator for administrator rights (the app only). */
  elevate?: boolean
}

/** The demo lab's one simulated interface, on the laptop's demo address. */
function demoInterfaces(ip: string): Interfaces {
  return { demo0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:02', internal: false, cidr: `${ip}/24` }] }
}

/**
 * Network boot for the app: one server per instance, run in this process (when it holds the
 * privilege for ports 67/69/4011) or simulated on the demo lab. A server started from the CLI
 * is seen through its status file, so the screen shows it live too.
 */
export function createPxeService(deps: PxeServiceDeps) {
  const running = new Map<string, Running>()
  // The demo writes no status file: its last run is kept here so the table stays after a stop.
  const lastDemo = new Map<string, ServerStatus>()
  const ipxeDir = deps.ipxeDir ?? defaultIpxeDir()
  const interfaces = (): Interfaces => deps.testing?.interfaces ?? (deps.demo ? demoInterfaces(deps.demo.laptopIp) : networkInterfaces())

  async function hostnames(instance: string): Promise<(mac: string) => string | null> {
    const nodes = await deps.listNodes(instance).catch(() => [] as Node[])
    const byMac = new Map(nodes.filter((n) => n.mac).map((n) => [n.mac!.toLowerCase(), n.hostname]))
    return (mac) => byMac.get(mac.toLowerCase()) ?? null
  }

  const followUp = deps.identify
    ? createBootFollowUp({
        identify: deps.identify,
        probe: deps.probe,
        everyMs: deps.followUpEveryMs,
        onArrival: (instance) => deps.events.emit('pxe.changed', { instance })
      })
    : null

  /** Every client the screen is shown: followed after its initramfs, and marked once it answers. */
  function withArrivals(st: PxeStatus): PxeStatus {
    if (!followUp) return st
    for (const c of st.clients) followUp.consider(st.instance, c)
    return {
      ...st,
      clients: st.clients.map((c) => {
        const a = followUp.arrival(st.instance, c.mac)
        return a ? { ...c, maintenance: { ip: a.ip, seenAt: a.seenAt } } : c
      })
    }
  }

  // One after another: each event waits for a node lookup, and the screen must see stages in order.
  let emitting = Promise.resolve()
  function emitBoot(instance: string, e: BootEvent): void {
    followUp?.consider(instance, e)
    emitting = emitting
      .then(async () => {
        const of = await hostnames(instance)
        deps.events.emit('pxe.boot', { ...e, instance, hostname: of(e.mac) })
      })
      .catch(() => {}) // a bad event must not silence the ones after it
  }

  async function choice(instance: string, explicit: { version?: string; schematicId?: string } = {}) {
    return chooseSet(explicit, await readTalosDefaults(deps.dataDir, instance))
  }

  const starting = { deps, ipxeDir, interfaces, choice, emitBoot, stop: (instance: string) => service.stop(instance) }

  const service = {
    async status(instance: string): Promise<PxeStatus> {
      return withArrivals(await service.rawStatus(instance))
    },

    async rawStatus(instance: string): Promise<PxeStatus> {
      const of = await hostnames(instance)
      let mine = running.get(instance)
      if (mine?.alive && !mine.alive()) {
        // The helper ended on its own: its status file tells the rest.
        running.delete(instance)
        mine = undefined
      }
      if (mine) return runningStatus(instance, mine.status(), mine.runBy, mine.configAtBoot ?? (await readZeroTouch(deps.dataDir, instance)).size > 0, of)
      if (deps.demo) return stoppedStatus(instance, lastDemo.get(instance) ?? null, of)
      const view = await readPxeStatus(deps.dataDir, instance)
      return view.running && view.server ? runningStatus(instance, view.server, 'other', false, of) : stoppedStatus(instance, view.server, of)
    },

    async interfaces(instance: string) {
      const subnet = await deps.clusterSubnet(instance).catch(() => null)
      return listInterfaces(interfaces(), subnet)
    },

    async assets(instance: string): Promise<PxeAssets> {
      const set = await choice(instance)
      const pxeDir = instancePaths(deps.dataDir, instance).pxe
      const sets = await Promise.all(
        (['amd64', 'arm64'] as const).map(async (arch) =>
          assetSetView(arch, await describeSet(pxeDir, { ...set, arch }, () => '', ['kernel', 'initramfs', 'cmdline']), set.version)
        )
      )
      const catalog = await readBinaryCatalog(ipxeDir)
      const binaries = (Object.keys(IPXE_BINARIES) as IpxeBinary[]).map((name) => ({
        name,
        description: IPXE_BINARIES[name],
        present: catalog.present.has(name)
      }))
      return { version: set.version, schematicId: set.schematicId, sets, binaries, ready: assetsReady(sets) }
    },

    async start(input: StartChoices): Promise<PxeStatus> {
      if (running.has(input.instance)) {
        throw new AppError('CONFLICT', `Network boot already runs for "${input.instance}" in this app. Stop it first to change the interface.`)
      }
      const r = deps.demo ? await startDemo(input, starting) : await startReal(input, starting)
      running.set(input.instance, r)
      deps.events.emit('pxe.changed', { instance: input.instance })
      return service.status(input.instance)
    },

    /** other: a server another process runs is asked to stop too (`wild pxe stop`); the app leaves it to its terminal. */
    async stop(instance: string, other = false): Promise<PxeStatus> {
      const r = running.get(instance)
      if (!r) {
        const st = await service.status(instance)
        if (st.running && other) {
          await stopOtherServer(deps.dataDir, instance)
          return service.status(instance)
        }
        if (st.running)
          throw new AppError(
            'CONFLICT',
            `The server for "${instance}" was started from a terminal (pid ${(await readPxeStatus(deps.dataDir, instance)).server?.pid ?? '?'}); stop it there with Ctrl-C.`
          )
        return st
      }
      running.delete(instance)
      await r.close()
      if (r.runBy === 'demo') lastDemo.set(instance, { ...r.status(), stoppedAt: new Date().toISOString() })
      deps.events.emit('pxe.changed', { instance })
      return service.status(instance)
    },

    async zeroTouch(instance: string): Promise<PxeZeroTouch> {
      const on = await readZeroTouch(deps.dataDir, instance)
      const paths = instancePaths(deps.dataDir, instance)
      const nodes = await deps.listNodes(instance)
      return {
        nodes: await Promise.all(
          nodes.map(async (n) => ({
            hostname: n.hostname,
            mac: n.mac,
            configGenerated: await pathExists(paths.finalConfigFor(n.hostname)),
            enabled: on.has(n.hostname)
          }))
        )
      }
    },

    /** Off by default; on only for a node the server can recognise (its MAC) with a config to hand out. */
    async setZeroTouch(input: { instance: string; hostname: string; enabled: boolean }): Promise<PxeZeroTouch> {
      const row = (await service.zeroTouch(input.instance)).nodes.find((n) => n.hostname === input.hostname)
      if (!row) throw new AppError('NOT_FOUND', `There is no node "${input.hostname}" in "${input.instance}". Add it on the Nodes screen first.`)
      if (input.enabled && !row.mac) {
        throw new AppError(
          'VALIDATION',
          `"${input.hostname}" has no MAC address recorded, so the boot server cannot recognise it. Add its MAC on the node's page.`
        )
      }
      if (input.enabled && !row.configGenerated) {
        throw new AppError(
          'VALIDATION',
          `"${input.hostname}" has no generated machine config yet (talos/final/${input.hostname}.yaml). Generate it from Setup first.`
        )
      }
      const on = await readZeroTouch(deps.dataDir, input.instance)
      if (input.enabled) on.add(input.hostname)
      else on.delete(input.hostname)
      await writeZeroTouch(deps.dataDir, input.instance, on)
      deps.events.emit('pxe.changed', { instance: input.instance })
      return service.zeroTouch(input.instance)
    },

    /** The app quits or the core is rebuilt: every server it runs stops and releases its ports. */
    async close(): Promise<void> {
      followUp?.close()
      const all = [...running.values()]
      running.clear()
      await Promise.all(all.map((r) => r.close().catch(() => {})))
    }
  }
  return service
}
export type PxeService = ReturnType<typeof createPxeService>
