import type { RemoteInfo, Socket } from 'node:dgram'
import { classifyClient } from './client'
import { DhcpParseError, encodeReply, ipBytes, type DhcpPacket, MessageType, messageType, Opt, optionIp, parseDhcp } from './dhcp-packet'
import { chooseBoot, replyDestination, replyFor, type Lease, type ServerView } from './dhcp-policy'
import type { LeasePool } from './network'
import { bindUdp } from './ports'
import type { BootTracker } from './tracker'

export interface DhcpServerOptions {
  view: ServerView
  /** Our address: replies leave from it, 4011 listens on it. */
  host: string
  /** Where port 67 listens: 0.0.0.0 in production (broadcasts), the loopback address in tests. */
  listenHost: string
  /** Replies to clients with no address go here: 255.255.255.255, or a loopback address in tests. */
  broadcastTo: string
  dhcpPort: number
  pxePort: number
  /** Replies to clients with no address go to this port (68; tests use a high one). */
  clientPort: number
  mask: string
  leases: LeasePool | null
  tracker: BootTracker
  log: (line: string) => void
}

const LEASE_SECONDS = 3600

/**
 * Proxy DHCP on 67 (answers DISCOVERs of PXE clients with boot information only) and the PXE
 * boot server on 4011 (answers their follow-up REQUEST with the same). With a lease pool it is
 * a full DHCP server instead, giving every client an address and PXE clients the boot file too.
 */
export async function startDhcpServer(opts: DhcpServerOptions): Promise<{ close(): Promise<void> }> {
  // Broadcasts from clients without an address only reach a socket bound to 0.0.0.0; replies
  // leave from a socket bound to our address, so Linux routes 255.255.255.255 out of the
  // interface owning that address (no SO_BINDTODEVICE in Node) rather than the default route.
  // Probe without SO_REUSEADDR first: two sockets that both set it may share a UDP port, so a
  // DHCP server already running (dnsmasq sets it) would otherwise go unnoticed beside us.
  const probe = await bindUdp({ address: opts.listenHost, port: opts.dhcpPort }, 'DHCP')
  await new Promise<void>((r) => probe.close(() => r()))
  const listen = await bindUdp({ address: opts.listenHost, port: opts.dhcpPort, reuse: true }, 'DHCP')
  const sockets: Socket[] = [listen]
  try {
    const send = opts.listenHost === opts.host ? listen : await bindUdp({ address: opts.host, port: opts.dhcpPort, reuse: true }, 'DHCP')
    if (send !== listen) sockets.push(send)
    send.setBroadcast(true)
    const pxe = await bindUdp({ address: opts.host, port: opts.pxePort }, 'PXE (4011)')
    sockets.push(pxe)
    listen.on('message', (msg, rinfo) => handle(msg, rinfo, false, send))
    pxe.on('message', (msg, rinfo) => handle(msg, rinfo, true, pxe))
  } catch (e) {
    sockets.forEach((s) => s.close())
    throw e
  }

  function handle(msg: Buffer, rinfo: RemoteInfo, port4011: boolean, out: Socket): void {
    let req
    try {
      req = parseDhcp(msg)
    } catch (e) {
      if (e instanceof DhcpParseError) return
      throw e
    }
    const type = messageType(req)
    if (req.op !== 1 || type === null) return
    const client = classifyClient(req)
    const requested = optionIp(req, Opt.REQUESTED_IP)
    const serverId = optionIp(req, Opt.SERVER_ID)
    const view = opts.view
    let lease: Lease | null = null
    if (!port4011 && opts.leases) {
      if (type !== MessageType.DISCOVER && type !== MessageType.REQUEST) return
      if (type === MessageType.REQUEST && serverId && serverId !== view.ip) return
      const ip = type === MessageType.DISCOVER ? opts.leases.leaseFor(req.mac) : opts.leases.current(req.mac)
      const wanted = requested ?? (req.ciaddr !== '0.0.0.0' ? req.ciaddr : null)
      if (type === MessageType.REQUEST && (!ip || (wanted && wanted !== ip))) {
        sendTo(
          out,
          encodeReply(req, {
            options: [
              [Opt.MESSAGE_TYPE, Buffer.from([MessageType.NAK])],
              [Opt.SERVER_ID, ipBytes(view.ip)]
            ]
          }),
          destination(req)
        )
        return
      }
      if (!ip) return opts.log(`DHCP range exhausted: no address for ${req.mac}`)
      lease = { ip, mask: opts.mask, leaseSeconds: LEASE_SECONDS }
    } else if (port4011) {
      if (type !== MessageType.REQUEST && type !== MessageType.INFORM) return
    } else if (type === MessageType.REQUEST) {
      // A REQUEST to the router: not ours to answer, but it names the address the MAC will have.
      if (requested && serverId !== view.ip) opts.tracker.learnIp(req.mac, requested)
      if (serverId !== view.ip) return
    } else if (type !== MessageType.DISCOVER) {
      return
    }
    const boot = chooseBoot(client, view)
    const fields = replyFor(req, type, client, boot, view, lease)
    if (!fields) {
      if (client.pxe || client.http) opts.log(`not answering ${req.mac}: ${boot.kind === 'none' ? boot.reason : ''}`)
      return
    }
    const dest = port4011 ? { address: rinfo.address, port: rinfo.port } : destination(req)
    sendTo(out, encodeReply(req, fields), dest)
    if (boot.kind !== 'none') {
      const ip = lease?.ip ?? (req.ciaddr !== '0.0.0.0' ? req.ciaddr : port4011 ? rinfo.address : null)
      opts.tracker.dhcp(req.mac, ip, client.arch, client.firmware)
    }
  }

  function destination(req: DhcpPacket): { address: string; port: number } {
    const d = replyDestination(req)
    if (d.port === 68) d.port = opts.clientPort
    if (d.address === '255.255.255.255') d.address = opts.broadcastTo
    return d
  }

  function sendTo(sock: Socket, buf: Buffer, dest: { address: string; port: number }): void {
    sock.send(buf, dest.port, dest.address, (err) => {
      if (err) opts.log(`DHCP reply to ${dest.address}:${dest.port} failed: ${err.message}`)
    })
  }

  return {
    async close() {
      await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))))
    }
  }
}
