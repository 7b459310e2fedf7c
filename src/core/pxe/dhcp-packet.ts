/**
 * DHCP/BOOTP wire format (RFC 2131/2132): parse with every length checked, encode replies.
 * Pure: no sockets, so garbage from the LAN is tested without a network.
 */

export const MAGIC_COOKIE = 0x63825363
const FIXED_LENGTH = 236

export const MessageType = {
  DISCOVER: 1,
  OFFER: 2,
  REQUEST: 3,
  DECLINE: 4,
  ACK: 5,
  NAK: 6,
  RELEASE: 7,
  INFORM: 8
} as const

export const Opt = {
  SUBNET_MASK: 1,
  ROUTER: 3,
  REQUESTED_IP: 50,
  LEASE_TIME: 51,
  MESSAGE_TYPE: 53,
  SERVER_ID: 54,
  VENDOR_CLASS: 60,
  TFTP_SERVER: 66,
  BOOTFILE: 67,
  USER_CLASS: 77,
  CLIENT_ARCH: 93,
  CLIENT_NDI: 94,
  CLIENT_UUID: 97,
  VENDOR_SPECIFIC: 43
} as const

export interface DhcpPacket {
  op: number
  htype: number
  hlen: number
  hops: number
  xid: number
  secs: number
  flags: number
  ciaddr: string
  yiaddr: string
  siaddr: string
  giaddr: string
  /** Lower-case aa:bb:cc:dd:ee:ff (Ethernet only; other hardware types are refused). */
  mac: string
  sname: string
  file: string
  options: Map<number, Buffer>
}

export class DhcpParseError extends Error {}

function ip(buf: Buffer, at: number): string {
  return `${buf[at]}.${buf[at + 1]}.${buf[at + 2]}.${buf[at + 3]}`
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0)
  return buf.subarray(0, end === -1 ? buf.length : end).toString('latin1')
}

/** Throws DhcpParseError for anything that is not a well-formed Ethernet DHCP message. */
export function parseDhcp(buf: Buffer): DhcpPacket {
  if (buf.length < FIXED_LENGTH + 4) throw new DhcpParseError(`too short (${buf.length} bytes)`)
  const op = buf[0]!
  if (op !== 1 && op !== 2) throw new DhcpParseError(`bad op ${op}`)
  const htype = buf[1]!
  const hlen = buf[2]!
  if (htype !== 1 || hlen !== 6) throw new DhcpParseError(`not Ethernet (htype ${htype}, hlen ${hlen})`)
  if (buf.readUInt32BE(FIXED_LENGTH) !== MAGIC_COOKIE) throw new DhcpParseError('no DHCP magic cookie')
  const options = new Map<number, Buffer>()
  let at = FIXED_LENGTH + 4
  while (at < buf.length) {
    const code = buf[at]!
    if (code === 255) break
    if (code === 0) {
      at++
      continue
    }
    if (at + 1 >= buf.length) throw new DhcpParseError(`option ${code} has no length`)
    const len = buf[at + 1]!
    if (at + 2 + len > buf.length) throw new DhcpParseError(`option ${code} runs past the end`)
    const data = buf.subarray(at + 2, at + 2 + len)
    // RFC 3396: a repeated option is one long option split in pieces.
    const prev = options.get(code)
    options.set(code, prev ? Buffer.concat([prev, data]) : Buffer.from(data))
    at += 2 + len
  }
  return {
    op,
    htype,
    hlen,
    hops: buf[3]!,
    xid: buf.readUInt32BE(4),
    secs: buf.readUInt16BE(8),
    flags: buf.readUInt16BE(10),
    ciaddr: ip(buf, 12),
    yiaddr: ip(buf, 16),
    siaddr: ip(buf, 20),
    giaddr: ip(buf, 24),
    mac: [...buf.subarray(28, 34)].map((b) => b.toString(16).padStart(2, '0')).join(':'),
    sname: cString(buf.subarray(44, 108)),
    file: cString(buf.subarray(108, 236)),
    options
  }
}

export function messageType(p: DhcpPacket): number | null {
  const t = p.options.get(Opt.MESSAGE_TYPE)
  return t && t.length === 1 ? t[0]! : null
}

export function optionString(p: DhcpPacket, code: number): string | null {
  const v = p.options.get(code)
  return v ? v.toString('latin1') : null
}

export function optionIp(p: DhcpPacket, code: number): string | null {
  const v = p.options.get(code)
  return v && v.length === 4 ? ip(v, 0) : null
}

function writeIp(buf: Buffer, at: number, addr: string): void {
  const parts = addr.split('.').map(Number)
  for (let i = 0; i < 4; i++) buf[at + i] = parts[i] ?? 0
}

export function ipBytes(addr: string): Buffer {
  const b = Buffer.alloc(4)
  writeIp(b, 0, addr)
  return b
}

export interface ReplyFields {
  yiaddr?: string
  siaddr?: string
  /** The boot file name or URL (also sent as option 67); at most 127 bytes in the header field. */
  file?: string
  sname?: string
  options: [number, Buffer][]
}

/** A BOOTREPLY to `req`: same xid, flags, giaddr and chaddr, as RFC 2131 table 3 says. */
export function encodeReply(req: DhcpPacket, fields: ReplyFields): Buffer {
  const head = Buffer.alloc(FIXED_LENGTH + 4)
  head[0] = 2
  head[1] = 1
  head[2] = 6
  head.writeUInt32BE(req.xid, 4)
  head.writeUInt16BE(req.flags, 10)
  writeIp(head, 12, req.ciaddr)
  writeIp(head, 16, fields.yiaddr ?? '0.0.0.0')
  writeIp(head, 20, fields.siaddr ?? '0.0.0.0')
  writeIp(head, 24, req.giaddr)
  Buffer.from(req.mac.split(':').map((h) => parseInt(h, 16))).copy(head, 28)
  if (fields.sname) head.write(fields.sname.slice(0, 63), 44, 'latin1')
  if (fields.file && Buffer.byteLength(fields.file) < 128) head.write(fields.file, 108, 'latin1')
  head.writeUInt32BE(MAGIC_COOKIE, FIXED_LENGTH)
  const opts: Buffer[] = []
  for (const [code, data] of fields.options) {
    // Long values (a URL over 255 bytes) are split into consecutive pieces (RFC 3396).
    for (let at = 0; at < data.length || at === 0; at += 255) {
      const piece = data.subarray(at, at + 255)
      opts.push(Buffer.from([code, piece.length]), piece)
      if (data.length === 0) break
    }
  }
  opts.push(Buffer.from([255]))
  const packet = Buffer.concat([head, ...opts])
  // Some old PXE ROMs drop replies shorter than a minimal BOOTP message (300 bytes).
  return packet.length >= 300 ? packet : Buffer.concat([packet, Buffer.alloc(300 - packet.length)])
}

/** Test and simulation helper: a BOOTREQUEST with the given options. */
export function encodeRequest(fields: { xid: number; mac: string; ciaddr?: string; flags?: number; options: [number, Buffer][] }): Buffer {
  const req = parseDhcp(Buffer.concat([Buffer.from([1, 1, 6, 0]), Buffer.alloc(FIXED_LENGTH - 4), Buffer.from([0x63, 0x82, 0x53, 0x63, 255])]))
  const buf = encodeReply(
    { ...req, xid: fields.xid, mac: fields.mac, ciaddr: fields.ciaddr ?? '0.0.0.0', flags: fields.flags ?? 0 },
    { options: fields.options }
  )
  buf[0] = 1
  return buf
}
