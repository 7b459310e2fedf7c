import { describe, expect, it } from 'vitest'
import { detectHardware, type HardwareSource } from '@core/talos/hardware/detect'
import { parseResources, type ResourceKind } from '@core/talos/resources'
import type { TargetOptions } from '@core/talos/talos-api'
import { AppError } from '@shared/errors'
import { shapes, miniPcHardware, type Shape } from '../fixtures/machines'
import { emit, type Res } from '../fixtures/resources'

interface Call {
  kind: ResourceKind | 'version-cmd'
  target: TargetOptions
}

/**
 * A fake Talos API over resource fixtures. `configured` machines refuse --insecure the way apid
 * does; `fail` makes one resource fail with a code.
 */
function fakeApi(
  resources: Partial<Record<ResourceKind, Res[]>>,
  opts: { configured?: boolean; fail?: Partial<Record<ResourceKind, AppError>>; serverTag?: string; delayMs?: number } = {}
) {
  const calls: Call[] = []
  let running = 0
  let peak = 0
  const api: HardwareSource = {
    get: (async (kind: ResourceKind, target: TargetOptions) => {
      calls.push({ kind, target })
      running++
      peak = Math.max(peak, running)
      try {
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
        if (target.signal?.aborted) throw new AppError('CANCELLED', 'cancelled')
        if (opts.configured && target.insecure) throw new AppError('NOT_IN_MAINTENANCE', 'certificate required')
        const failure = opts.fail?.[kind]
        if (failure) throw failure
        return parseResources(kind, emit(resources[kind] ?? []))
      } finally {
        running--
      }
    }) as HardwareSource['get'],
    version: async (o) => {
      calls.push({ kind: 'version-cmd', target: o as TargetOptions })
      return { client: null, servers: [{ node: null, tag: opts.serverTag ?? null, sha: null, goVersion: null, osArch: null, enabled: null }] }
    }
  }
  return { api, calls, peak: () => peak }
}

const shape = (prefix: string): Shape => shapes.find((s) => s.name.startsWith(prefix))!

describe('detectHardware', () => {
  it('reads a maintenance machine with --insecure and describes it', async () => {
    const s = shape('NVMe plus the USB stick')
    const { api, calls } = fakeApi({ ...s.resources, ...miniPcHardware })
    const info = await detectHardware(api, s.ip, { talosconfig: '/i/talosconfig' })
    expect(info).toMatchObject({
      maintenanceMode: true,
      stage: 'maintenance',
      talosVersion: 'v1.11.6',
      hostname: 'talos-2gd-7ph',
      selectedDisk: '/dev/nvme0n1',
      interface: 'enp1s0',
      mac: 'a8:b8:e0:04:12:02',
      gateway: '192.168.1.1',
      ipCidr: '192.168.1.50/24',
      nameservers: ['192.168.1.1'],
      memoryBytes: 32 * 1024 ** 3
    })
    expect(info.cpu?.cores).toBe(12)
    expect(info.system?.productName).toBe('NUC13ANHi5')
    expect(calls.every((c) => c.target.insecure === true)).toBe(true)
    expect(calls.some((c) => c.target.talosconfig)).toBe(false)
  })

  it('falls back to the talosconfig when the machine refuses maintenance calls', async () => {
    const s = shape('a configured machine on a bonded pair')
    const { api, calls } = fakeApi(s.resources, { configured: true })
    const info = await detectHardware(api, s.ip, { talosconfig: '/i/talosconfig' })
    expect(info).toMatchObject({ maintenanceMode: false, stage: 'running', selectedDisk: '/dev/nvme0n1', interface: 'bond0' })
    expect(calls[0]!.target.insecure).toBe(true)
    expect(calls.slice(1).every((c) => c.target.insecure === false && c.target.talosconfig === '/i/talosconfig')).toBe(true)
  })

  it('asks the Version API of a configured v1.9 machine, which has no version resource', async () => {
    const s = shape('a configured machine on a bonded pair')
    const { version: _v, ...v19 } = s.resources
    const { api, calls } = fakeApi(v19, {
      configured: true,
      serverTag: 'v1.9.6',
      fail: { version: new AppError('NOT_FOUND', 'resource "version" is not registered') }
    })
    const info = await detectHardware(api, s.ip, { talosconfig: '/t' })
    expect(info.talosVersion).toBe('v1.9.6')
    expect(calls.some((c) => c.kind === 'version-cmd')).toBe(true)
  })

  it('says a configured machine needs a talosconfig when the instance has none', async () => {
    const { api } = fakeApi({}, { configured: true })
    await expect(detectHardware(api, '10.0.0.11')).rejects.toMatchObject({
      code: 'NOT_IN_MAINTENANCE',
      message: expect.stringMatching(/10\.0\.0\.11 is already configured .* no talosconfig/)
    })
  })

  it('skips optional resources the machine does not offer', async () => {
    const s = shape('SATA SSD plus a data HDD')
    const { api } = fakeApi(s.resources, {
      fail: {
        cpus: new AppError('NOT_FOUND', 'resource "cpus" is not registered'),
        systemdisk: new AppError('NOT_FOUND', "doesn't exist"),
        version: new AppError('NOT_FOUND', 'not registered'),
        memorymodules: new AppError('MAINTENANCE_UNSUPPORTED', 'no')
      }
    })
    const info = await detectHardware(api, s.ip)
    expect(info).toMatchObject({ cpu: null, memoryBytes: null, talosVersion: null, systemDisk: null, selectedDisk: '/dev/sda' })
  })

  it.each<[ResourceKind, AppError]>([
    ['disks', new AppError('NODE_UNREACHABLE', 'gone')],
    ['links', new AppError('MALFORMED_OUTPUT', 'bad')],
    ['systeminformation', new AppError('TIMEOUT', 'slow')]
  ])('fails when %s fails with %s', async (kind, err) => {
    const s = shape('SATA SSD plus a data HDD')
    const { api } = fakeApi(s.resources, { fail: { [kind]: err } })
    await expect(detectHardware(api, s.ip)).rejects.toBe(err)
  })

  it('stops starting calls after the first failure', async () => {
    const s = shape('SATA SSD plus a data HDD')
    const { api, calls } = fakeApi(s.resources, { fail: { disks: new AppError('NODE_UNREACHABLE', 'gone') }, delayMs: 5 })
    await expect(detectHardware(api, s.ip, { concurrency: 1 })).rejects.toMatchObject({ code: 'NODE_UNREACHABLE' })
    // machinestatus probe, then disks; nothing after the failure.
    expect(calls.map((c) => c.kind)).toEqual(['machinestatus', 'disks'])
  })

  it('runs at most `concurrency` talosctl calls at once', async () => {
    const s = shape('SATA SSD plus a data HDD')
    const fake = fakeApi(s.resources, { delayMs: 10 })
    await detectHardware(fake.api, s.ip, { concurrency: 3 })
    expect(fake.peak()).toBe(3)
  })

  it('passes a cancel on to the calls in flight', async () => {
    const s = shape('SATA SSD plus a data HDD')
    const { api } = fakeApi(s.resources, { delayMs: 30 })
    const c = new AbortController()
    const p = detectHardware(api, s.ip, { signal: c.signal })
    setTimeout(() => c.abort(), 40)
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' })
  })
})
