import type { NetworkInterfaceInfo } from 'node:os'
import type { CidrSuggestion } from '../../shared/contract/discovery'
import { intToIp, ipToInt, maskOf, MIN_PREFIX, parseCidr } from './cidr'

/**
 * Interfaces that are not the LAN the machines are on: containers, VM host networks, VPNs,
 * tunnels and Apple's peer-to-peer links. Scanning them wastes minutes (docker0 is often a /16)
 * and probes networks the operator did not mean.
 */
const EXCLUDED_NAME =
  /^(lo|docker|br-|virbr|veth|tun|tap|wg|tailscale|utun|zt|vboxnet|vmnet|cni|flannel|cali|kube|vxlan|podman|lxc|lxd|incus|ppp|ipsec|awdl|llw|anpi|bridge|gif|stf|nordlynx|ham|feth|dummy)/i
/** Windows names such adapters carry anywhere in the name. */
const EXCLUDED_ANYWHERE = /(vethernet|virtualbox|vmware|hyper-v|loopback|bluetooth|tailscale|wireguard|zerotier|openvpn|npcap)/i

export function isExcludedInterface(name: string): boolean {
  return EXCLUDED_NAME.test(name) || EXCLUDED_ANYWHERE.test(name)
}

function isIPv4(info: NetworkInterfaceInfo): boolean {
  // Node 18.0–18.3 reported the family as a number.
  return info.family === 'IPv4' || (info.family as unknown) === 4
}

function prefixOf(info: NetworkInterfaceInfo): number | null {
  const fromCidr = info.cidr ? Number(info.cidr.split('/')[1]) : NaN
  if (Number.isInteger(fromCidr)) return fromCidr
  if (!info.netmask) return null
  const mask = ipToInt(info.netmask)
  const bits = mask.toString(2).replace(/0+$/, '')
  return /^1*$/.test(bits) ? bits.length : null
}

/**
 * Ranges to offer, computed from interface data alone. Keeps IPv4, non-internal addresses on
 * interfaces that look like a LAN; skips loopback, link-local and point-to-point addresses; a
 * network wider than a scan allows becomes the /24 around the laptop's own address.
 */
export function suggestCidrs(interfaces: Record<string, NetworkInterfaceInfo[] | undefined>): CidrSuggestion[] {
  const out: CidrSuggestion[] = []
  const seen = new Set<string>()
  for (const [name, infos] of Object.entries(interfaces)) {
    if (isExcludedInterface(name)) continue
    for (const info of infos ?? []) {
      if (!isIPv4(info) || info.internal) continue
      const addr = ipToInt(info.address)
      if (addr >>> 24 === 127 || addr >>> 16 === ((169 << 8) | 254)) continue
      const prefix = prefixOf(info)
      if (prefix === null || prefix > 30) continue
      let note: string | null = null
      let use = prefix
      if (prefix < MIN_PREFIX) {
        use = 24
        note = `${name}'s network is a /${prefix}, larger than one scan allows; this is the /24 around this computer's address.`
      }
      const cidr = `${intToIp((addr & maskOf(use)) >>> 0)}/${use}`
      if (seen.has(cidr)) continue
      let addresses: number
      try {
        addresses = parseCidr(cidr).total
      } catch {
        continue // a range no scan accepts (multicast, 0/8) is not worth offering
      }
      seen.add(cidr)
      out.push({ cidr, interface: name, address: info.address, addresses, note })
    }
  }
  return out
}
