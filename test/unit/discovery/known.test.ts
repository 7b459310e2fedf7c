import { describe, expect, it } from 'vitest'
import type { DiscoveredNode } from '@shared/contract/discovery'
import { annotateFound, machineCount, withFacts } from '@core/discovery/known'

const found = (ip: string): DiscoveredNode => ({
  ip,
  mac: null,
  hostname: null,
  maintenanceMode: false,
  state: 'configured',
  version: null,
  note: null,
  foundAt: '2026-12-06T10:00:00Z'
})

describe('what a scan found, named by what the instance knows', () => {
  const known = {
    vip: '10.0.0.40',
    nodes: [
      { hostname: 'cp-1', targetIp: '10.0.0.41', currentIp: '10.0.0.113' },
      { hostname: 'cp-2', targetIp: '10.0.0.42', currentIp: '10.0.0.41' }
    ]
  }

  it('names a node at its target address before one that merely had it as a current address', () => {
    const out = annotateFound([found('10.0.0.41'), found('10.0.0.113'), found('10.0.0.40'), found('10.0.0.77')], known)
    expect(out.map((f) => [f.ip, f.node, f.vip ?? false])).toEqual([
      ['10.0.0.41', 'cp-1', false],
      ['10.0.0.113', 'cp-1', false],
      ['10.0.0.40', null, true],
      ['10.0.0.77', null, false]
    ])
    expect(machineCount(out)).toBe(3)
  })

  it('labels nothing as the VIP when the cluster has none', () => {
    expect(annotateFound([found('10.0.0.40')], { vip: null, nodes: [] })[0]).toEqual({ ...found('10.0.0.40'), node: null })
  })
})

describe('withFacts', () => {
  it('fills disks, CPU, memory and arch from what the machine told earlier, by MAC; the scan own values win', async () => {
    const base = { mac: null, hostname: null, maintenanceMode: true, state: 'maintenance' as const, version: null, note: null, foundAt: '2026-12-06T12:00:00Z' }
    const out = await withFacts(
      [
        { ...base, ip: '10.0.0.1', mac: 'AA:00:00:00:00:01' },
        { ...base, ip: '10.0.0.2', mac: 'aa:00:00:00:00:02', cpu: 'own' },
        { ...base, ip: '10.0.0.3' }
      ],
      async (mac) =>
        mac === 'aa:00:00:00:00:01' || mac === 'aa:00:00:00:00:02' ? { disks: ['/dev/sda'], cpu: 'N100 · 4 cores', memoryBytes: 2 ** 34, arch: 'amd64' } : null
    )
    expect(out[0]).toMatchObject({ disks: ['/dev/sda'], cpu: 'N100 · 4 cores', memoryBytes: 2 ** 34, arch: 'amd64' })
    expect(out[1]!.cpu).toBe('own')
    expect(out[2]).not.toHaveProperty('cpu')
  })
})
