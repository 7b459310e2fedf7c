import { parse, parseAllDocuments } from 'yaml'
import { describe, expect, it } from 'vitest'
import { buildNodePatch, installerImage, patchYaml, type PatchNode, type PatchSettings } from '@core/cluster/patch'

const settings: PatchSettings = {
  vip: '192.168.1.40',
  talosVersion: 'v1.11.6',
  schematicId: null,
  network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1', dnsServers: ['192.168.1.1', '1.1.1.1'] },
  allowSchedulingOnControlPlanes: false
}
const cp: PatchNode = {
  hostname: 'cp-1',
  role: 'controlplane',
  mac: 'aa:bb:cc:dd:ee:01',
  interface: 'enp1s0',
  disk: '/dev/nvme0n1',
  targetIp: '192.168.1.50',
  version: 'v1.11.6',
  schematicId: null
}
const SCHEMATIC = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba'

describe('node patch', () => {
  it('builds a control-plane patch: hostname, disk, image, static address by MAC, route, DNS, VIP', () => {
    expect(buildNodePatch(cp, settings)).toEqual([
      {
        machine: {
          network: {
            hostname: 'cp-1',
            nameservers: ['192.168.1.1', '1.1.1.1'],
            interfaces: [
              {
                deviceSelector: { hardwareAddr: 'aa:bb:cc:dd:ee:01' },
                dhcp: false,
                addresses: ['192.168.1.50/24'],
                routes: [{ network: '0.0.0.0/0', gateway: '192.168.1.1' }],
                vip: { ip: '192.168.1.40' }
              }
            ]
          },
          install: { disk: '/dev/nvme0n1', image: 'ghcr.io/siderolabs/installer:v1.11.6' }
        }
      }
    ])
  })

  it('gives a worker no VIP and no scheduling setting', () => {
    const p = buildNodePatch({ ...cp, role: 'worker' }, { ...settings, allowSchedulingOnControlPlanes: true })[0] as {
      machine: { network: { interfaces: Record<string, unknown>[] } }
      cluster?: unknown
    }
    expect(p.machine.network.interfaces[0]).not.toHaveProperty('vip')
    expect(p.cluster).toBeUndefined()
  })

  it('lets a single-node cluster schedule workloads on its control plane', () => {
    expect(buildNodePatch(cp, { ...settings, allowSchedulingOnControlPlanes: true })[0]).toMatchObject({
      cluster: { allowSchedulingOnControlPlanes: true }
    })
  })

  it('uses the prefix length of the subnet, not a fixed /24', () => {
    const p = buildNodePatch({ ...cp, targetIp: '10.20.3.4' }, { ...settings, vip: '10.20.0.40', network: { ...settings.network, subnet: '10.20.0.0/16' } })
    expect(JSON.stringify(p)).toContain('10.20.3.4/16')
  })

  it.each([
    [null, null, 'ghcr.io/siderolabs/installer:v1.11.6'],
    [SCHEMATIC, null, `factory.talos.dev/metal-installer/${SCHEMATIC}:v1.11.6`],
    [null, SCHEMATIC, `factory.talos.dev/metal-installer/${SCHEMATIC}:v1.11.6`]
  ])('installer image for node schematic %s, cluster schematic %s', (nodeSchematic, clusterSchematic, image) => {
    const p = buildNodePatch({ ...cp, schematicId: nodeSchematic }, { ...settings, schematicId: clusterSchematic })
    expect((p[0]!.machine as { install: { image: string } }).install.image).toBe(image)
    expect(installerImage('v1.10.9', null)).toBe('ghcr.io/siderolabs/installer:v1.10.9')
  })

  it('omits nameservers when none are set', () => {
    const p = buildNodePatch(cp, { ...settings, network: { ...settings.network, dnsServers: [] } })
    expect(JSON.stringify(p)).not.toContain('nameservers')
  })

  it('says everything that is missing at once', () => {
    expect(() =>
      buildNodePatch({ ...cp, mac: null, disk: null }, { ...settings, vip: null, network: { subnet: null, gateway: null, dnsServers: [] } })
    ).toThrow(/MAC address.*install disk.*subnet.*gateway.*VIP/)
  })

  it('serializes to YAML that parses back to the same object', () => {
    const p = buildNodePatch(cp, settings)
    expect(parse(patchYaml(p))).toEqual(p[0])
  })
})

