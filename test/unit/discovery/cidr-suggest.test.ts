import type { NetworkInterfaceInfo } from 'node:os'
import { describe, expect, it } from 'vitest'
import { hostsOf, intToIp, ipToInt, parseCidr } from '@core/discovery/cidr'
import { addSample, effectiveDeadline } from '@core/discovery/deadline'
import { classifySocketError } from '@core/discovery/probe'
import { isExcludedInterface, suggestCidrs } from '@core/discovery/suggest'

describe('CIDR ranges', () => {
  it.each([
    ['192.168.1.0/24', '192.168.1.0/24', 254, '192.168.1.1', '192.168.1.254'],
    ['192.168.1.77/24', '192.168.1.0/24', 254, '192.168.1.1', '192.168.1.254'],
    [' 10.0.0.0/30 ', '10.0.0.0/30', 2, '10.0.0.1', '10.0.0.2'],
    ['10.0.0.4/31', '10.0.0.4/31', 2, '10.0.0.4', '10.0.0.5'],
    ['10.0.0.9/32', '10.0.0.9/32', 1, '10.0.0.9', '10.0.0.9'],
    ['172.16.0.0/16', '172.16.0.0/16', 65534, '172.16.0.1', '172.16.255.254'],
    ['127.0.77.0/24', '127.0.77.0/24', 254, '127.0.77.1', '127.0.77.254']
  ])('%s normalises to %s with %i addresses from %s to %s', (text, cidr, total, first, last) => {
    const r = parseCidr(text)
    expect(r.cidr).toBe(cidr)
    expect(r.total).toBe(total)
    expect(intToIp(r.first)).toBe(first)
    expect(intToIp(r.last)).toBe(last)
  })

  it.each([
    ['192.168.1.0', /not a network range/],
    ['192.168.1.0/33', /not a network range/],
    ['300.1.1.0/24', /not a network range/],
    ['192.168.1.0/24; rm -rf /', /not a network range/],
    ['10.0.0.0/15', /at most a \/16/],
    ['10.0.0.0/8', /16777216 addresses/],
    ['0.0.0.0/16', /this network/],
    ['224.0.0.0/24', /multicast/],
    ['255.255.255.255/32', /multicast or reserved/]
  ])('refuses %s', (text, message) => {
    expect(() => parseCidr(text)).toThrow(message)
    try {
      parseCidr(text)
    } catch (e) {
      expect((e as { code: string }).code).toBe('VALIDATION')
    }
  })

  it.each([
    ['192.168.0.0/22', null],
    ['192.168.0.0/21', /2,046 addresses/],
    ['10.1.0.0/16', /65,534 addresses/]
  ])('warns about %s past a /22', (text, warning) => {
    const w = parseCidr(text).warning
    if (warning === null) expect(w).toBeNull()
    else expect(w).toMatch(warning)
  })

  it('expands lazily in address order', () => {
    const it = hostsOf(parseCidr('10.9.8.0/29'))
    expect([...it]).toEqual(['10.9.8.1', '10.9.8.2', '10.9.8.3', '10.9.8.4', '10.9.8.5', '10.9.8.6'])
    let n = 0
    for (const ip of hostsOf(parseCidr('10.20.0.0/16'))) {
      n++
      if (n === 65534) expect(ip).toBe('10.20.255.254')
    }
    expect(n).toBe(65534)
  })

  it('round-trips addresses through integers, high bit included', () => {
    for (const ip of ['0.0.0.1', '127.0.0.1', '192.168.255.254', '255.255.255.255']) expect(intToIp(ipToInt(ip))).toBe(ip)
  })
})

