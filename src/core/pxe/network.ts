import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os'
import { AppError } from '../../shared/errors'
import { intToIp, ipToInt, maskOf } from '../discovery/cidr'

export interface BoundInterface {
  name: string
  ip: string
  prefix: number
  mask: string
}

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>

/** The operator's interface and its first IPv4 address; refuses unknown names and IPv6-only links. */
export function resolveInterface(name: string, all: Interfaces = networkInterfaces()): BoundInterface {
  const addrs = all[name]
  if (!addrs) {
    const known = Object.keys(all).filter((n) => (all[n] ?? []).some((a) => a.family === 'IPv4' && !a.internal))
    throw new AppError(
      'NOT_FOUND',
      `There is no network interface "${name}". Interfaces with an IPv4 address: ${known.join(', ') || 'none'}. Pass one with --interface.`
    )
  }
  const v4 = addrs.find((a) => a.family === 'IPv4')
  if (!v4 || !v4.cidr) {
    throw new AppError(
      'VALIDATION',
      `The interface "${name}" has no IPv4 address; network boot needs one. Connect it to the cluster LAN (or give it an address) and try again.`
    )
  }
  const prefix = Number(v4.cidr.split('/')[1])
  return { name, ip: v4.address, prefix, mask: intToIp(maskOf(prefix)) }
}

export interface DhcpRange {
  from: string
  to: string
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** `FROM-TO`, both inside the interface's subnet, neither its network nor broadcast address. */
export function parseDhcpRange(text: string, iface: BoundInterface): DhcpRange {
  const parts = text
    .trim()
    .split('-')
    .map((s) => s.trim())
  if (parts.length !== 2 || !IPV4.test(parts[0]!) || !IPV4.test(parts[1]!)) {
    throw new AppError('VALIDATION', `"${text}" is not a DHCP range. Write it like 192.168.1.100-192.168.1.150.`)
  }
  const [from, to] = parts as [string, string]
  const mask = maskOf(iface.prefix)
  const net = (ipToInt(iface.ip) & mask) >>> 0
  const bcast = (net | ~mask) >>> 0
  const subnet = `${intToIp(net)}/${iface.prefix}`
  for (const addr of [from, to]) {
    const n = ipToInt(addr)
    if ((n & mask) >>> 0 !== net) {
      throw new AppError('VALIDATION', `${addr} is outside ${iface.name}'s subnet ${subnet}. Choose a range inside ${subnet}.`)
    }
    if (n === net || n === bcast) {
      throw new AppError('VALIDATION', `${addr} is the network or broadcast address of ${subnet}; a machine cannot have it.`)
    }
  }
  if (ipToInt(from) > ipToInt(to)) throw new AppError('VALIDATION', `The DHCP range ${text} ends before it starts. Write the lower address first.`)
  return { from, to }
}

/**
 * Full-DHCP mode's leases, in memory: a MAC keeps its address for the life of the server, the
 * server's own address is never handed out, and a full range answers with null (no offer).
 */
export function createLeasePool(range: DhcpRange, serverIp: string) {
  const byMac = new Map<string, string>()
  const taken = new Set<string>([serverIp])
  return {
    leaseFor(mac: string): string | null {
      const have = byMac.get(mac)
      if (have) return have
      for (let n = ipToInt(range.from); n <= ipToInt(range.to); n++) {
        const ip = intToIp(n)
        if (taken.has(ip)) continue
        taken.add(ip)
        byMac.set(mac, ip)
        return ip
      }
      return null
    },
    /** The address this MAC holds, if any: a REQUEST for another one is refused with a NAK. */
    current(mac: string): string | null {
      return byMac.get(mac) ?? null
    }
  }
}
export type LeasePool = ReturnType<typeof createLeasePool>
