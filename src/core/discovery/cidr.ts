import { AppError } from '../../shared/errors'
import { Cidr } from '../../shared/schemas/common'

/** A /16 is the largest range one scan takes: 65,536 addresses. */
export const MIN_PREFIX = 16
/** Past a /22 (1,024 addresses) the operator is told the scan is large. */
export const WARN_BELOW_PREFIX = 22

export interface CidrRange {
  /** Normalised: host bits cleared, e.g. "192.168.1.0/24" for "192.168.1.77/24". */
  cidr: string
  prefix: number
  /** Network address as an unsigned 32-bit integer. */
  network: number
  /** The addresses a scan probes (network and broadcast left out from /30 and wider). */
  first: number
  last: number
  total: number
  warning: string | null
}

export function ipToInt(ip: string): number {
  const p = ip.split('.').map(Number)
  return (((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0) as number
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0
}

/** Ranges no LAN machine lives in: "this network", multicast and reserved, limited broadcast. */
function refusedReason(network: number): string | null {
  const top = network >>> 24
  if (top === 0) return 'it is in 0.0.0.0/8 ("this network"), which is not a real address range'
  if (top >= 224) return 'it is a multicast or reserved range, where no machine has an address'
  return null
}

/**
 * Checks and normalises a range the operator typed. Refuses anything wider than a /16 or outside
 * unicast space; warns past a /22 so a long scan is never a surprise.
 */
export function parseCidr(text: string): CidrRange {
  const parsed = Cidr.safeParse(typeof text === 'string' ? text.trim() : text)
  if (!parsed.success) {
    throw new AppError('VALIDATION', `"${String(text)}" is not a network range. Write it like 192.168.1.0/24.`)
  }
  const [ip, bits] = parsed.data.split('/') as [string, string]
  const prefix = Number(bits)
  if (prefix < MIN_PREFIX) {
    throw new AppError(
      'VALIDATION',
      `${parsed.data} holds ${2 ** (32 - prefix)} addresses; a scan takes at most a /16 (65,536). ` +
        `Scan the part of the network your machines are on, e.g. a /24.`
    )
  }
  const network = (ipToInt(ip) & maskOf(prefix)) >>> 0
  const refused = refusedReason(network)
  if (refused) throw new AppError('VALIDATION', `${parsed.data} cannot be scanned: ${refused}.`)
  const size = 2 ** (32 - prefix)
  const [first, last] = prefix >= 31 ? [network, network + size - 1] : [network + 1, network + size - 2]
  const total = last - first + 1
  const warning =
    prefix < WARN_BELOW_PREFIX
      ? `${intToIp(network)}/${prefix} holds ${total.toLocaleString('en-US')} addresses: the scan may take a minute or more. ` +
        `A smaller range (a /24) is faster if you know where your machines are.`
      : null
  return { cidr: `${intToIp(network)}/${prefix}`, prefix, network, first, last, total, warning }
}

/** The probed addresses in order, produced lazily so a /16 never sits in memory as strings. */
export function* hostsOf(range: Pick<CidrRange, 'first' | 'last'>): Generator<string> {
  for (let n = range.first; n <= range.last; n++) yield intToIp(n)
}

export function compareIps(a: string, b: string): number {
  return ipToInt(a) - ipToInt(b)
}