function v4(address: string, cidr: string, internal = false): NetworkInterfaceInfo {
  return { address, netmask: '', family: 'IPv4', mac: '00:00:00:00:00:00', internal, cidr }
}
function v6(address: string): NetworkInterfaceInfo {
  return { address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/64`, scopeid: 0 }
}

describe('range suggestions from interfaces', () => {
  it.each([
    'lo',
    'docker0',
    'br-1a2b3c',
    'virbr0',
    'veth12ab',
    'tun0',
    'tap3',
    'wg0',
    'tailscale0',
    'utun4',
    'zt7nnig26',
    'vboxnet0',
    'vmnet8',
    'cni0',
    'flannel.1',
    'cali123',
    'podman0',
    'lxcbr0',
    'awdl0',
    'llw0',
    'bridge100',
    'vEthernet (WSL)',
    'VirtualBox Host-Only Network',
    'VMware Network Adapter VMnet1'
  ])('leaves out %s', (name) => expect(isExcludedInterface(name)).toBe(true))

  it.each(['eth0', 'enp3s0', 'eno1', 'wlan0', 'wlp2s0', 'en0', 'en7', 'Ethernet', 'Wi-Fi'])('keeps %s', (name) => expect(isExcludedInterface(name)).toBe(false))

  it('suggests the LAN ranges and nothing else', () => {
    const suggestions = suggestCidrs({
      lo: [v4('127.0.0.1', '127.0.0.1/8', true)],
      enp3s0: [v4('192.168.1.23', '192.168.1.23/24'), v6('fe80::1')],
      wlan0: [v4('192.168.1.40', '192.168.1.40/24'), v4('169.254.3.3', '169.254.3.3/16')],
      eth1: [v4('10.20.30.40', '10.20.30.40/8')],
      eth2: [v4('172.20.5.6', '172.20.5.6/20')],
      ppp9: [v4('100.64.1.1', '100.64.1.1/32')],
      usb0: [v4('192.168.7.2', '192.168.7.2/32')],
      docker0: [v4('172.17.0.1', '172.17.0.1/16')],
      'br-abcdef': [v4('172.18.0.1', '172.18.0.1/16')],
      tailscale0: [v4('100.100.1.2', '100.100.1.2/32')],
      down0: undefined
    })
    expect(suggestions).toEqual([
      { cidr: '192.168.1.0/24', interface: 'enp3s0', address: '192.168.1.23', addresses: 254, note: null },
      {
        cidr: '10.20.30.0/24',
        interface: 'eth1',
        address: '10.20.30.40',
        addresses: 254,
        note: expect.stringMatching(/\/8, larger than one scan allows/)
      },
      { cidr: '172.20.0.0/20', interface: 'eth2', address: '172.20.5.6', addresses: 4094, note: null }
    ])
  })

  it('reads the prefix from the netmask when the cidr field is missing', () => {
    const info = { ...v4('192.168.50.9', ''), cidr: null, netmask: '255.255.255.0' }
    expect(suggestCidrs({ en0: [info] })).toMatchObject([{ cidr: '192.168.50.0/24' }])
  })
})

describe('probe deadline', () => {
  const o = { timeoutMs: 1000, minTimeoutMs: 250, adaptive: true }
  it.each([
    ['no answers yet', { count: 0, maxMs: 0 }, o, 1000],
    ['too few answers to trust', { count: 2, maxMs: 1 }, o, 1000],
    ['fast LAN answers: the floor', { count: 10, maxMs: 3 }, o, 250],
    ['a slow answer widens it', { count: 10, maxMs: 60 }, o, 480],
    ['never past the operator timeout', { count: 10, maxMs: 400 }, o, 1000],
    ['adapting off', { count: 50, maxMs: 1 }, { ...o, adaptive: false }, 1000],
    ['a floor above the timeout yields to it', { count: 5, maxMs: 1 }, { ...o, timeoutMs: 100 }, 100]
  ])('%s → %i ms', (_n, samples, opts, expected) => expect(effectiveDeadline(samples, opts)).toBe(expected))

  it('keeps the count and the slowest answer', () => {
    expect([5, 2, 9, 1].reduce(addSample, { count: 0, maxMs: 0 })).toEqual({ count: 4, maxMs: 9 })
  })

  it.each([
    ['ECONNREFUSED', 'closed'],
    ['EHOSTUNREACH', 'unreachable'],
    ['ENETUNREACH', 'unreachable'],
    ['ETIMEDOUT', 'timeout'],
    ['EMFILE', 'retry'],
    ['EADDRNOTAVAIL', 'retry'],
    ['ECONNRESET', 'error'],
    [undefined, 'error']
  ])('socket error %s means %s', (code, outcome) => expect(classifySocketError(code)).toBe(outcome))
})
