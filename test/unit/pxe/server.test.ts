import { createSocket, type Socket } from 'node:dgram'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { encodeRequest, MessageType, Opt, optionString, parseDhcp } from '@core/pxe/dhcp-packet'
import type { BootEvent } from '@core/pxe/schemas'
import { startPxeServer, type PxeServer, type PxeServerOptions } from '@core/pxe/server'
import { readPxeStatus } from '@core/pxe/status'
import { Op, parseTftp, ackPacket, rrqPacket } from '@core/pxe/tftp-packet'
import { prepareInstance, SCHEMATIC, VERSION } from './fixture'

const IPXE_DIR = resolve('resources/ipxe')
const MAC = '52:54:00:aa:bb:01'
const KERNEL = Buffer.alloc(300_000, 7)

// A fresh loopback address per test: fixed high ports never collide with another test's.
let n = 0
function loopback(): string {
  n++
  return `127.${67 + ((process.pid >> 8) & 63)}.${process.pid & 255}.${(n % 250) + 2}`
}

let dataDir: string
let server: PxeServer | null = null
let client: Socket | null = null

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'wild-pxe-'))
})
afterEach(async () => {
  await server?.close()
  server = null
  client?.close()
  client = null
  await rm(dataDir, { recursive: true, force: true })
})

function options(ip: string, events: BootEvent[], extra: Partial<PxeServerOptions> = {}): PxeServerOptions {
  return {
    dataDir,
    instance: 'lab',
    interfaceName: 'lab0',
    version: VERSION,
    schematicId: SCHEMATIC,
    httpPort: 0,
    ipxeDir: IPXE_DIR,
    nodeForMac: async () => null,
    onEvent: (e) => events.push(e),
    log: () => {},
    testing: {
      ports: { dhcp: 10067, pxe: 14011, tftp: 10069, client: 10068 },
      interfaces: { lab0: [{ address: ip, netmask: '255.255.255.0', family: 'IPv4', mac: '02:00:00:00:00:01', internal: false, cidr: `${ip}/24` }] },
      broadcastTo: ip
    },
    ...extra
  }
}

async function udpClient(ip: string, port: number): Promise<Socket> {
  const s = createSocket('udp4')
  await new Promise<void>((r) => s.bind(port, ip, () => r()))
  return s
}

function nextMessage(s: Socket, timeoutMs = 3000): Promise<{ msg: Buffer; port: number }> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no answer')), timeoutMs)

    s.once('message', (msg, rinfo) => {
      clearTimeout(t)
      resolve({ msg, port: rinfo.port })
    })
  })
}

function pxeRequest(type: number, arch: number, userClass?: string): Buffer {
  const options: [number, Buffer][] = [
    [Opt.MESSAGE_TYPE, Buffer.from([type])],
    [Opt.VENDOR_CLASS, Buffer.from(`PXEClient:Arch:${String(arch).padStart(5, '0')}:UNDI:003016`)],
    [Opt.CLIENT_ARCH, Buffer.from([0, arch])]
  ]
  if (userClass) options.push([Opt.USER_CLASS, Buffer.from(userClass)])
  return encodeRequest({ xid: 0xabcd, mac: MAC, options })
}

/** A whole TFTP read as firmware does it, with options; returns the bytes or the error text. */
async function tftpGet(s: Socket, ip: string, file: string): Promise<Buffer | string> {
  s.send(rrqPacket(file, { blksize: '1468', tsize: '0' }), 10069, ip)
  const chunks: Buffer[] = []
  for (;;) {
    const { msg, port } = await nextMessage(s)
    const p = parseTftp(msg)!
    if (p.op === Op.ERROR) return p.message
    if (p.op === Op.OACK) {
      s.send(ackPacket(0), port, ip)
      continue
    }
    if (p.op !== Op.DATA) throw new Error(`unexpected op ${p.op}`)
    chunks.push(p.data)
    s.send(ackPacket(p.block), port, ip)
    if (p.data.length < 1468) return Buffer.concat(chunks)
  }
}

