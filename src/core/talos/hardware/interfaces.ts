import type { AddressInfo, InterfaceInfo } from '@shared/contract/talos'
import type { Address, Link, Route } from '../resources'

// ethtool reports "unknown" as -1, which Talos prints as uint32 max (e.g. virtio).
const UNKNOWN_SPEED = 4294967295

/** Addresses worth showing: not loopback/host scope, not IPv6 link-local. */
export function usefulAddresses(addresses: Address[]): AddressInfo[] {
  return addresses
    .filter((a) => a.spec.scope !== 'host' && a.spec.scope !== 'link' && a.spec.scope !== 'nowhere')
    .map((a) => ({ interface: a.spec.linkName, address: a.spec.address, family: a.spec.family }))
}

/** Omni's rule: a real NIC is `type ether` with no kind (not bond, bridge, vlan, dummy, …). */
export function isPhysical(l: Link): boolean {
  return l.spec.type === 'ether' && l.spec.kind === ''
}

export function describeLinks(links: Link[], addresses: Address[]): InterfaceInfo[] {
  const useful = usefulAddresses(addresses)
  const byIndex = new Map(links.map((l) => [l.spec.index, l.metadata.id]))
  return links.map((l) => {
    const s = l.spec
    const speed = s.speedMbit
    return {
      name: l.metadata.id,
      mac: s.hardwareAddr,
      permanentMac: s.permanentAddr && !/^(00:)*00$/.test(s.permanentAddr) ? s.permanentAddr : null,
      state: s.operationalState,
      linkUp: s.linkState,
      speedMbit: speed === undefined || speed <= 0 || speed >= UNKNOWN_SPEED ? null : speed,
      physical: isPhysical(l),
      type: s.type,
      kind: s.kind,
      driver: s.driver || null,
      vendor: s.vendor || null,
      product: s.product || null,
      busPath: s.busPath || null,
      master: s.masterIndex ? (byIndex.get(s.masterIndex) ?? null) : null,
      addresses: useful.filter((a) => a.interface === l.metadata.id).map((a) => a.address)
    }
  })
}

export interface DefaultRoute {
  gateway: string
  link: string | null
  family: string
  priority: number
}

/**
 * Default routes as Omni picks the gateway: no destination, a gateway, global scope. Ordered best
 * first: the one leaving by the link that holds `ip`, IPv4, the main table, the lowest metric.
 */
export function defaultRoutes(routes: Route[], links: Link[], addresses: Address[], ip?: string): DefaultRoute[] {
  const nameByIndex = new Map(links.map((l) => [l.spec.index, l.metadata.id]))
  const ipLink = ip ? addresses.find((a) => a.spec.address.split('/')[0] === ip)?.spec.linkName : undefined
  return routes
    .filter((r) => r.spec.dst === '' && r.spec.gateway !== '' && r.spec.scope === 'global')
    .map((r) => ({
      route: r,
      link: r.spec.outLinkName || (r.spec.outLinkIndex !== undefined ? (nameByIndex.get(r.spec.outLinkIndex) ?? null) : null)
    }))
    .sort(
      (a, b) =>
        Number(b.link !== null && b.link === ipLink) - Number(a.link !== null && a.link === ipLink) ||
        Number(b.route.spec.family === 'inet4') - Number(a.route.spec.family === 'inet4') ||
        Number(b.route.spec.table === 'main') - Number(a.route.spec.table === 'main') ||
        a.route.spec.priority - b.route.spec.priority
    )
    .map(({ route, link }) => ({ gateway: route.spec.gateway, link, family: route.spec.family, priority: route.spec.priority }))
}

export interface InterfaceChoice {
  name: string | null
  mac: string | null
  gateway: string | null
  reason: string
}

function slavesOf(ifaces: InterfaceInfo[], name: string): string[] {
  return ifaces.filter((i) => i.master === name).map((i) => i.name)
}

/**
 * The interface the node's network settings should describe: the one carrying the default
 * route; else the one holding the address we reached; else a physical NIC with a link and an
 * address, a link, or at least a cable port.
 */
export function chooseInterface(ifaces: InterfaceInfo[], routes: DefaultRoute[], ip: string): InterfaceChoice {
  const pick = (i: InterfaceInfo, gateway: string | null, reason: string): InterfaceChoice => ({
    name: i.name,
    mac: i.mac || null,
    gateway,
    reason
  })
  const route = routes.find((r) => r.link && ifaces.some((i) => i.name === r.link))
  if (route) {
    const i = ifaces.find((x) => x.name === route.link)!
    const slaves = slavesOf(ifaces, i.name)
    const via = slaves.length ? ` (a ${i.kind || 'virtual link'} over ${slaves.join(', ')})` : ''
    return pick(i, route.gateway, `${i.name}${via} carries the default route via ${route.gateway}.`)
  }
  const gateway = routes[0]?.gateway ?? null
  const holder = ifaces.find((i) => i.addresses.some((a) => a.split('/')[0] === ip))
  if (holder) return pick(holder, gateway, `${holder.name} holds ${ip}, the address this machine was reached at; no default route was found.`)
  const physical = ifaces.filter((i) => i.physical && !i.master)
  const ready = physical.find((i) => i.linkUp && i.addresses.some((a) => !a.includes(':')))
  if (ready) return pick(ready, gateway, `${ready.name} has a link and an IPv4 address; no default route was found.`)
  const linked = physical.find((i) => i.linkUp)
  if (linked) return pick(linked, gateway, `${linked.name} is the first network port with a cable connected.`)
  const any = physical[0]
  if (any) return pick(any, gateway, `No network port has a link; ${any.name} is the first one found. Check its cable.`)
  return { name: null, mac: null, gateway, reason: 'No physical network interface was found.' }
}
