import { describe, expect, it, vi } from 'vitest'
import type { Identity } from '@core/discovery/identify'
import type { ProbeOptions, ProbeSummary } from '@core/discovery/probe'
import { createBootFollowUp, type Arrival } from '@core/pxe/follow-up'

const MAC = '52:54:00:aa:bb:01'
const identity = (over: Partial<Identity> = {}): Identity => ({
  state: 'maintenance',
  mac: MAC,
  hostname: 'talos-x1',
  version: 'v1.11.5',
  interface: 'eth0',
  stage: 'maintenance',
  note: null,
  ...over
})

/** A network where `open` says which addresses answer on the Talos port; every probe is recorded. */
function lan(open: Set<string>) {
  const probed: string[] = []
  const probe = async (o: ProbeOptions): Promise<ProbeSummary> => {
    for (const ip of o.hosts) {
      probed.push(ip)
      o.onResult?.({ ip, outcome: open.has(ip) ? 'open' : 'timeout', ms: 1 })
    }
    return { probed: 1, open: 0, cancelled: false, deadlineMs: 0, peakSockets: 0 }
  }
  return { probed, probe }
}

describe('following a network-booted machine into maintenance mode', () => {
  it('follows nothing once closed: a status read after the core closed must not start a follower that keeps the process alive', async () => {
    const net = lan(new Set())
    const f = createBootFollowUp({ identify: vi.fn(async () => identity()), probe: net.probe, everyMs: 10, onArrival: () => {} })
    f.close()
    f.consider('lab', { mac: MAC, ip: '198.51.100.120', stage: 'initramfs' })
    await new Promise((r) => setTimeout(r, 50))
    expect(net.probed).toEqual([])
  })

  it('probes only the address it booted with, identifies once the port answers, and reports it once', async () => {
    const open = new Set<string>()
    const net = lan(open)
    const identify = vi.fn(async () => identity())
    const arrivals: Arrival[] = []
    const f = createBootFollowUp({ identify, probe: net.probe, everyMs: 10, onArrival: (_i, a) => arrivals.push(a) })
    f.consider('lab', { mac: MAC, ip: '198.51.100.120', stage: 'initramfs' })
    f.consider('lab', { mac: MAC, ip: '198.51.100.120', stage: 'initramfs' })
    await vi.waitFor(() => expect(net.probed.length).toBeGreaterThan(2))
    expect(identify).not.toHaveBeenCalled()
    open.add('198.51.100.120')
    await vi.waitFor(() => expect(arrivals).toHaveLength(1))
    expect(arrivals[0]).toMatchObject({ mac: MAC, ip: '198.51.100.120', identity: { hostname: 'talos-x1' } })
    expect(new Set(net.probed)).toEqual(new Set(['198.51.100.120']))
    expect(f.arrival('lab', MAC)?.ip).toBe('198.51.100.120')
    f.consider('lab', { mac: MAC, ip: '198.51.100.120', stage: 'initramfs' })
    await new Promise((r) => setTimeout(r, 50))
    expect(identify).toHaveBeenCalledTimes(1)
    f.close()
  })

  it('ignores machines that have not reached the initramfs, installed nodes sent to disk, and clients without an address', async () => {
    const net = lan(new Set(['198.51.100.121']))
    const f = createBootFollowUp({ identify: async () => identity(), probe: net.probe, everyMs: 10, onArrival: () => {} })
    f.consider('lab', { mac: MAC, ip: '198.51.100.121', stage: 'kernel' })
    f.consider('lab', { mac: MAC, ip: '198.51.100.121', stage: 'initramfs', script: 'local-disk' })
    f.consider('lab', { mac: MAC, ip: null, stage: 'initramfs' })
    await new Promise((r) => setTimeout(r, 50))
    expect(net.probed).toEqual([])
    f.close()
  })

  it('another machine at that address (the lease moved), or one already configured, is not this one', async () => {
    const net = lan(new Set(['198.51.100.122', '198.51.100.123']))
    const arrivals: Arrival[] = []
    const f = createBootFollowUp({
      identify: async (ip) => (ip === '198.51.100.122' ? identity({ mac: '52:54:00:ff:ff:ff' }) : identity({ state: 'configured' })),
      probe: net.probe,
      everyMs: 10,
      onArrival: (_i, a) => arrivals.push(a)
    })
    f.consider('lab', { mac: MAC, ip: '198.51.100.122', stage: 'initramfs' })
    f.consider('lab', { mac: '52:54:00:aa:bb:02', ip: '198.51.100.123', stage: 'config' })
    await vi.waitFor(() => expect(net.probed.length).toBeGreaterThan(6))
    expect(arrivals).toEqual([])
    f.close()
  })

  it('gives up after its time and stops on close: no probe after that', async () => {
    const net = lan(new Set())
    const f = createBootFollowUp({ identify: async () => identity(), probe: net.probe, everyMs: 10, giveUpMs: 60, onArrival: () => {} })
    f.consider('lab', { mac: MAC, ip: '198.51.100.124', stage: 'initramfs' })
    await new Promise((r) => setTimeout(r, 150))
    const count = net.probed.length
    await new Promise((r) => setTimeout(r, 60))
    expect(net.probed.length).toBe(count)
    f.close()
  })
})
