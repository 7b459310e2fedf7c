import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { classifyClient } from '@core/pxe/client'
import { DhcpParseError, encodeReply, encodeRequest, MessageType, Opt, optionIp, optionString, parseDhcp } from '@core/pxe/dhcp-packet'
import { chooseBoot, replyFor, type ServerView } from '@core/pxe/dhcp-policy'
import { createLeasePool, parseDhcpRange, resolveInterface } from '@core/pxe/network'
import type { IpxeBinary } from '@core/pxe/binaries'

const MAC = '52:54:00:12:34:56'
const allBinaries = new Set<IpxeBinary>(['undionly.kpxe', 'ipxe.efi', 'snponly.efi'])
const view: ServerView = { ip: '198.51.100.2', httpPort: 8080, binaries: allBinaries }

function request(opts: { arch?: number; vendor?: string; userClass?: string | Buffer; type?: number }) {
  const options: [number, Buffer][] = [[Opt.MESSAGE_TYPE, Buffer.from([opts.type ?? MessageType.DISCOVER])]]
  if (opts.vendor !== undefined) options.push([Opt.VENDOR_CLASS, Buffer.from(opts.vendor)])
  if (opts.arch !== undefined) options.push([Opt.CLIENT_ARCH, Buffer.from([opts.arch >> 8, opts.arch & 255])])
  if (opts.userClass !== undefined) options.push([Opt.USER_CLASS, Buffer.from(opts.userClass)])
  return parseDhcp(encodeRequest({ xid: 0x1234, mac: MAC, options }))
}

describe('DHCP packet parsing', () => {
  it('never throws anything but DhcpParseError on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), (bytes) => {
        try {
          parseDhcp(Buffer.from(bytes))
        } catch (e) {
          expect(e).toBeInstanceOf(DhcpParseError)
        }
      }),
      { numRuns: 2000 }
    )
  })

  it('refuses an option that runs past the end of the packet', () => {
    const good = encodeRequest({ xid: 1, mac: MAC, options: [[Opt.VENDOR_CLASS, Buffer.from('PXEClient')]] })
    const end = good.indexOf(255, 240)
    // Cut the packet in the middle of option 60's value.
    expect(() => parseDhcp(good.subarray(0, 245))).toThrow(/runs past the end/)
    expect(end).toBeGreaterThan(240)
  })

  it('round-trips a reply: xid, MAC, yiaddr 0 and the options', () => {
    const req = request({ arch: 7, vendor: 'PXEClient:Arch:00007:UNDI:003016' })
    const reply = parseDhcp(
      encodeReply(req, {
        siaddr: view.ip,
        file: 'snponly.efi',
        options: [
          [Opt.MESSAGE_TYPE, Buffer.from([2])],
          [Opt.SERVER_ID, Buffer.from([198, 51, 100, 2])]
        ]
      })
    )
    expect(reply).toMatchObject({ op: 2, xid: 0x1234, mac: MAC, yiaddr: '0.0.0.0', siaddr: view.ip, file: 'snponly.efi' })
    expect(optionIp(reply, Opt.SERVER_ID)).toBe(view.ip)
  })
})

