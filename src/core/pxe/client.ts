import { Opt, optionString, type DhcpPacket } from './dhcp-packet'

export type ClientArch = 'amd64' | 'arm64' | 'ia32' | 'unknown'
export type Firmware = 'bios' | 'uefi' | 'uefi-http' | 'ipxe'

/** What a DHCP request says about the machine: who asks, and what it can boot. */
export interface PxeClient {
  mac: string
  /** Option 60 starts with PXEClient or HTTPClient: a network boot, not an OS renewing its lease. */
  pxe: boolean
  http: boolean
  ipxe: boolean
  /** Option 93, or the Arch field of option 60 when 93 is absent; null when neither says. */
  archCode: number | null
  arch: ClientArch
  firmware: Firmware
}

/** RFC 4578 / IANA "Processor Architecture Types" this server knows how to boot. */
export function archOf(code: number | null): ClientArch {
  switch (code) {
    case 0:
    case 7:
    case 9:
    case 16:
      return 'amd64'
    case 11:
    case 19:
      return 'arm64'
    case 6:
    case 15:
      return 'ia32'
    default:
      return 'unknown'
  }
}

function archCode(p: DhcpPacket, vendorClass: string | null): number | null {
  const opt = p.options.get(Opt.CLIENT_ARCH)
  // Option 93 is a list of 16-bit codes; firmware sends one, the first is the one it runs.
  if (opt && opt.length >= 2) return opt.readUInt16BE(0)
  const m = vendorClass ? /:Arch:(\d{5})/.exec(vendorClass) : null
  return m ? Number(m[1]) : null
}

/**
 * iPXE sends option 77 as the bare string "iPXE"; RFC 3004 clients send length-prefixed
 * entries. Both forms count.
 */
function hasIpxeUserClass(p: DhcpPacket): boolean {
  const v = p.options.get(Opt.USER_CLASS)
  if (!v) return false
  if (v.toString('latin1') === 'iPXE') return true
  for (let at = 0; at < v.length;) {
    const len = v[at]!
    if (v.subarray(at + 1, at + 1 + len).toString('latin1') === 'iPXE') return true
    at += 1 + len
  }
  return false
}

export function classifyClient(p: DhcpPacket): PxeClient {
  const vendorClass = optionString(p, Opt.VENDOR_CLASS)
  const pxe = vendorClass?.startsWith('PXEClient') ?? false
  const http = vendorClass?.startsWith('HTTPClient') ?? false
  const code = archCode(p, vendorClass)
  const ipxe = (pxe || http) && hasIpxeUserClass(p)
  const firmware: Firmware = ipxe ? 'ipxe' : http || code === 16 || code === 19 ? 'uefi-http' : code === 0 ? 'bios' : 'uefi'
  return { mac: p.mac, pxe, http, ipxe, archCode: code, arch: archOf(code), firmware }
}
