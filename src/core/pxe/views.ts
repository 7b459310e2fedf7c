import type { NetworkInterfaceInfo } from 'node:os'
import type { Asset } from '../../shared/contract/assets'
import type { PxeAssetSet, PxeClientView, PxeInterface, PxeStatus } from '../../shared/contract/pxe'
import { ipToInt, maskOf } from '../discovery/cidr'
import type { SeenClient, ServerStatus } from './schemas'

/** Pure shaping for the app's pxe.* answers; the service does the reading. */

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

function inSubnet(ip: string, cidr: string): boolean {
  const [net, bits] = cidr.split('/')
  const prefix = Number(bits)
  if (!net || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false
  const mask = maskOf(prefix)
  return (ipToInt(ip) & mask) >>> 0 === (ipToInt(net) & mask) >>> 0
}

/**
 * Interfaces a boot server could serve on (IPv4, not loopback). The suggestion is the one inside
 * the cluster's subnet; with no subnet set yet, the only candidate when there is exactly one.
 */
export function listInterfaces(all: Interfaces, clusterSubnet: string | null): PxeInterface[] {
  const rows: Omit<PxeInterface, 'suggested'>[] = []
  for (const [name, addrs] of Object.entries(all)) {
    const v4 = (addrs ?? []).find((a) => a.family === 'IPv4' && !a.internal && a.cidr)
    if (v4) rows.push({ name, address: v4.address, cidr: v4.cidr! })
  }
  const inside = clusterSubnet ? rows.filter((r) => inSubnet(r.address, clusterSubnet)) : []
  const pick = inside[0]?.name ?? (rows.length === 1 ? rows[0]!.name : null)
  return rows.map((r) => ({ ...r, suggested: r.name === pick }))
}

/** One arch's files → ready / missing / unverified, with the next step in words. */
export function assetSetView(arch: PxeAssetSet['arch'], rows: Asset[], version: string): PxeAssetSet {
  const files = rows.map((r) => ({ type: r.type, state: r.state, size: r.size }))
  const unverified = rows.filter((r) => r.state === 'unknown' || r.state === 'corrupt')
  const missing = rows.filter((r) => r.state === 'missing' || r.state === 'partial')
  if (unverified.length) {
    return {
      arch,
      state: 'unverified',
      files,
      next: `${unverified.map((r) => r.type).join(', ')} cannot be vouched for (${unverified.map((r) => (r.state === 'corrupt' ? 'corrupt' : 'no download record')).join(', ')}): download them again.`
    }
  }
  if (missing.length) {
    return { arch, state: 'missing', files, next: `Download the ${arch} ${missing.map((r) => r.type).join(', ')} of Talos ${version}.` }
  }
  return { arch, state: 'ready', files, next: null }
}

/** amd64 is needed unless arm64 alone is complete; an arch with some files but not all blocks the start. */
export function assetsReady(sets: PxeAssetSet[]): boolean {
  const amd = sets.find((s) => s.arch === 'amd64')
  const arm = sets.find((s) => s.arch === 'arm64')
  const armUntouched = !arm || arm.files.every((f) => f.state === 'missing')
  if (amd?.state === 'ready') return arm?.state === 'ready' || armUntouched
  const amdUntouched = !amd || amd.files.every((f) => f.state === 'missing')
  return amdUntouched && arm?.state === 'ready'
}

export function clientView(c: SeenClient, hostnameOf: (mac: string) => string | null): PxeClientView {
  return { ...c, hostname: hostnameOf(c.mac) }
}

export function stoppedStatus(instance: string, last: ServerStatus | null, hostnameOf: (mac: string) => string | null): PxeStatus {
  return {
    instance,
    running: false,
    runBy: null,
    interface: last?.interface ?? null,
    address: last?.address ?? null,
    httpPort: last?.httpPort ?? null,
    mode: last?.mode ?? null,
    version: last?.version ?? null,
    startedAt: last?.startedAt ?? null,
    stoppedAt: last?.stoppedAt ?? null,
    pid: last?.pid ?? null,
    archs: last?.archs ?? [],
    applyConfigAtBoot: false,
    clients: (last?.clients ?? []).map((c) => clientView(c, hostnameOf))
  }
}

export function runningStatus(
  instance: string,
  s: ServerStatus,
  runBy: 'app' | 'demo' | 'other',
  applyConfigAtBoot: boolean,
  hostnameOf: (mac: string) => string | null
): PxeStatus {
  return { ...stoppedStatus(instance, s, hostnameOf), running: true, runBy, stoppedAt: null, applyConfigAtBoot }
}