describe('wild pxe server on loopback', () => {
  it('proxy DHCP → 4011 → TFTP → script → kernel with Range, with one event per stage', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'INITRAMFS', cmdline: 'console=ttyS0 wild.test=1' })
    const events: BootEvent[] = []
    server = await startPxeServer(options(ip, events))
    expect(server.missingBinaries).toEqual([])
    client = await udpClient(ip, 10068)

    // DISCOVER from UEFI firmware: an offer with no address, pointing at snponly.efi by TFTP.
    client.send(pxeRequest(MessageType.DISCOVER, 7), 10067, ip)
    const offer = parseDhcp((await nextMessage(client)).msg)
    expect(offer).toMatchObject({ op: 2, xid: 0xabcd, mac: MAC, yiaddr: '0.0.0.0', siaddr: ip, file: 'snponly.efi' })
    expect(optionString(offer, Opt.VENDOR_CLASS)).toBe('PXEClient')

    // The follow-up REQUEST to 4011 is answered from 4011 with an ACK.
    client.send(pxeRequest(MessageType.REQUEST, 7), 14011, ip)
    const ack = await nextMessage(client)
    expect(ack.port).toBe(14011)
    expect(parseDhcp(ack.msg).options.get(Opt.MESSAGE_TYPE)).toEqual(Buffer.from([MessageType.ACK]))

    const binary = await tftpGet(client, ip, 'snponly.efi')
    expect(Buffer.isBuffer(binary) && binary.equals(await readFile(join(IPXE_DIR, 'snponly.efi')))).toBe(true)
    expect(await tftpGet(client, ip, '../../../../etc/passwd')).toBe('File not found')
    expect(await tftpGet(client, ip, 'resources/ipxe/COPYING')).toBe('File not found')

    // iPXE now asks again with user class iPXE: it gets the script URL.
    client.send(pxeRequest(MessageType.DISCOVER, 7, 'iPXE'), 10067, ip)
    const ipxeOffer = parseDhcp((await nextMessage(client)).msg)
    const url = optionString(ipxeOffer, Opt.BOOTFILE)!
    expect(url).toBe(`http://${ip}:${server.httpPort}/boot.ipxe?mac=${MAC}&arch=amd64`)

    const script = await (await fetch(url)).text()
    expect(script).toContain(`kernel http://${ip}:${server.httpPort}/assets/amd64/kernel console=ttyS0 wild.test=1 talos.platform=metal initrd=initramfs.xz`)
    const kernelUrl = `http://${ip}:${server.httpPort}/assets/amd64/kernel`
    const full = await fetch(kernelUrl)
    expect(full.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await full.arrayBuffer()).equals(KERNEL)).toBe(true)
    const part = await fetch(kernelUrl, { headers: { Range: 'bytes=1000-1009' } })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1009/${KERNEL.length}`)
    expect((await part.arrayBuffer()).byteLength).toBe(10)
    expect((await fetch(kernelUrl, { headers: { Range: 'bytes=999999-' } })).status).toBe(416)
    expect((await fetch(`http://${ip}:${server.httpPort}/assets/amd64/..%2f..%2fmanifest.json`)).status).toBe(404)
    expect((await fetch(`http://${ip}:${server.httpPort}/assets/amd64/initramfs.xz`)).status).toBe(200)

    const stages = events.filter((e) => e.mac === MAC).map((e) => e.stage)
    expect(stages).toEqual(['dhcp', 'dhcp', 'binary', 'dhcp', 'script', 'kernel', 'initramfs'])
    // fetch() leaves from 127.0.0.1: HTTP stages are joined to the MAC by the script request's address.
    expect(events.at(-1)).toEqual({ event: 'boot', mac: MAC, ip: '127.0.0.1', arch: 'amd64', firmware: 'ipxe', stage: 'initramfs' })
    expect(events.find((e) => e.stage === 'binary')).toMatchObject({ mac: MAC, ip, firmware: 'uefi' })

    const st = await readPxeStatus(dataDir, 'lab')
    expect(st.running).toBe(true)
    expect(st.server).toMatchObject({ interface: 'lab0', address: ip, mode: 'proxy' })
  })

  it('an installed node gets the local-disk script; an added one the installer', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'console=ttyS0' })
    const states: Record<string, boolean> = { [MAC]: true, '52:54:00:aa:bb:02': false }
    server = await startPxeServer(
      options(ip, [], { nodeForMac: async (mac) => (mac in states ? { hostname: `node-${mac.slice(-2)}`, installed: states[mac]! } : null) })
    )
    const get = async (mac: string) => (await fetch(`http://${ip}:${server!.httpPort}/boot.ipxe?mac=${mac}&arch=amd64`)).text()
    const installed = await get(MAC)
    expect(installed).toMatch(/^exit$/m)
    expect(installed).not.toContain('kernel')
    expect(await get('52:54:00:aa:bb:02')).toContain('kernel ')
    expect(await get('52:54:00:aa:bb:03')).toContain('kernel ')
    expect((await readPxeStatus(dataDir, 'lab')).running).toBe(true)
  })

  it('refuses missing or unrecorded assets by name, before opening any port', async () => {
    const ip = loopback()
    const set = await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'c' })
    await rm(join(set, 'initramfs.xz'))
    await writeFile(join(set, 'kernel'), 'replaced by hand, size differs')
    await expect(startPxeServer(options(ip, []))).rejects.toThrow(/amd64: kernel \(corrupt\), initramfs \(missing\).*wild assets download --version v1.11.5/)
    // Nothing listens: the port is free for a server that starts correctly afterwards.
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'c' })
    server = await startPxeServer(options(ip, []))
  })

  it('refuses a second server for the same instance, and a port in use names it', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'c' })
    server = await startPxeServer(options(ip, []))
    await expect(startPxeServer(options(ip, []))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/already runs for instance "lab" \(pid \d+/)
    })
    await server.close()
    server = null
    expect((await readPxeStatus(dataDir, 'lab')).running).toBe(false)

    // A DHCP server that set SO_REUSEADDR (as dnsmasq does) could share the port silently.
    const dhcpBlocker = createSocket({ type: 'udp4', reuseAddr: true })
    await new Promise<void>((r) => dhcpBlocker.bind(10067, ip, () => r()))
    try {
      await expect(startPxeServer(options(ip, []))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/DHCP port UDP .*:10067 is already in use/)
      })
    } finally {
      dhcpBlocker.close()
    }

    const blocker = await udpClient(ip, 10069)
    try {
      await expect(startPxeServer(options(ip, []))).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(new RegExp(`TFTP port UDP ${ip.replaceAll('.', '\\.')}:10069 is already in use by node \\(pid ${process.pid}\\)`))
      })
    } finally {
      blocker.close()
    }
    // The failed start released the lock and the HTTP port it had opened.
    server = await startPxeServer(options(ip, []))
  })

  it('--dhcp-range: leases to every client from the range, boot info only to PXE clients, NAK for a foreign address', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'c' })
    const base = ip.split('.').slice(0, 3).join('.')
    server = await startPxeServer(options(ip, [], { dhcpRange: `${base}.100-${base}.101` }))
    client = await udpClient(ip, 10068)
    const plain = (type: number, mac: string, requested?: string) =>
      encodeRequest({
        xid: 7,
        mac,
        options: [
          [Opt.MESSAGE_TYPE, Buffer.from([type])],
          ...(requested ? [[Opt.REQUESTED_IP, Buffer.from(requested.split('.').map(Number))] as [number, Buffer]] : [])
        ]
      })
    client.send(plain(MessageType.DISCOVER, '02:00:00:00:00:0a'), 10067, ip)
    const offer = parseDhcp((await nextMessage(client)).msg)
    expect(offer.yiaddr).toBe(`${base}.100`)
    expect(offer.options.has(Opt.VENDOR_CLASS)).toBe(false)
    client.send(plain(MessageType.REQUEST, '02:00:00:00:00:0a', `${base}.100`), 10067, ip)
    expect(parseDhcp((await nextMessage(client)).msg).options.get(Opt.MESSAGE_TYPE)).toEqual(Buffer.from([MessageType.ACK]))
    client.send(plain(MessageType.REQUEST, '02:00:00:00:00:0a', `${base}.77`), 10067, ip)
    expect(parseDhcp((await nextMessage(client)).msg).options.get(Opt.MESSAGE_TYPE)).toEqual(Buffer.from([MessageType.NAK]))
    // A PXE client gets its lease and its boot file in the same offer.
    client.send(pxeRequest(MessageType.DISCOVER, 0), 10067, ip)
    const pxeOffer = parseDhcp((await nextMessage(client)).msg)
    expect(pxeOffer).toMatchObject({ yiaddr: `${base}.101`, file: 'undionly.kpxe' })
    expect((await readPxeStatus(dataDir, 'lab')).server?.mode).toBe('full')
  })

  it('survives garbage on every UDP port', async () => {
    const ip = loopback()
    await prepareInstance(dataDir, 'lab', { kernel: KERNEL, initramfs: 'I', cmdline: 'c' })
    server = await startPxeServer(options(ip, []))
    client = await udpClient(ip, 10068)
    for (const port of [10067, 14011, 10069]) {
      for (const junk of [Buffer.alloc(0), Buffer.from([0, 1]), Buffer.alloc(400, 0xff), Buffer.from([0, 1, 0, 0])]) client.send(junk, port, ip)
    }
    client.send(pxeRequest(MessageType.DISCOVER, 0), 10067, ip)
    expect(parseDhcp((await nextMessage(client)).msg).file).toBe('undionly.kpxe')
  })
})
