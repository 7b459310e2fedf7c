import { describe, expect, it } from 'vitest'
import type { DiscoveredNode } from '@shared/contract/discovery'
import type { Node } from '@shared/contract/nodes'
import type { PxeClientView } from '@shared/contract/pxe'
import { mergeMachines, type MergeInput } from '@core/machines/merge'

const NOW = new Date('2026-12-06T12:00:00Z')
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString()

function node(p: Partial<Node> & { hostname: string }): Node {
  return {
    role: 'controlplane',
    mac: null,
    targetIp: null,
    currentIp: null,
    interface: null,
    disk: null,
    version: null,
    schematicId: null,
    configured: false,
    deployed: false,
    state: 'added',
    stateReason: null,
    ...p
  }
}

function found(p: Partial<DiscoveredNode> & { ip: string }): DiscoveredNode {
  return {
    mac: null,
    hostname: null,
    maintenanceMode: true,
    state: 'maintenance',
    version: null,
    note: null,
    foundAt: minutesAgo(1),
    ...p
  }
}

function boot(p: Partial<PxeClientView> & { mac: string }): PxeClientView {
  return { ip: null, arch: 'amd64', firmware: 'uefi', stage: 'kernel', script: 'installer', lastSeenAt: minutesAgo(1), hostname: null, ...p }
}

const input = (p: Partial<MergeInput>): MergeInput => ({ nodes: [], vip: null, found: [], boots: [], hardware: new Map(), now: NOW, ...p })

