import { describe, expect, it } from 'vitest'
import { CONFIGURED_NOTE, createTalosIdentify, linkFor, type IdentifySource } from '@core/discovery/identify'
import type { Address, Link } from '@core/talos/resources'
import { AppError } from '@shared/errors'

const meta = (id: string, type: string) => ({ id, namespace: 'network', type, version: 1 })
const link = (id: string, mac: string, extra: Partial<Link['spec']> = {}) =>
  ({
    metadata: meta(id, 'LinkStatuses.net.talos.dev'),
    node: '',
    spec: { type: 'ether', kind: '', linkState: true, hardwareAddr: mac, ...extra }
  }) as unknown as Link
const addr = (linkName: string, address: string) =>
  ({ metadata: meta(`${linkName}/${address}`, 'AddressStatuses.net.talos.dev'), node: '', spec: { address, linkName } }) as unknown as Address

const links = [link('lo', '00:00:00:00:00:00', { type: 'loopback' }), link('enp1s0', 'AA:BB:CC:00:00:01'), link('enp2s0', 'aa:bb:cc:00:00:02')]

function fakeApi(overrides: Partial<Record<keyof IdentifySource, (...a: unknown[]) => Promise<unknown>>> = {}): IdentifySource & { calls: string[] } {
  const calls: string[] = []
  const wrap = (name: keyof IdentifySource, value: unknown) => async (o: { insecure?: boolean }) => {
    calls.push(`${name}${o.insecure ? ' --insecure' : ''}`)
    return overrides[name] ? overrides[name]!(o) : value
  }
  return {
    calls,
    links: wrap('links', links),
    addresses: wrap('addresses', [addr('lo', '127.0.0.1/8'), addr('enp2s0', '192.168.1.50/24')]),
    hostname: wrap('hostname', { metadata: meta('hostname', 'HostnameStatuses'), node: '', spec: { hostname: 'talos-2gd-7ph' } })
  } as unknown as IdentifySource & { calls: string[] }
}

describe('identifying a responder with talosctl', () => {
  it('reads a maintenance machine with --insecure: MAC of the NIC carrying the address, hostname (the version comes later)', async () => {
    const api = fakeApi()
    const id = await createTalosIdentify(api)('192.168.1.50', new AbortController().signal)
    expect(id).toEqual({
      state: 'maintenance',
      mac: 'aa:bb:cc:00:00:02',
      hostname: 'talos-2gd-7ph',
      version: null,
      interface: 'enp2s0',
      stage: 'maintenance',
      note: null
    })
    expect(api.calls.every((c) => c.endsWith('--insecure'))).toBe(true)
    // Two NICs with carrier: addresses name the one carrying 192.168.1.50.
    expect([...api.calls].sort()).toEqual(['addresses --insecure', 'hostname --insecure', 'links --insecure'])
  })

  it('costs two talosctl processes with one NIC up (no addresses, machinestatus or version) and shows the first answer at once', async () => {
    const one = [links[0]!, links[1]!, { ...links[2]!, spec: { ...links[2]!.spec, linkState: false } }]
    let hostnameCalled = false
    const api = fakeApi({
      links: async () => one,
      hostname: async () => {
        hostnameCalled = true
        return { spec: { hostname: 'talos-2gd-7ph' } }
      }
    })
    const firsts: unknown[] = []
    const id = await createTalosIdentify(api)('192.168.1.50', new AbortController().signal, (f) => firsts.push({ ...f, hostnameCalled }))
    expect(firsts).toEqual([
      {
        state: 'maintenance',
        mac: 'aa:bb:cc:00:00:01',
        interface: 'enp1s0',
        hostname: null,
        version: null,
        stage: 'maintenance',
        note: null,
        hostnameCalled: false
      }
    ])
    expect(id).toMatchObject({ mac: 'aa:bb:cc:00:00:01', hostname: 'talos-2gd-7ph', version: null })
    expect(api.calls).toEqual(['links --insecure', 'hostname --insecure'])
  })

  it.each(['NOT_IN_MAINTENANCE', 'CERT_OR_AUTH'] as const)('calls a node that answers %s "configured", not an error', async (code) => {
    const api = fakeApi({ links: async () => Promise.reject(new AppError(code, 'tls: certificate required')) })
    const id = await createTalosIdentify(api)('192.168.1.60', new AbortController().signal)
    expect(id).toMatchObject({ state: 'configured', mac: null, note: CONFIGURED_NOTE })
    expect(api.calls).toEqual(['links --insecure'])
  })

  it('passes other failures on, for the scan to list the address as unidentified', async () => {
    const api = fakeApi({ links: async () => Promise.reject(new AppError('NODE_UNREACHABLE', 'no answer')) })
    await expect(createTalosIdentify(api)('192.168.1.70', new AbortController().signal)).rejects.toMatchObject({ code: 'NODE_UNREACHABLE' })
  })

  it('still identifies the machine when optional resources fail', async () => {
    const api = fakeApi({ addresses: async () => Promise.reject(new AppError('NODE_UNREACHABLE', 'no answer')), hostname: async () => null })
    const id = await createTalosIdentify(api)('192.168.1.50', new AbortController().signal)
    // Without addresses the first physical link with carrier is the best guess.
    expect(id).toMatchObject({ state: 'maintenance', version: null, hostname: null, mac: 'aa:bb:cc:00:00:01' })
  })

  it.each([
    ['the link carrying the address', '192.168.1.50', [addr('enp2s0', '192.168.1.50/24')], 'enp2s0'],
    ['the first physical link with carrier when no address matches', '10.0.0.9', [], 'enp1s0'],
    ['none when no physical link is up', '10.0.0.9', [], null]
  ])('picks %s', (_name, ip, addresses, expected) => {
    const pool = expected === null ? links.map((l) => ({ ...l, spec: { ...l.spec, linkState: false } })) : links
    expect(linkFor(ip, pool as Link[], addresses as Address[])?.metadata.id ?? null).toBe(expected)
  })
})
