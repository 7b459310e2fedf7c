import ipaddr from 'ipaddr.js'

/** The cluster subnet and gateway as one detected machine sees its network. */
export interface InferredNetwork {
  subnet: string
  gateway: string
}

/**
 * The subnet from the address prefix the machine holds (192.168.1.50/24 → 192.168.1.0/24) and
 * the gateway of its default route. Null when either is missing, the address is not IPv4, or
 * the gateway lies outside that subnet (then a guess would be wrong; the operator must choose).
 */
export function inferNetwork(ipCidr: string | null, gateway: string | null): InferredNetwork | null {
  if (!ipCidr || !gateway) return null
  try {
    const [addr, prefix] = ipaddr.IPv4.parseCIDR(ipCidr)
    if (prefix < 8 || prefix > 30) return null
    const subnet = `${ipaddr.IPv4.networkAddressFromCIDR(ipCidr).toString()}/${prefix}`
    const gw = ipaddr.IPv4.parse(gateway)
    if (!ipaddr.IPv4.isValidFourPartDecimal(gateway) || !gw.match([addr, prefix])) return null
    // The machine's own address, the network or the broadcast address cannot route anything.
    const broadcast = ipaddr.IPv4.broadcastAddressFromCIDR(ipCidr).toString()
    if ([addr.toString(), subnet.split('/')[0], broadcast].includes(gw.toString())) return null
    return { subnet, gateway: gw.toString() }
  } catch {
    return null
  }
}

/**
 * What to write into config.yaml: only the missing values, and only when they agree with what
 * the operator already set (a subnet of their own keeps its gateway question open).
 */
export function missingNetwork(current: { subnet: string | null; gateway: string | null }, inferred: InferredNetwork | null): Partial<InferredNetwork> | null {
  if (!inferred || (current.subnet && current.gateway)) return null
  if (current.subnet && current.subnet !== inferred.subnet) return null
  const update: Partial<InferredNetwork> = {}
  if (!current.subnet) update.subnet = inferred.subnet
  if (!current.gateway) update.gateway = inferred.gateway
  return update
}
