import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import type { NetworkInterfaceInfo } from 'node:os'
import { Arch } from '../../shared/contract/assets'
import { AppError } from '../../shared/errors'
import { instancePaths } from '../paths'
import { isIpxeBinary, readBinaryCatalog, type IpxeBinary } from './binaries'
import { startDhcpServer } from './dhcp-server'
import { startHttpServer } from './http-server'
import { createLeasePool, parseDhcpRange, resolveInterface } from './network'
import { checkPrivileges } from './privileges'
import type { BootEvent, ServerStatus } from './schemas'
import { installerScript, localDiskScript, noAssetsScript, type LocalBoot } from './script'
import { loadServedSets } from './served-assets'
import { lockInstance, writeStatus } from './status'
import { startTftpServer } from './tftp-server'
import { createBootTracker } from './tracker'
import { ConfigToken, createConfigTokens } from './zero-touch'

/** What the server asks about a MAC: is it a node of this instance, and is it installed? */
export type NodeLookup = (mac: string) => Promise<{ hostname: string; installed: boolean } | null>

export interface PxeServerOptions {
  dataDir: string
  instance: string
  interfaceName: string
  version: string
  schematicId: string
  httpPort?: number
  /** FROM-TO: full DHCP with leases from this range; absent = proxy DHCP (the default). */
  dhcpRange?: string
  localBoot?: LocalBoot
  /** resources/ipxe: the iPXE builds and their licence. */
  ipxeDir: string
  nodeForMac: NodeLookup
  /**
   * Zero-touch (off when absent): for a registered, not yet installed node that `wants` it and
   * has a generated config, the installer gets `talos.config=` pointing at a one-time URL.
   */
  configAtBoot?: { wants(hostname: string): Promise<boolean>; configPath(hostname: string): string }
  onEvent: (e: BootEvent) => void
  log: (line: string) => void
  /** Tests: high ports on loopback, a made-up interface list, replies to a loopback client. */
  testing?: {
    ports: { dhcp: number; pxe: number; tftp: number; client: number }
    interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>
    broadcastTo: string
  }
}

export const DEFAULT_HTTP_PORT = 8080

export interface PxeServer {
  interface: string
  address: string
  httpPort: number
  mode: 'proxy' | 'full'
  missingBinaries: IpxeBinary[]
  status(): ServerStatus
  close(): Promise<void>
}

/**
 * Everything is checked before the first port opens (interface, range, privileges, assets,
 * the one-server-per-instance lock), and a failure while opening closes what was opened: the
 * server runs completely or not at all.
 */
