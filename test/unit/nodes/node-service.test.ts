import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { createNodeService, type NodeServiceDeps } from '@core/nodes/nodes'
import { instancePaths } from '@core/paths'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'
import { makeInstance } from '../config/helpers'
import { HW } from './hardware-fixture'

async function setup(dir: string, extra: Partial<NodeServiceDeps> = {}) {
  const inst = await makeInstance(dir)
  await inst.config.updateSettings('lab', { vip: '10.5.0.10', network: { subnet: '10.5.0.0/24', gateway: '10.5.0.1' } })
  const changes: string[] = []
  inst.events.onAny((name) => changes.push(name))
  const nodes = createNodeService({ store: inst.store, events: inst.events, dataDir: dir, ...extra })
  return { ...inst, nodes, changes }
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p
  } catch (e) {
    return e as AppError
  }
  throw new Error('expected a rejection')
}

const CP = { hostname: 'cp-1', role: 'controlplane' as const, targetIp: '10.5.0.11', mac: 'aa:bb:cc:00:00:01', disk: '/dev/sda' }

describe('node registry', () => {
  it('adds a node with real booleans and the cluster version, and says so once', async () => {
    await withTempDir(async (dir) => {
      const { nodes, file, changes } = await setup(dir)
      const n = await nodes.add('lab', CP)
      expect(n).toMatchObject({ state: 'added', configured: false, deployed: false, version: 'v1.11.6', mac: 'aa:bb:cc:00:00:01' })
      const raw = parse(await readFile(file, 'utf8')).cluster.nodes.active['cp-1']
      expect(raw.configured).toBe(false)
      expect(raw.deployed).toBe(false)
      expect(changes.filter((c) => c === 'nodes.changed')).toHaveLength(1)
    })
  })

  it('treats adding the same node again as a no-op', async () => {
    await withTempDir(async (dir) => {
      const { nodes, file, changes } = await setup(dir)
      await nodes.add('lab', CP)
      const before = await readFile(file, 'utf8')
      expect(await nodes.add('lab', { ...CP, mac: 'AA:BB:CC:00:00:01' })).toMatchObject({ hostname: 'cp-1' })
      expect(await readFile(file, 'utf8')).toBe(before)
      expect(changes.filter((c) => c === 'nodes.changed')).toHaveLength(1)
    })
  })

  it.each<[string, object, string, RegExp]>([
    ['the same hostname with another address', { ...CP, targetIp: '10.5.0.12' }, 'CONFLICT', /already exists with different settings \(targetIp/],
    ['another hostname with the same MAC', { ...CP, hostname: 'cp-2', targetIp: '10.5.0.12' }, 'CONFLICT', /already registered as cp-1/],
    ['another hostname with the same target IP', { ...CP, hostname: 'cp-2', mac: 'aa:bb:cc:00:00:09' }, 'CONFLICT', /already used by cp-1/],
    [
      'a target outside the subnet',
      { ...CP, hostname: 'cp-2', mac: undefined, targetIp: '10.6.0.5' },
      'VALIDATION',
      /outside the cluster subnet 10\.5\.0\.0\/24/
    ],
    ['a target on the VIP', { ...CP, hostname: 'cp-2', mac: undefined, targetIp: '10.5.0.10' }, 'VALIDATION', /VIP 10\.5\.0\.10 is also an address of cp-2/]
  ])('refuses %s', async (_name, input, code, message) => {
    await withTempDir(async (dir) => {
      const { nodes, file } = await setup(dir)
      await nodes.add('lab', CP)
      const before = await readFile(file, 'utf8')
      const err = await rejection(nodes.add('lab', input as never))
      expect(err.code).toBe(code)
      expect(err.message).toMatch(message)
      expect(await readFile(file, 'utf8')).toBe(before)
    })
  })

  it('checks the disk and interface against the detected hardware, and fills them from it', async () => {
    await withTempDir(async (dir) => {
      const { nodes } = await setup(dir, { detect: async () => HW })
      await nodes.detectHardware('lab', '10.5.0.101')
      const usb = await rejection(nodes.add('lab', { ...CP, disk: '/dev/sda' }))
      expect(usb.message).toMatch(/\/dev\/sda is not an install candidate \(the USB stick it booted from\)\. Install candidates: \/dev\/nvme0n1/)
      const missing = await rejection(nodes.add('lab', { ...CP, disk: undefined, interface: 'wlan0' }))
      expect(missing.message).toMatch(/Interface wlan0 was not found.*enp1s0, enp2s0/)
      const byIp = await nodes.add('lab', { hostname: 'cp-1', role: 'controlplane', targetIp: '10.5.0.11', currentIp: '10.5.0.101' })
      expect(byIp).toMatchObject({ mac: 'aa:bb:cc:00:00:01', interface: 'enp1s0', disk: '/dev/nvme0n1' })
    })
  })

  it('finds a node by hostname or MAC', async () => {
    await withTempDir(async (dir) => {
      const { nodes } = await setup(dir)
      await nodes.add('lab', CP)
      expect((await nodes.get('lab', 'AA:BB:CC:00:00:01')).hostname).toBe('cp-1')
      expect((await rejection(nodes.get('lab', 'cp-9'))).code).toBe('NOT_FOUND')
    })
  })

  it('sends an edited node that was set up back to "added", reachable at its old address', async () => {
    await withTempDir(async (dir) => {
      const { nodes } = await setup(dir)
      await nodes.add('lab', CP)
      await nodes.mark('lab', 'cp-1', { state: 'configured', configured: true })
      await nodes.mark('lab', 'cp-1', { state: 'applying' })
      await nodes.mark('lab', 'cp-1', { state: 'ready', applied: true, deployed: true, currentIp: '10.5.0.11' })
      const n = await nodes.update('lab', 'cp-1', { targetIp: '10.5.0.21' })
      expect(n).toMatchObject({ state: 'added', configured: false, deployed: true, targetIp: '10.5.0.21', currentIp: '10.5.0.11' })
      const role = await rejection(nodes.update('lab', 'cp-1', { role: 'worker' }))
      expect(role.code).toBe('CONFLICT')
    })
  })

  it('refuses an impossible state change', async () => {
    await withTempDir(async (dir) => {
      const { nodes } = await setup(dir)
      await nodes.add('lab', CP)
      expect((await rejection(nodes.mark('lab', 'cp-1', { state: 'ready' }))).code).toBe('CONFLICT')
    })
  })

  it('deletes only with the hostname typed again, and removes its patch and machine config', async () => {
    await withTempDir(async (dir) => {
      const { nodes } = await setup(dir)
      await nodes.add('lab', CP)
      const p = instancePaths(dir, 'lab')
      for (const f of [p.patchFor(CP.mac), p.finalConfigFor('cp-1')]) {
        await mkdir(dirname(f), { recursive: true })
        await writeFile(f, 'x')
      }
      expect((await rejection(nodes.remove('lab', 'cp-1', { confirm: 'cp-2' }))).message).toContain('Type the hostname "cp-1"')
      await nodes.remove('lab', 'cp-1', { confirm: 'cp-1' })
      expect(await nodes.list('lab')).toEqual([])
      await expect(readFile(p.finalConfigFor('cp-1'))).rejects.toThrow()
      await expect(readFile(p.patchFor(CP.mac))).rejects.toThrow()
    })
  })

  it('resets the machine before deleting when asked: the last control plane without leaving etcd', async () => {
    await withTempDir(async (dir) => {
      const calls: unknown[] = []
      let fail = false
      const talos = {
        reset: async (input: unknown) => {
          calls.push(input)
          if (fail) throw new AppError('NODE_UNREACHABLE', 'Could not reach 10.5.0.11.')
        }
      } as unknown as NonNullable<NodeServiceDeps['talos']>
      const { nodes } = await setup(dir, { talos })
      await nodes.add('lab', CP)
      expect((await rejection(nodes.remove('lab', 'cp-1', { confirm: 'cp-1', reset: true }))).message).toMatch(/never set up/)
      await nodes.mark('lab', 'cp-1', { state: 'configured', applied: true, deployed: true })
      const p = instancePaths(dir, 'lab')
      await mkdir(dirname(p.talosconfig), { recursive: true })
      await writeFile(p.talosconfig, 'context: lab\n')
      fail = true
      const err = await rejection(nodes.remove('lab', 'cp-1', { confirm: 'cp-1', reset: true }))
      expect(err.message).toMatch(/Could not reset cp-1.*The node was kept.*delete it without reset/)
      expect(await nodes.list('lab')).toHaveLength(1)
      fail = false
      await nodes.remove('lab', 'cp-1', { confirm: 'cp-1', reset: true })
      expect(calls.at(-1)).toMatchObject({ target: { node: '10.5.0.11' }, graceful: false, reboot: true })
      expect(await nodes.list('lab')).toEqual([])
    })
  })
})