describe('boot choice by options 60, 77 and 93', () => {
  it.each([
    [0, 'PXEClient:Arch:00000', 'tftp', 'undionly.kpxe', 'bios'],
    [7, 'PXEClient:Arch:00007', 'tftp', 'snponly.efi', 'uefi'],
    [9, 'PXEClient:Arch:00009', 'tftp', 'snponly.efi', 'uefi'],
    [16, 'HTTPClient:Arch:00016', 'http-binary', 'snponly.efi', 'uefi-http']
  ] as const)('arch %i (%s) → %s %s', (arch, vendor, kind, file, firmware) => {
    const client = classifyClient(request({ arch, vendor }))
    expect(client.firmware).toBe(firmware)
    const boot = chooseBoot(client, view)
    expect(boot).toMatchObject({ kind, file })
    if (kind === 'http-binary') expect(boot).toMatchObject({ url: `http://198.51.100.2:8080/ipxe/${file}` })
  })

  it('arm64 UEFI gets nothing while its iPXE build is missing, and the binary once present', () => {
    const client = classifyClient(request({ arch: 11, vendor: 'PXEClient:Arch:00011' }))
    expect(chooseBoot(client, view)).toEqual({ kind: 'none', reason: 'ipxe-arm64.efi is missing from the iPXE resources' })
    const withArm = { ...view, binaries: new Set<IpxeBinary>([...allBinaries, 'ipxe-arm64.efi']) }
    expect(chooseBoot(client, withArm)).toEqual({ kind: 'tftp', file: 'ipxe-arm64.efi' })
    expect(chooseBoot(classifyClient(request({ arch: 19, vendor: 'HTTPClient' })), withArm)).toMatchObject({ kind: 'http-binary', file: 'ipxe-arm64.efi' })
  })

  it('user class iPXE (bare or RFC 3004 form) → the script URL with MAC and arch', () => {
    for (const userClass of ['iPXE', Buffer.from([4, ...Buffer.from('iPXE')])]) {
      const client = classifyClient(request({ arch: 7, vendor: 'PXEClient:Arch:00007', userClass }))
      expect(client.firmware).toBe('ipxe')
      expect(chooseBoot(client, view)).toEqual({ kind: 'script', url: `http://198.51.100.2:8080/boot.ipxe?mac=${MAC}&arch=amd64` })
    }
  })

  it('takes the arch from option 60 when option 93 is absent', () => {
    expect(classifyClient(request({ vendor: 'PXEClient:Arch:00000:UNDI:002001' })).firmware).toBe('bios')
  })

  it('ignores machines that are not network booting (an OS renewing its lease)', () => {
    const plain = classifyClient(request({ vendor: 'udhcp 1.35.0' }))
    const boot = chooseBoot(plain, view)
    expect(boot.kind).toBe('none')
    expect(replyFor(request({ vendor: 'udhcp' }), MessageType.DISCOVER, plain, boot, view, null)).toBeNull()
  })

  it('a proxy offer never hands out an address, echoes PXEClient and names the file and server', () => {
    const req = request({ arch: 0, vendor: 'PXEClient:Arch:00000' })
    const client = classifyClient(req)
    const fields = replyFor(req, MessageType.DISCOVER, client, chooseBoot(client, view), view, null)!
    const reply = parseDhcp(encodeReply(req, fields))
    expect(reply.yiaddr).toBe('0.0.0.0')
    expect(reply.options.get(Opt.MESSAGE_TYPE)).toEqual(Buffer.from([MessageType.OFFER]))
    expect(optionString(reply, Opt.VENDOR_CLASS)).toBe('PXEClient')
    expect(optionString(reply, Opt.BOOTFILE)).toBe('undionly.kpxe')
    expect(reply.siaddr).toBe(view.ip)
    // BIOS ROMs are told to skip boot-server discovery (PXE option 6 = 8).
    expect(reply.options.get(Opt.VENDOR_SPECIFIC)).toEqual(Buffer.from([6, 1, 8, 255]))
    const ack = replyFor(req, MessageType.REQUEST, client, chooseBoot(client, view), view, null)!
    expect(ack.options[0]).toEqual([Opt.MESSAGE_TYPE, Buffer.from([MessageType.ACK])])
  })

  it('full DHCP mode puts the lease and mask in the reply', () => {
    const req = request({ arch: 7, vendor: 'PXEClient' })
    const client = classifyClient(req)
    const fields = replyFor(req, MessageType.DISCOVER, client, chooseBoot(client, view), view, {
      ip: '198.51.100.50',
      mask: '255.255.255.0',
      leaseSeconds: 3600
    })!
    const reply = parseDhcp(encodeReply(req, fields))
    expect(reply.yiaddr).toBe('198.51.100.50')
    expect(optionIp(reply, Opt.SUBNET_MASK)).toBe('255.255.255.0')
  })
})

const ifaces = {
  lan0: [{ address: '198.51.100.2', netmask: '255.255.255.0', family: 'IPv4' as const, mac: '02:00:00:00:00:01', internal: false, cidr: '198.51.100.2/24' }],
  v6only: [
    { address: 'fe80::1', netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6' as const, mac: '02:00:00:00:00:02', internal: false, cidr: 'fe80::1/64', scopeid: 2 }
  ]
}

describe('interface and DHCP range', () => {
  it('refuses an unknown interface, naming the ones that exist', () => {
    expect(() => resolveInterface('eth9', ifaces)).toThrow(/no network interface "eth9".*lan0/)
  })
  it('refuses an interface without IPv4', () => {
    expect(() => resolveInterface('v6only', ifaces)).toThrow(/has no IPv4 address/)
  })
  it('accepts a range inside the subnet and refuses one outside, reversed, or on the broadcast address', () => {
    const lan = resolveInterface('lan0', ifaces)
    expect(lan).toMatchObject({ ip: '198.51.100.2', prefix: 24, mask: '255.255.255.0' })
    expect(parseDhcpRange('198.51.100.100-198.51.100.150', lan)).toEqual({ from: '198.51.100.100', to: '198.51.100.150' })
    expect(() => parseDhcpRange('198.51.100.100-198.51.101.5', lan)).toThrow(/198.51.101.5 is outside lan0's subnet 198.51.100.0\/24/)
    expect(() => parseDhcpRange('198.51.100.150-198.51.100.100', lan)).toThrow(/ends before it starts/)
    expect(() => parseDhcpRange('198.51.100.200-198.51.100.255', lan)).toThrow(/broadcast/)
    expect(() => parseDhcpRange('10.0.0.1', lan)).toThrow(/not a DHCP range/)
  })
  it('leases are sticky per MAC, skip the server and run out cleanly', () => {
    const pool = createLeasePool({ from: '198.51.100.1', to: '198.51.100.3' }, '198.51.100.2')
    expect(pool.leaseFor('aa:aa:aa:aa:aa:01')).toBe('198.51.100.1')
    expect(pool.leaseFor('aa:aa:aa:aa:aa:02')).toBe('198.51.100.3')
    expect(pool.leaseFor('aa:aa:aa:aa:aa:01')).toBe('198.51.100.1')
    expect(pool.leaseFor('aa:aa:aa:aa:aa:03')).toBeNull()
  })
})