export async function startPxeServer(o: PxeServerOptions): Promise<PxeServer> {
  const iface = resolveInterface(o.interfaceName, o.testing?.interfaces)
  const range = o.dhcpRange ? parseDhcpRange(o.dhcpRange, iface) : null
  const ports = o.testing?.ports ?? { dhcp: 67, pxe: 4011, tftp: 69, client: 68 }
  await checkPrivileges(Math.min(ports.dhcp, ports.pxe, ports.tftp))
  const sets = await loadServedSets(instancePaths(o.dataDir, o.instance).pxe, o)
  const binaries = await readBinaryCatalog(o.ipxeDir)
  if (binaries.present.size === 0) {
    throw new AppError('NOT_FOUND', `No iPXE binaries in ${o.ipxeDir}. Reinstall Wild Central, or run scripts/refresh-ipxe.sh in a source checkout.`)
  }
  const release = await lockInstance(o.dataDir, o.instance)
  const startedAt = new Date().toISOString()
  const closers: (() => Promise<void>)[] = [release]
  let httpPort = o.httpPort ?? DEFAULT_HTTP_PORT
  let statusTimer: NodeJS.Timeout | null = null
  let stoppedAt: string | null = null

  const status = (): ServerStatus => ({
    schemaVersion: 1,
    pid: process.pid,
    startedAt,
    updatedAt: new Date().toISOString(),
    stoppedAt,
    interface: iface.name,
    address: iface.ip,
    httpPort,
    mode: range ? 'full' : 'proxy',
    version: o.version,
    schematicId: o.schematicId,
    archs: [...sets.keys()],
    clients: tracker.clients()
  })
  const saveSoon = () => {
    // Coalesced: a burst of events (50 machines powering on) is one write, not fifty.
    statusTimer ??= setTimeout(() => {
      statusTimer = null
      void writeStatus(o.dataDir, o.instance, status()).catch((e: Error) => o.log(`status file: ${e.message}`))
    }, 200)
  }
  const tokens = createConfigTokens()
  const tracker = createBootTracker((e) => {
    o.onEvent(e)
    saveSoon()
  })

  try {
    const view = { ip: iface.ip, httpPort, binaries: binaries.present }
    const http = await startHttpServer(iface.ip, httpPort, {
      log: o.log,
      reached: (by, stage) => tracker.stage(by, stage),
      async config(token, ip) {
        if (!o.configAtBoot || !ConfigToken.safeParse(token).success) return null
        const grant = tokens.redeem(token, { ip, macAtIp: tracker.macAt(ip) })
        if (!grant) {
          o.log(`refused a config request from ${ip}: not the machine the token was issued to, or already used`)
          return null
        }
        const body = await fs.readFile(grant.path).catch(() => null)
        if (body) tracker.stage({ mac: grant.mac, ip }, 'config')
        return body
      },
      file(area, first, second) {
        if (area === 'ipxe') return isIpxeBinary(first) && binaries.present.has(first) ? { path: join(o.ipxeDir, first), stage: 'binary' } : null
        const set = Arch.safeParse(first).success ? sets.get(first as Arch) : undefined
        if (!set) return null
        if (second === 'kernel') return { path: set.kernel, stage: 'kernel' }
        if (second === 'initramfs.xz') return { path: set.initramfs, stage: 'initramfs' }
        return null
      },
      async script({ mac, arch, ip }) {
        const node = mac ? await o.nodeForMac(mac) : null
        if (node?.installed) {
          tracker.stage({ mac, ip }, 'script', { script: 'local-disk' })
          return localDiskScript(`${node.hostname} (${mac})`, o.localBoot ?? 'exit')
        }
        const parsedArch = Arch.safeParse(arch)
        const set = parsedArch.success ? sets.get(parsedArch.data) : undefined
        if (!set) {
          tracker.stage({ mac, ip }, 'script', { script: null })
          return noAssetsScript(arch ?? 'unknown', `This server has: ${[...sets.keys()].join(', ')}.`)
        }
        tracker.stage({ mac, ip }, 'script', { script: 'installer', arch: set.arch })
        const extraArgs: string[] = []
        if (mac && node && o.configAtBoot && (await o.configAtBoot.wants(node.hostname))) {
          const path = o.configAtBoot.configPath(node.hostname)
          if (
            await fs.stat(path).then(
              (st) => st.isFile(),
              () => false
            )
          ) {
            const token = tokens.issue({ mac, ip, hostname: node.hostname, path })
            extraArgs.push(`talos.config=http://${iface.ip}:${httpPort}/config/${token}`)
          } else o.log(`${node.hostname}: apply config at boot is on but there is no generated config; it boots to maintenance mode`)
        }
        return installerScript({
          assetBase: `http://${iface.ip}:${httpPort}/assets/${set.arch}`,
          cmdline: set.cmdline,
          extraArgs,
          label: `Talos ${set.version} ${set.arch}${node ? ` for ${node.hostname}` : ''}`
        })
      }
    })
    closers.push(http.close)
    httpPort = view.httpPort = http.port
    const tftp = await startTftpServer({
      host: iface.ip,
      port: ports.tftp,
      log: o.log,
      resolve: (name) => (isIpxeBinary(name) && binaries.present.has(name) ? join(o.ipxeDir, name) : null),
      onDone: (_name, client) => tracker.stage({ ip: client.address }, 'binary')
    })
    closers.push(tftp.close)
    const dhcp = await startDhcpServer({
      view,
      host: iface.ip,
      listenHost: o.testing ? iface.ip : '0.0.0.0',
      broadcastTo: o.testing?.broadcastTo ?? '255.255.255.255',
      dhcpPort: ports.dhcp,
      pxePort: ports.pxe,
      clientPort: ports.client,
      mask: iface.mask,
      leases: range ? createLeasePool(range, iface.ip) : null,
      tracker,
      log: o.log
    })
    closers.push(dhcp.close)
    await writeStatus(o.dataDir, o.instance, status())
  } catch (e) {
    await closeAll(closers)
    throw e
  }

  return {
    interface: iface.name,
    address: iface.ip,
    httpPort,
    mode: range ? 'full' : 'proxy',
    missingBinaries: binaries.missing,
    status,
    async close() {
      if (statusTimer) clearTimeout(statusTimer)
      stoppedAt = new Date().toISOString()
      // Ports first, then the final status, then the lock: a successor never sees a stale "running".
      const [releaseLock, ...servers] = closers
      await closeAll(servers)
      await writeStatus(o.dataDir, o.instance, status()).catch(() => {})
      await releaseLock!()
    }
  }
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  for (const c of [...closers].reverse()) await c().catch(() => {})
}
