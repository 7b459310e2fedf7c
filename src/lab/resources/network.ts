import { configFacts, type ConfigInterface } from '../config-facts'
import type { Address, Link, Machine, Route } from '../model'

/**
 * The network a machine shows now: what DHCP gave it, with an applied config's static
 * addresses, routes and (once etcd runs) its VIP laid over the links the config selects.
 */

const KERNEL: Record<string, string> = { 'v1.9': '6.12.25-talos', 'v1.10': '6.12.63-talos', 'v1.11': '6.12.62-talos' }

export function kernelRelease(talosVersion: string): string {
  return KERNEL[talosVersion.split('.').slice(0, 2).join('.')] ?? '6.12.62-talos'
}

export const isPhysical = (l: Link): boolean => l.type === 'ether' && l.kind === ''

function glob(pattern: string, value: string | undefined): boolean {
  if (value === undefined) return false
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i')
  return re.test(value)
}

/** Links an interface entry applies to: by name, or every link its deviceSelector matches. */
export function matchLinks(links: Link[], iface: ConfigInterface): Link[] {
  if (iface.interface) return links.filter((l) => l.name === iface.interface)
  if (iface.macTerms) {
    // LinkAliasConfig aliases physical links only, and only when its selector matches exactly one.
    const hits = links.filter((l) => isPhysical(l) && iface.macTerms!.some((t) => l[t.field].toLowerCase() === t.mac))
    return hits.length === 1 ? hits : []
  }
  const sel = iface.deviceSelector
  if (!sel) return []
  return links.filter((l) =>
    Object.entries(sel).every(([k, v]) => {
      if (k === 'physical') return isPhysical(l) === (v === true)
      const field = (l as Record<string, unknown>)[k]
      return typeof v === 'string' && glob(v, typeof field === 'string' ? field : undefined)
    })
  )
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0)
}
const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')

export function networkOf(cidr: string): string {
  const [ip, bits] = cidr.split('/')
  const prefix = Number(bits ?? 32)
  const size = 2 ** (32 - prefix)
  return `${intToIp(Math.floor(ipToInt(ip!) / size) * size)}/${prefix}`
}

export function routeId(r: Route): string {
  const table = r.table !== 'main' ? `${r.table}/` : ''
  const link = r.family === 'inet6' ? `${r.outLinkName ?? ''}/` : ''
  return `${table}${link}${r.family}/${r.gateway}/${r.dst}/${r.priority}`
}

export interface EffectiveNetwork {
  links: Link[]
  routes: Route[]
  addresses: Address[]
}

export function effectiveNetwork(m: Machine, vipActive: boolean): EffectiveNetwork {
  const release = kernelRelease(m.talosVersion)
  const links = m.network.links.map((l) => (l.driver && !l.driverVersion ? { ...l, driverVersion: release } : l))
  let routes = [...m.network.routes]
  let addresses = [...m.network.addresses]
  if (!m.configured || !m.config) return { links, routes, addresses }
  for (const iface of configFacts(m.config).interfaces) {
    for (const link of matchLinks(links, iface)) {
      if (iface.addresses.length > 0) {
        const v4 = (a: Address): boolean => a.linkName === link.name && a.family === 'inet4' && a.scope === 'global'
        addresses = addresses.filter((a) => !v4(a))
        routes = routes.filter((r) => !(r.outLinkName === link.name && r.family === 'inet4' && r.table === 'main'))
        for (const cidr of iface.addresses.filter((a) => !a.includes(':'))) {
          addresses.push({ address: cidr, linkIndex: link.index, linkName: link.name, family: 'inet4', scope: 'global', flags: 'permanent', priority: 1024 })
          routes.push({
            family: 'inet4', dst: networkOf(cidr), src: cidr.split('/')[0]!, gateway: '', table: 'main', priority: 1024,
            scope: 'link', type: 'unicast', flags: '', protocol: 'kernel', outLinkIndex: link.index, outLinkName: link.name
          })
        }
      }
      for (const r of iface.routes) {
        routes.push({
          family: 'inet4', dst: r.network === '0.0.0.0/0' ? '' : r.network, src: '', gateway: r.gateway ?? '', table: 'main',
          priority: r.metric ?? 1024, scope: 'global', type: 'unicast', flags: '', protocol: 'static',
          outLinkIndex: link.index, outLinkName: link.name
        })
      }
      if (vipActive && iface.vip) {
        addresses.push({ address: `${iface.vip}/32`, linkIndex: link.index, linkName: link.name, family: 'inet4', scope: 'global', flags: 'permanent', priority: 1024 })
      }
    }
  }
  return { links, routes, addresses }
}