describe('mergeMachines', () => {
  it('names a scanned address that is a node target IP as that node, and labels the VIP without counting it', () => {
    const r = mergeMachines(
      input({
        vip: '10.0.0.5',
        nodes: [node({ hostname: 'cp-1', mac: 'aa:00:00:00:00:01', targetIp: '10.0.0.11', state: 'ready' })],
        found: [
          found({ ip: '10.0.0.11', state: 'configured', maintenanceMode: false }),
          found({ ip: '10.0.0.5', state: 'configured', maintenanceMode: false }),
          found({ ip: '10.0.0.60', mac: 'bb:00:00:00:00:02', hostname: 'talos-abc', version: 'v1.11.6' })
        ]
      })
    )
    expect(r.count).toBe(2)
    const cp = r.machines.find((m) => m.node === 'cp-1')!
    expect(cp).toMatchObject({ key: 'aa:00:00:00:00:01', state: 'ready', targetIp: '10.0.0.11', canSetup: false })
    expect(cp.sources).toEqual(['node', 'scan'])
    const vip = r.machines.find((m) => m.vip)!
    expect(vip).toMatchObject({ key: 'vip:10.0.0.5', state: 'vip', currentIp: '10.0.0.5', canSetup: false })
    const fresh = r.machines.find((m) => m.mac === 'bb:00:00:00:00:02')!
    expect(fresh).toMatchObject({ state: 'maintenance', hostname: 'talos-abc', canSetup: true, stale: false, node: null })
  })

  it('never offers a node former maintenance address: the scan row joins the node by MAC', () => {
    const r = mergeMachines(
      input({
        nodes: [node({ hostname: 'w-1', role: 'worker', mac: 'aa:00:00:00:00:03', targetIp: '10.0.0.21', state: 'ready' })],
        found: [found({ ip: '10.0.0.77', mac: 'AA:00:00:00:00:03', foundAt: minutesAgo(30) })]
      })
    )
    expect(r.machines).toHaveLength(1)
    expect(r.machines[0]).toMatchObject({ node: 'w-1', role: 'worker', currentIp: null, targetIp: '10.0.0.21', canSetup: false })
  })

  it('marks an old scan result stale with its age and does not offer it', () => {
    const r = mergeMachines(input({ found: [found({ ip: '10.0.0.60', mac: 'bb:00:00:00:00:02', foundAt: minutesAgo(90) })] }))
    expect(r.machines[0]).toMatchObject({ stale: true, canSetup: false, staleReason: 'found 1 h 30 min ago' })
  })

  it('marks a scan result stale when a later network boot put the machine at another address', () => {
    const r = mergeMachines(
      input({
        found: [found({ ip: '10.0.0.60', mac: 'bb:00:00:00:00:02', foundAt: minutesAgo(5) })],
        boots: [boot({ mac: 'bb:00:00:00:00:02', ip: '10.0.0.61', lastSeenAt: minutesAgo(1), arch: 'arm64' })]
      })
    )
    expect(r.machines).toHaveLength(1)
    expect(r.machines[0]).toMatchObject({ currentIp: '10.0.0.61', arch: 'arm64', stale: true, canSetup: false, staleReason: 'moved to 10.0.0.61' })
    expect(r.machines[0]!.sources).toEqual(['netboot', 'scan'])
  })

  it('shows a machine seen only booting by network, and a node with no MAC yet by hostname', () => {
    const r = mergeMachines(
      input({
        nodes: [node({ hostname: 'cp-2', targetIp: '10.0.0.12' })],
        boots: [boot({ mac: 'cc:00:00:00:00:04', ip: '10.0.0.90', stage: 'initramfs' })]
      })
    )
    expect(r.machines.map((m) => [m.key, m.state])).toEqual([
      ['node:cp-2', 'added'],
      ['cc:00:00:00:00:04', 'booting']
    ])
    expect(r.count).toBe(2)
  })

  it('fills CPU, RAM, disks and arch from the scan, else from the last hardware detection', () => {
    const r = mergeMachines(
      input({
        nodes: [node({ hostname: 'cp-1', mac: 'aa:00:00:00:00:01', targetIp: '10.0.0.11' })],
        found: [found({ ip: '10.0.0.60', mac: 'bb:00:00:00:00:02', cpu: 'Xeon · 6 cores', memoryBytes: 2 ** 34, disks: ['/dev/sda'], arch: 'amd64' })],
        hardware: new Map([
          [
            'aa:00:00:00:00:01',
            { cpu: { model: 'Ryzen', sockets: 1, cores: 8, threads: 16, maxSpeedMhz: null }, memoryBytes: 2 ** 35, disks: [{ path: '/dev/nvme0n1' }] }
          ]
        ])
      })
    )
    const cp = r.machines.find((m) => m.node === 'cp-1')!
    expect(cp).toMatchObject({ cpu: 'Ryzen · 8 cores', memoryBytes: 2 ** 35, disks: ['/dev/nvme0n1'] })
    const chosen = mergeMachines(
      input({
        nodes: [node({ hostname: 'cp-1', mac: 'aa:00:00:00:00:01', disk: '/dev/sda' })],
        hardware: new Map([
          ['aa:00:00:00:00:01', { cpu: null, memoryBytes: null, disks: [{ path: '/dev/loop0' }, { path: '/dev/sda' }, { path: '/dev/sr0', cdrom: true }] }]
        ])
      })
    )
    expect(chosen.machines[0]!.disks).toEqual(['/dev/sda'])
    const unchosen = mergeMachines(
      input({
        nodes: [node({ hostname: 'cp-1', mac: 'aa:00:00:00:00:01' })],
        hardware: new Map([
          [
            'aa:00:00:00:00:01',
            { cpu: null, memoryBytes: null, disks: [{ path: '/dev/loop0' }, { path: '/dev/nvme0n1' }, { path: '/dev/sdb', readonly: true }] }
          ]
        ])
      })
    )
    expect(unchosen.machines[0]!.disks).toEqual(['/dev/nvme0n1'])
    const fresh = r.machines.find((m) => m.mac === 'bb:00:00:00:00:02')!
    expect(fresh).toMatchObject({ cpu: 'Xeon · 6 cores', memoryBytes: 2 ** 34, disks: ['/dev/sda'], arch: 'amd64' })
  })
})
