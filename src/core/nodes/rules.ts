import ipaddr from 'ipaddr.js'

/**
 * Cross-field rules for the cluster's addresses, as pure functions: every node address inside
 * the cluster subnet, no two nodes sharing a hostname, MAC or target IP, the VIP distinct from
 * every node address and the gateway. Each issue has a stable key so a caller can refuse only
 * the problems an edit introduces (a hand-edited file with an old problem still opens).
 */

export interface RuleNode {
  hostname: string
  mac: string | null
  targetIp: string | null
  currentIp: string | null
}

export interface RuleSettings {
  subnet: string | null
  gateway: string | null
  vip: string | null
}

export interface RuleIssue {
  key: string
  kind: 'duplicate' | 'address'
  message: string
}

interface Subnet {
  cidr: string
  range: [ipaddr.IPv4, number]
  network: string
  broadcast: string
}

export function parseSubnet(cidr: string | null): Subnet | null {
  if (!cidr) return null
  try {
    const range = ipaddr.IPv4.parseCIDR(cidr)
    return {
      cidr,
      range,
      network: ipaddr.IPv4.networkAddressFromCIDR(cidr).toString(),
      broadcast: ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString()
    }
  } catch {
    return null
  }
}

/** The prefix length of a CIDR, e.g. 24 for 192.168.1.0/24. */
export function prefixLength(cidr: string): number {
  return ipaddr.IPv4.parseCIDR(cidr)[1]
}

export function inSubnet(ip: string, subnet: Subnet): boolean {
  try {
    return ipaddr.IPv4.parse(ip).match(subnet.range)
  } catch {
    return false
  }
}

/** Why `ip` cannot be a host address in the subnet, or null when it can. */
export function hostAddressProblem(ip: string, subnet: Subnet): string | null {
  if (!inSubnet(ip, subnet)) return `is outside the cluster subnet ${subnet.cidr}`
  if (subnet.range[1] <= 30 && ip === subnet.network) return `is the network address of ${subnet.cidr}`
  if (subnet.range[1] <= 30 && ip === subnet.broadcast) return `is the broadcast address of ${subnet.cidr}`
  return null
}

export function subnetIssues(s: RuleSettings): RuleIssue[] {
  const issues: RuleIssue[] = []
  const subnet = parseSubnet(s.subnet)
  if (s.subnet && subnet && subnet.network !== s.subnet.split('/')[0]) {
    issues.push({
      key: 'subnet:host-bits',
      kind: 'address',
      message: `The subnet ${s.subnet} has host bits set. Use the network address: ${subnet.network}/${subnet.range[1]}.`
    })
  }
  if (subnet && s.gateway) {
    const p = hostAddressProblem(s.gateway, subnet)
    if (p) issues.push({ key: 'gateway:subnet', kind: 'address', message: `The gateway ${s.gateway} ${p}.` })
  }
  if (subnet && s.vip) {
    const p = hostAddressProblem(s.vip, subnet)
    if (p) issues.push({ key: 'vip:subnet', kind: 'address', message: `The VIP ${s.vip} ${p}.` })
  }
  if (s.vip && s.gateway && s.vip === s.gateway) {
    issues.push({
      key: 'vip:gateway',
      kind: 'address',
      message: `The VIP ${s.vip} is the gateway's address. The VIP must be a free address in the subnet.`
    })
  }
  return issues
}

export function nodeIssues(s: RuleSettings, nodes: readonly RuleNode[]): RuleIssue[] {
  const issues: RuleIssue[] = []
  const subnet = parseSubnet(s.subnet)
  const byTarget = new Map<string, string>()
  const byMac = new Map<string, string>()
  for (const n of nodes) {
    if (n.targetIp) {
      const other = byTarget.get(n.targetIp)
      if (other) {
        issues.push({
          key: `target-dup:${n.targetIp}`,
          kind: 'duplicate',
          message: `Target IP ${n.targetIp} of ${n.hostname} is already used by ${other}. Each node needs its own address.`
        })
      } else byTarget.set(n.targetIp, n.hostname)
      if (subnet) {
        const p = hostAddressProblem(n.targetIp, subnet)
        if (p) {
          issues.push({
            key: `target-subnet:${n.hostname}`,
            kind: 'address',
            message: `Target IP ${n.targetIp} of ${n.hostname} ${p}. Pick an address in ${subnet.cidr} or change the subnet.`
          })
        }
      }
      if (s.gateway && n.targetIp === s.gateway) {
        issues.push({
          key: `target-gateway:${n.hostname}`,
          kind: 'address',
          message: `Target IP ${n.targetIp} of ${n.hostname} is the gateway's address. Pick a free address.`
        })
      }
    }
    if (n.mac) {
      const other = byMac.get(n.mac)
      if (other) {
        issues.push({
          key: `mac-dup:${n.mac}`,
          kind: 'duplicate',
          message: `MAC address ${n.mac} of ${n.hostname} is already registered as ${other}. One machine is one node.`
        })
      } else byMac.set(n.mac, n.hostname)
    }
    if (s.vip && (n.targetIp === s.vip || n.currentIp === s.vip)) {
      issues.push({
        key: `vip-node:${n.hostname}`,
        kind: 'address',
        message:
          `The VIP ${s.vip} is also an address of ${n.hostname}. ` +
          `The VIP must be a free address that no node uses; pick another one for the node or the VIP.`
      })
    }
  }
  return issues
}

export function allIssues(s: RuleSettings, nodes: readonly RuleNode[]): RuleIssue[] {
  return [...subnetIssues(s), ...nodeIssues(s, nodes)]
}

/** The issues in `after` that `before` did not have: what an edit introduced. */
export function introducedIssues(before: readonly RuleIssue[], after: readonly RuleIssue[]): RuleIssue[] {
  const old = new Set(before.map((i) => i.key))
  return after.filter((i) => !old.has(i.key))
}