const v113 = { ...settings, talosVersion: 'v1.13.0' }
const cp113 = { ...cp, version: 'v1.13.0' }
const kinds = (docs: Record<string, unknown>[]) => docs.slice(1).map((d) => d.kind)

describe('node patch by Talos version', () => {
  it('gives a 1.12 maintenance machine joining a 1.13 cluster the network documents, link selected by MAC', () => {
    const docs = buildNodePatch(cp113, v113, 'v1.12.0')
    expect(docs[0]).toEqual({ machine: { install: { disk: '/dev/nvme0n1', image: 'ghcr.io/siderolabs/installer:v1.13.0' } } })
    expect(kinds(docs)).toEqual(['HostnameConfig', 'LinkAliasConfig', 'LinkConfig', 'Layer2VIPConfig', 'ResolverConfig'])
    expect(docs[1]).toEqual({ apiVersion: 'v1alpha1', kind: 'HostnameConfig', hostname: 'cp-1', auto: 'off' })
    expect(docs[2]).toEqual({
      apiVersion: 'v1alpha1',
      kind: 'LinkAliasConfig',
      name: 'net0',
      selector: { match: 'mac(link.permanent_addr) == "aa:bb:cc:dd:ee:01" || mac(link.hardware_addr) == "aa:bb:cc:dd:ee:01"' }
    })
    expect(docs[3]).toEqual({
      apiVersion: 'v1alpha1',
      kind: 'LinkConfig',
      name: 'net0',
      up: true,
      addresses: [{ address: '192.168.1.50/24' }],
      routes: [{ gateway: '192.168.1.1' }]
    })
    expect(docs[4]).toEqual({ apiVersion: 'v1alpha1', kind: 'Layer2VIPConfig', name: '192.168.1.40', link: 'net0' })
    expect(docs[5]).toMatchObject({ kind: 'ResolverConfig', nameservers: [{ address: '192.168.1.1' }, { address: '1.1.1.1' }] })
    expect(JSON.stringify(docs)).not.toContain('enp1s0')
  })

  it('gives a worker no VIP document', () => {
    expect(kinds(buildNodePatch({ ...cp113, role: 'worker' }, v113, 'v1.13.0'))).not.toContain('Layer2VIPConfig')
  })

  it('gives a 1.11 maintenance machine joining a 1.13 cluster v1alpha1 fields, minus what 1.11 rejects', () => {
    const docs = buildNodePatch(cp113, v113, 'v1.11.6')
    const main = docs[0] as { machine: { network: Record<string, unknown>; install: Record<string, unknown> } }
    expect(main.machine.network).toMatchObject({ hostname: 'cp-1', interfaces: [{ deviceSelector: { hardwareAddr: 'aa:bb:cc:dd:ee:01' } }] })
    expect(main.machine.install.grubUseUKICmdline).toEqual({ $patch: 'delete' })
    expect(docs.slice(1)).toEqual([{ apiVersion: 'v1alpha1', kind: 'HostnameConfig', $patch: 'delete' }])
  })

  it('deletes only what the generated base holds (a base from an older talosctl has neither)', () => {
    const docs = buildNodePatch(cp113, v113, 'v1.11.6', { hostnameConfig: false, grubUseUKICmdline: false })
    expect(docs).toHaveLength(1)
    expect((docs[0] as { machine: { install: Record<string, unknown> } }).machine.install).not.toHaveProperty('grubUseUKICmdline')
  })

  it('leaves a 1.11 cluster patch as one v1alpha1 document, whatever the machine runs', () => {
    expect(buildNodePatch(cp, settings, 'v1.12.0')).toHaveLength(1)
    expect(buildNodePatch(cp, settings, 'v1.11.6')).toEqual(buildNodePatch(cp, settings))
  })

  it('writes the documents as one multi-document YAML patch', () => {
    const docs = buildNodePatch(cp113, v113, 'v1.12.0')
    expect(parseAllDocuments(patchYaml(docs)).map((d) => d.toJS())).toEqual(docs)
  })
})
