import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { ClusterSettings } from '@shared/contract/cluster'
import { AppError } from '@shared/errors'
import { fillNetworkFromMachine } from '@core/cluster/network-fill'
import { formReceiver, networkFormNote, receivingVersion } from '@core/cluster/receiving'
import { HW } from './hardware-fixture'

const dirs: string[] = []
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

const settings: ClusterSettings = {
  name: 'home',
  vip: '192.168.1.40',
  talosVersion: 'v1.11.6',
  kubernetesVersion: '1.34.1',
  schematicId: null,
  network: { subnet: null, gateway: null, dnsServers: [] },
  hostnamePrefix: '',
  allowSchedulingOnControlPlanes: false,
  bootstrapped: null
}
const node = { hostname: 'cp1', mac: 'aa:bb:cc:dd:ee:01', currentIp: '192.168.1.50', targetIp: '192.168.1.41', version: 'v1.13.0' }

describe('setup fills in the subnet and gateway from the machine', () => {
  it('writes what it inferred and says so', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wild-fill-'))
    dirs.push(root)
    const lines: string[] = []
    const updates: unknown[] = []
    const hw = { ...HW, ipCidr: '192.168.1.50/24', gateway: '192.168.1.1' }
    const next = await fillNetworkFromMachine(
      { updateSettings: async (_i, u) => (updates.push(u), { ...settings, network: { ...settings.network, ...u.network } } as ClusterSettings) },
      'home',
      root,
      node,
      hw,
      settings,
      (l) => lines.push(l)
    )
    expect(updates).toEqual([{ network: { subnet: '192.168.1.0/24', gateway: '192.168.1.1' } }])
    expect(next.network).toMatchObject({ subnet: '192.168.1.0/24', gateway: '192.168.1.1' })
    expect(lines).toEqual(["Cluster subnet 192.168.1.0/24 and gateway 192.168.1.1 taken from cp1's detected address and default route."])
  })

  it('keeps the settings and says why when the rules refuse the inferred subnet', async () => {
    const root = await mkdtemp(join(tmpdir(), 'wild-fill-'))
    dirs.push(root)
    const lines: string[] = []
    const hw = { ...HW, ipCidr: '192.168.1.50/24', gateway: '192.168.1.1' }
    const refuse = async () => {
      throw new AppError('VALIDATION', 'Target IP 10.0.0.5 of w1 is outside the cluster subnet 192.168.1.0/24.')
    }
    const next = await fillNetworkFromMachine({ updateSettings: refuse }, 'home', root, node, hw, settings, (l) => lines.push(l))
    expect(next).toBe(settings)
    expect(lines[0]).toMatch(/^The subnet seen on cp1 \(192\.168\.1\.0\/24\) was not taken: Target IP 10\.0\.0\.5/)
  })
})

describe('the receiving machine version', () => {
  const call = { timeoutMs: 1000 }
  it('asks a maintenance machine at its current address for the version it booted', async () => {
    const asked: unknown[] = []
    const talos = { talosVersion: async (o: unknown) => (asked.push(o), 'v1.12.0') }
    const v = await receivingVersion(talos as never, node, { kind: 'unreachable', detail: '' }, { kind: 'maintenance', stage: 'maintenance' }, call)
    expect(v).toBe('v1.12.0')
    expect(asked).toEqual([{ node: '192.168.1.50', insecure: true, timeoutMs: 1000 }])
  })

  it('takes the running version of a machine that is already ours, and null when nothing answers', async () => {
    const talos = { talosVersion: async () => 'never asked' }
    const ours = { kind: 'ours', stage: 'running', version: 'v1.13.0' } as const
    expect(await receivingVersion(talos as never, node, ours, null, call)).toBe('v1.13.0')
    expect(await receivingVersion(talos as never, node, { kind: 'unreachable', detail: '' }, null, call)).toBeNull()
  })
})

describe('an older talosctl cannot merge the documents', () => {
  it('treats the machine as not knowing them when talosctl is older than 1.12, and says why', () => {
    expect(formReceiver('v1.12.0', 'v1.13.0')).toBe('v1.12.0')
    expect(formReceiver('v1.12.0', 'v1.11.6')).toBeNull()
    expect(formReceiver('v1.12.0', null)).toBeNull()
    expect(networkFormNote(node, settings, 'v1.12.0', 'v1.11.6')).toBe(
      'cp1 runs Talos v1.12.0 and gets Talos v1.13.0: its network settings are written as v1alpha1 machine.network fields, ' +
        'which both versions read (talosctl v1.11.6 cannot merge the v1.12 documents).'
    )
    expect(networkFormNote(node, settings, 'v1.12.0', 'v1.12.1')).toMatch(/written as v1\.12 documents/)
  })
})
