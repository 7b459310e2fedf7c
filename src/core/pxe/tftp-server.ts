import type { RemoteInfo, Socket } from 'node:dgram'
import { promises as fs } from 'node:fs'
import { bindUdp } from './ports'
import { dataPacket, errorPacket, negotiate, normaliseTftpName, oackPacket, Op, parseTftp, TftpError, type TftpPacket } from './tftp-packet'

export interface TftpServerOptions {
  host: string
  port: number
  /** Name a client may ask for → file on disk; everything else is "File not found". */
  resolve: (name: string) => string | null
  onDone: (name: string, client: RemoteInfo) => void
  log: (line: string) => void
  timeoutMs?: number
  retries?: number
}

/**
 * Read-only TFTP for the iPXE binaries. Each transfer gets its own socket (its TID, RFC 1350),
 * reads the file block by block from a handle (never the whole file) and retransmits a block
 * whose ACK does not come.
 */
export async function startTftpServer(opts: TftpServerOptions): Promise<{ close(): Promise<void> }> {
  const main = await bindUdp({ address: opts.host, port: opts.port }, 'TFTP')
  const transfers = new Set<Socket>()
  let closed = false

  main.on('message', (msg, rinfo) => {
    const p = parseTftp(msg)
    if (!p) return
    if (p.op === Op.WRQ) return void reply(main, rinfo, errorPacket(TftpError.ACCESS, 'This server is read-only'))
    if (p.op !== Op.RRQ) return
    void transfer(p, rinfo).catch((e: Error) => opts.log(`TFTP ${p.file} to ${rinfo.address}: ${e.message}`))
  })

  /** Resolves once the datagram left: closing the socket earlier would drop it. */
  function reply(sock: Socket, to: RemoteInfo, buf: Buffer): Promise<void> {
    return new Promise((r) => sock.send(buf, to.port, to.address, () => r()))
  }

  async function transfer(req: Extract<TftpPacket, { op: 1 | 2 }>, client: RemoteInfo): Promise<void> {
    const sock = await bindUdp({ address: opts.host, port: 0 }, 'TFTP transfer')
    transfers.add(sock)
    let handle: fs.FileHandle | null = null
    try {
      if (req.mode !== 'octet' && req.mode !== 'netascii') return await reply(sock, client, errorPacket(TftpError.ILLEGAL, 'Only octet mode'))
      const name = normaliseTftpName(req.file)
      const path = opts.resolve(name)
      if (!path) return await reply(sock, client, errorPacket(TftpError.NOT_FOUND, 'File not found'))
      handle = await fs.open(path, 'r')
      const size = (await handle.stat()).size
      const n = negotiate(req.options, size, opts.timeoutMs ?? 1000)
      const waiter = ackWaiter(sock, client)
      const retries = opts.retries ?? 5
      if (Object.keys(n.accepted).length > 0) {
        // An OACK is acknowledged as block 0; a client that only wanted tsize aborts here.
        if (!(await sendUntilAcked(sock, client, oackPacket(n.accepted), 0, n.timeoutMs, retries, waiter))) return
      }
      const buf = Buffer.alloc(n.blksize)
      for (let i = 1, offset = 0; ; i++) {
        const { bytesRead } = await handle.read(buf, 0, n.blksize, offset)
        offset += bytesRead
        if (!(await sendUntilAcked(sock, client, dataPacket(i, buf.subarray(0, bytesRead)), i, n.timeoutMs, retries, waiter))) return
        if (bytesRead < n.blksize) break
      }
      opts.onDone(name, client)
    } finally {
      await handle?.close()
      transfers.delete(sock)
      sock.close()
    }
  }

  return {
    async close() {
      closed = true
      for (const s of transfers) s.close()
      await new Promise<void>((r) => main.close(() => r()))
    }
  }

  /** False when the client gave up (ERROR) or stayed silent through every retry. */
  async function sendUntilAcked(
    sock: Socket,
    client: RemoteInfo,
    packet: Buffer,
    block: number,
    timeoutMs: number,
    retries: number,
    waiter: AckWaiter
  ): Promise<boolean> {
    for (let attempt = 0; attempt <= retries && !closed; attempt++) {
      void reply(sock, client, packet)
      const got = await waiter.next(block & 0xffff, timeoutMs)
      if (got === 'ack') return true
      if (got === 'error') return false
    }
    return false
  }
}

interface AckWaiter {
  next(block: number, timeoutMs: number): Promise<'ack' | 'error' | 'timeout'>
}

/** ACKs from the client's own TID only; a stray sender gets "unknown transfer ID" (RFC 1350). */
function ackWaiter(sock: Socket, client: RemoteInfo): AckWaiter {
  let pending: { block: number; resolve: (r: 'ack' | 'error' | 'timeout') => void } | null = null
  sock.on('message', (msg, from) => {
    if (from.address !== client.address || from.port !== client.port) {
      sock.send(errorPacket(TftpError.UNKNOWN_TID, 'Unknown transfer ID'), from.port, from.address, () => {})
      return
    }
    const p = parseTftp(msg)
    if (!p || !pending) return
    if (p.op === Op.ERROR) pending.resolve('error')
    // A duplicate ACK of an earlier block is ignored (no resend: Sorcerer's Apprentice).
    else if (p.op === Op.ACK && p.block === pending.block) pending.resolve('ack')
  })
  return {
    next(block, timeoutMs) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => done('timeout'), timeoutMs)
        const done = (r: 'ack' | 'error' | 'timeout') => {
          clearTimeout(timer)
          pending = null
          resolve(r)
        }
        pending = { block, resolve: done }
      })
    }
  }
}
