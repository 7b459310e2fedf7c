/** Small IPv4 helpers for suggestions and inline checks (the core validates again). */
export function ipToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim())
  if (!m) return null
  const o = m.slice(1).map(Number)
  if (o.some((x) => x > 255)) return null
  return ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

export function parseCidr(cidr: string): { network: number; prefix: number; broadcast: number } | null {
  const [ip, p] = cidr.trim().split('/')
  const base = ipToInt(ip ?? '')
  const prefix = Number(p)
  if (base === null || !Number.isInteger(prefix) || prefix < 0 || prefix > 32) return null
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0
  const network = (base & mask) >>> 0
  return { network, prefix, broadcast: (network | (~mask >>> 0)) >>> 0 }
}

/** A usable host address inside the range (not the network or broadcast address). */
export function inSubnet(cidr: string, ip: string): boolean {
  const c = parseCidr(cidr)
  const n = ipToInt(ip)
  if (!c || n === null) return false
  if (c.prefix >= 31) return n >= c.network && n <= c.broadcast
  return n > c.network && n < c.broadcast
}

/** The router is usually the first address of the LAN. A guess, shown as one. */
export function guessGateway(cidr: string): string | null {
  const c = parseCidr(cidr)
  return c && c.prefix <= 30 ? intToIp(c.network + 1) : null
}

/** An example address inside the range (network + offset), for placeholders only. */
export function exampleIp(cidr: string | null | undefined, offset: number): string | null {
  const c = cidr ? parseCidr(cidr) : null
  if (!c) return null
  const n = c.network + offset
  return n < c.broadcast ? intToIp(n) : null
}
