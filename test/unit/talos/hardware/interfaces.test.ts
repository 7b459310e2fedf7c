import { describe, expect, it } from 'vitest'
import { chooseInterface, defaultRoutes, describeLinks } from '@core/talos/hardware/interfaces'
import { parseResources } from '@core/talos/resources'
import { address, emit, link, lo, route, type Res } from '../fixtures/resources'

const links = (...r: Res[]) => parseResources('links', emit(r))
const addrs = (...r: Res[]) => parseResources('addresses', emit(r))
const routes = (...r: Res[]) => parseResources('routes', emit(r))

describe('describeLinks', () => {
  it.each<[string, Res, Partial<ReturnType<typeof describeLinks>[number]>]>([
    ['a physical NIC', link('enp1s0', { index: 2, speedMbit: 1000, driver: 'e1000e' }), { physical: true, speedMbit: 1000, driver: 'e1000e' }],
    ['virtio with unknown speed', link('ens18', { index: 2, speedMbit: 4294967295 }), { physical: true, speedMbit: null }],
    ['a NIC ethtool gave no speed for', link('enp1s0', { index: 2 }), { speedMbit: null }],
    ['a bond', link('bond0', { index: 4, kind: 'bond' }), { physical: false, kind: 'bond' }],
    ['a dummy', link('dummy0', { index: 3, kind: 'dummy', up: false }), { physical: false, state: 'down', linkUp: false }],
    ['loopback', lo(), { physical: false, type: 'loopback', permanentMac: null }],
    ['a tunnel', link('sit0', { index: 5, type: 'sit', kind: 'sit' }), { physical: false }]
  ])('%s', (_name, r, expected) => {
    expect(describeLinks(links(r), [])[0]).toMatchObject(expected)
  })

  it('lists global addresses per interface and leaves out link-local and loopback ones', () => {
    const [eth] = describeLinks(
      links(link('enp1s0', { index: 2 })),
      addrs(address('enp1s0', 2, '192.168.1.50/24'), address('enp1s0', 2, 'fe80::1/64', 'link'), address('lo', 1, '127.0.0.1/8', 'host'))
    )
    expect(eth!.addresses).toEqual(['192.168.1.50/24'])
  })
})

describe('defaultRoutes', () => {
  const l = links(link('enp1s0', { index: 2 }), link('enp2s0', { index: 3 }))
  it.each<[string, Res[], [string, string | null][]]>([
    ['none', [route({ dst: '192.168.1.0/24', link: 'enp1s0', linkIndex: 2 })], []],
    ['a gateway with a link-scope route is not a default', [route({ gateway: '192.168.1.1', link: 'enp1s0', linkIndex: 2, scope: 'link' })], []],
    [
      'IPv4 before IPv6',
      [route({ gateway: 'fe80::1', link: 'enp1s0', linkIndex: 2, family: 'inet6' }), route({ gateway: '192.168.1.1', link: 'enp1s0', linkIndex: 2 })],
      [
        ['192.168.1.1', 'enp1s0'],
        ['fe80::1', 'enp1s0']
      ]
    ],
    [
      'lowest metric first',
      [
        route({ gateway: '10.0.0.1', link: 'enp2s0', linkIndex: 3, priority: 2048 }),
        route({ gateway: '192.168.1.1', link: 'enp1s0', linkIndex: 2, priority: 1024 })
      ],
      [
        ['192.168.1.1', 'enp1s0'],
        ['10.0.0.1', 'enp2s0']
      ]
    ]
  ])('%s', (_name, r, expected) => {
    expect(defaultRoutes(routes(...r), l, []).map((x) => [x.gateway, x.link])).toEqual(expected)
  })

  it('finds the link by index when the name is missing', () => {
    const text = emit([route({ gateway: '192.168.1.1', link: 'enp2s0', linkIndex: 3 })]).replace('"outLinkName": "enp2s0",', '')
    expect(defaultRoutes(parseResources('routes', text), l, [])[0]!.link).toBe('enp2s0')
  })

  it('prefers the route leaving by the link that holds the address we reached', () => {
    const r = routes(
      route({ gateway: '192.168.1.1', link: 'enp1s0', linkIndex: 2 }),
      route({ gateway: '10.0.0.1', link: 'enp2s0', linkIndex: 3, priority: 2048 })
    )
    expect(defaultRoutes(r, l, addrs(address('enp2s0', 3, '10.0.0.9/24')), '10.0.0.9')[0]!.gateway).toBe('10.0.0.1')
  })
})

describe('chooseInterface without a default route', () => {
  const ifaces =
    (...r: Res[]) =>
    (a: Res[] = []) =>
      describeLinks(links(...r), addrs(...a))
  it.each<[string, ReturnType<typeof describeLinks>, string | null, RegExp]>([
    [
      'a NIC with a link and an IPv4 address',
      ifaces(link('enp1s0', { index: 2, up: false }), link('enp2s0', { index: 3 }), link('enp3s0', { index: 4 }))([address('enp3s0', 4, '172.16.0.5/16')]),
      'enp3s0',
      /has a link and an IPv4 address/
    ],
    ['the first NIC with a cable', ifaces(link('enp1s0', { index: 2, up: false }), link('enp2s0', { index: 3 }))(), 'enp2s0', /cable connected/],
    ['a NIC with no link at all', ifaces(lo(), link('enp1s0', { index: 2, up: false }))(), 'enp1s0', /Check its cable/],
    ['no NIC', ifaces(lo(), link('dummy0', { index: 3, kind: 'dummy' }))(), null, /No physical network interface/]
  ])('%s', (_name, list, expected, reason) => {
    const c = chooseInterface(list, [], '192.168.9.9')
    expect(c.name).toBe(expected)
    expect(c.reason).toMatch(reason)
    expect(c.gateway).toBeNull()
  })
})
