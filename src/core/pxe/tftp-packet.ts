/** TFTP wire format (RFC 1350, options RFC 2347/2348/2349). Pure. */

export const Op = { RRQ: 1, WRQ: 2, DATA: 3, ACK: 4, ERROR: 5, OACK: 6 } as const

export const TftpError = { NOT_DEFINED: 0, NOT_FOUND: 1, ACCESS: 2, ILLEGAL: 4, UNKNOWN_TID: 5, OPTION: 8 } as const

export type TftpPacket =
  | { op: 1 | 2; file: string; mode: string; options: Record<string, string> }
  | { op: 3; block: number; data: Buffer }
  | { op: 4; block: number }
  | { op: 5; code: number; message: string }
  | { op: 6; options: Record<string, string> }

/** Null for anything malformed: a garbage datagram is dropped, never answered or thrown. */
export function parseTftp(buf: Buffer): TftpPacket | null {
  if (buf.length < 4) return null
  const op = buf.readUInt16BE(0)
  if (op === Op.RRQ || op === Op.WRQ || op === Op.OACK) {
    const body = buf.subarray(2)
    if (body[body.length - 1] !== 0) return null
    const fields = body
      .subarray(0, body.length - 1)
      .toString('latin1')
      .split('\0')
    if (op === Op.OACK) return fields.length % 2 === 0 ? { op, options: pairs(fields) } : null
    if (fields.length < 2 || fields.length % 2 !== 0 || !fields[0]) return null
    return { op, file: fields[0], mode: fields[1]!.toLowerCase(), options: pairs(fields.slice(2)) }
  }
  if (op === Op.DATA) return { op, block: buf.readUInt16BE(2), data: buf.subarray(4) }
  if (op === Op.ACK) return buf.length === 4 ? { op, block: buf.readUInt16BE(2) } : null
  if (op === Op.ERROR) return { op, code: buf.readUInt16BE(2), message: buf.subarray(4).toString('latin1').replace(/\0.*$/s, '') }
  return null
}

function pairs(fields: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]!.toLowerCase()] = fields[i + 1]!
  return out
}

export function dataPacket(block: number, data: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(Op.DATA, 0)
  head.writeUInt16BE(block & 0xffff, 2)
  return Buffer.concat([head, data])
}

export function ackPacket(block: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt16BE(Op.ACK, 0)
  b.writeUInt16BE(block & 0xffff, 2)
  return b
}

export function errorPacket(code: number, message: string): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt16BE(Op.ERROR, 0)
  head.writeUInt16BE(code, 2)
  return Buffer.concat([head, Buffer.from(message, 'latin1'), Buffer.from([0])])
}

export function oackPacket(options: Record<string, string>): Buffer {
  const head = Buffer.from([0, Op.OACK])
  const body = Object.entries(options).flatMap(([k, v]) => [Buffer.from(k + '\0'), Buffer.from(v + '\0')])
  return Buffer.concat([head, ...body])
}

export function rrqPacket(file: string, options: Record<string, string> = {}): Buffer {
  const parts = [file, 'octet', ...Object.entries(options).flat()].map((s) => Buffer.from(s + '\0'))
  return Buffer.concat([Buffer.from([0, Op.RRQ]), ...parts])
}

export interface Negotiated {
  blksize: number
  timeoutMs: number
  /** What goes back in the OACK; empty means no OACK (plain RFC 1350 transfer). */
  accepted: Record<string, string>
}

/** The options we honour, clamped to their RFC ranges; unknown or invalid ones are left out. */
export function negotiate(requested: Record<string, string>, fileSize: number, defaultTimeoutMs: number): Negotiated {
  const accepted: Record<string, string> = {}
  let blksize = 512
  let timeoutMs = defaultTimeoutMs
  const b = Number(requested.blksize)
  if (requested.blksize !== undefined && Number.isInteger(b) && b >= 8) {
    // 1468 keeps a block inside one Ethernet frame; bigger ones fragment, which some NICs' PXE drops.
    blksize = Math.min(b, 1468)
    accepted.blksize = String(blksize)
  }
  const t = Number(requested.timeout)
  if (requested.timeout !== undefined && Number.isInteger(t) && t >= 1 && t <= 255) {
    timeoutMs = t * 1000
    accepted.timeout = String(t)
  }
  if (requested.tsize !== undefined) accepted.tsize = String(fileSize)
  return { blksize, timeoutMs, accepted }
}

/** Client-supplied names map onto our fixed list only: "/undionly.kpxe" and "undionly.kpxe" alike. */
export function normaliseTftpName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '')
}
