import { binaryFor, type IpxeBinary } from './binaries'
import type { PxeClient } from './client'
import { ipBytes, MessageType, Opt, type DhcpPacket, type ReplyFields } from './dhcp-packet'

export interface ServerView {
  /** The laptop's address on the chosen interface. */
  ip: string
  httpPort: number
  /** Binaries actually on disk: a client whose binary is missing gets no answer at all. */
  binaries: ReadonlySet<IpxeBinary>
}

export type BootChoice =
  | { kind: 'tftp'; file: IpxeBinary }
  | { kind: 'http-binary'; file: IpxeBinary; url: string }
  | { kind: 'script'; url: string }
  | { kind: 'none'; reason: string }

export function scriptUrl(view: Pick<ServerView, 'ip' | 'httpPort'>, client: Pick<PxeClient, 'mac' | 'arch'>): string {
  return `http://${view.ip}:${view.httpPort}/boot.ipxe?mac=${client.mac}&arch=${client.arch}`
}

/**
 * Option 77 iPXE → the script over HTTP; option 60 HTTPClient → the iPXE EFI binary by URL;
 * else by option 93: BIOS → undionly.kpxe, UEFI → the EFI binary by TFTP. A machine that is
 * not network booting, or whose firmware we have nothing for, gets nothing.
 */
export function chooseBoot(client: PxeClient, view: ServerView): BootChoice {
  if (!client.pxe && !client.http) return { kind: 'none', reason: 'not a PXE or HTTP boot client (no option 60 PXEClient/HTTPClient)' }
  if (client.ipxe) return { kind: 'script', url: scriptUrl(view, client) }
  const file = binaryFor(client)
  if (!file) return { kind: 'none', reason: `no iPXE build for client architecture ${client.archCode ?? 'unknown'}` }
  if (!view.binaries.has(file)) return { kind: 'none', reason: `${file} is missing from the iPXE resources` }
  if (client.http) return { kind: 'http-binary', file, url: `http://${view.ip}:${view.httpPort}/ipxe/${file}` }
  return { kind: 'tftp', file }
}

export interface Lease {
  ip: string
  mask: string
  leaseSeconds: number
}

/**
 * The reply fields for one request, or null for silence. `lease` is set only in full-DHCP mode;
 * without it yiaddr stays 0.0.0.0: the router owns the addresses, we only say where to boot.
 */
export function replyFor(req: DhcpPacket, reqType: number, client: PxeClient, boot: BootChoice, view: ServerView, lease: Lease | null): ReplyFields | null {
  const type = reqType === MessageType.DISCOVER ? MessageType.OFFER : MessageType.ACK
  const options: [number, Buffer][] = [
    [Opt.MESSAGE_TYPE, Buffer.from([type])],
    [Opt.SERVER_ID, ipBytes(view.ip)]
  ]
  if (lease) {
    options.push([Opt.SUBNET_MASK, ipBytes(lease.mask)], [Opt.LEASE_TIME, u32(lease.leaseSeconds)])
  } else if (boot.kind === 'none') {
    return null
  }
  let file: string | undefined
  if (boot.kind !== 'none') {
    // Clients recognise a boot offer by option 60 echoing their own class.
    options.push([Opt.VENDOR_CLASS, Buffer.from(client.http ? 'HTTPClient' : 'PXEClient')])
    const uuid = req.options.get(Opt.CLIENT_UUID)
    if (uuid) options.push([Opt.CLIENT_UUID, uuid])
    file = boot.kind === 'tftp' ? boot.file : boot.url
    // BIOS PXE ROMs otherwise try PXE boot-server discovery; 8 = boot the file name directly.
    if (boot.kind === 'tftp' && client.firmware === 'bios') options.push([Opt.VENDOR_SPECIFIC, Buffer.from([6, 1, 8, 255])])
    if (boot.kind === 'tftp') options.push([Opt.TFTP_SERVER, Buffer.from(view.ip)])
    options.push([Opt.BOOTFILE, Buffer.from(file)])
  }
  return { yiaddr: lease?.ip, siaddr: view.ip, file, options }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32BE(n >>> 0)
  return b
}

/** Where a reply to a client that may have no address yet must go (RFC 2131 4.1). */
export function replyDestination(req: DhcpPacket): { address: string; port: number } {
  if (req.giaddr !== '0.0.0.0') return { address: req.giaddr, port: 67 }
  if (req.ciaddr !== '0.0.0.0') return { address: req.ciaddr, port: 68 }
  return { address: '255.255.255.255', port: 68 }
}
