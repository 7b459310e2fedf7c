import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseResources, type ResourceKind } from '@core/talos/resources'
import { AppError } from '@shared/errors'
import { emit, disk, cpu, memoryModule, systemInformation, hostname, resolvers, version, volume } from './fixtures/resources'

/** Verbatim samples from reference/talos.md (a few compacted onto one line per level there). */
const sample = (name: string) => readFileSync(join(__dirname, 'fixtures', 'reference', `${name}.out`), 'utf8')

function malformed(fn: () => unknown): AppError {
  try {
    fn()
  } catch (e) {
    if (e instanceof AppError) return e
    throw e
  }
  throw new Error('expected a MALFORMED_OUTPUT error')
}

describe('reference samples', () => {
  it('parses the disks sample: an NVMe with serial and symlinks, a SATA SSD with no serial', () => {
    const disks = parseResources('disks', sample('disks'))
    expect(disks.map((d) => d.metadata.id)).toEqual(['nvme0n1', 'sda'])
    const [nvme, sata] = disks
    expect(nvme!.node).toBe('')
    expect(nvme!.metadata.version).toBe(2)
    expect(nvme!.spec).toMatchObject({ dev_path: '/dev/nvme0n1', size: 1000204886016, transport: 'nvme', serial: 'S5GXNF0R123456A' })
    expect(nvme!.spec.symlinks).toHaveLength(4)
    expect(sata!.spec.serial).toBeUndefined()
    expect(sata!.spec.model).toBe('Samsung SSD 870')
    expect(sata!.spec.rotational).toBeUndefined()
    expect(sata!.spec.modalias).toBe('scsi:t-0x00')
  })

  it('parses the compacted systemdisk sample with its node set', () => {
    const [sys] = parseResources('systemdisk', sample('systemdisk'))
    expect(sys!.node).toBe('192.168.1.50')
    expect(sys!.spec).toEqual({ devPath: '/dev/nvme0n1', diskID: 'nvme0n1' })
  })

  it('parses the links sample: loopback, a physical I226-V and a dummy', () => {
    const links = parseResources('links', sample('links'))
    expect(links.map((l) => [l.metadata.id, l.spec.type, l.spec.kind])).toEqual([
      ['lo', 'loopback', ''],
      ['enp1s0', 'ether', ''],
      ['dummy0', 'ether', 'dummy']
    ])
    expect(links[1]!.spec).toMatchObject({ speedMbit: 2500, driver: 'igc', vendor: 'Intel Corporation', pciID: '8086:125C' })
    expect(links[0]!.spec.speedMbit).toBeUndefined()
  })

  it('parses the routes sample: the default route has an empty dst', () => {
    const routes = parseResources('routes', sample('routes'))
    expect(routes.map((r) => [r.spec.dst, r.spec.gateway, r.spec.scope])).toEqual([
      ['', '192.168.1.1', 'global'],
      ['192.168.1.0/24', '', 'link']
    ])
  })

  it('parses the addresses sample', () => {
    const [a] = parseResources('addresses', sample('addresses'))
    expect(a!.spec).toMatchObject({ address: '192.168.1.50/24', linkName: 'enp1s0', scope: 'global', family: 'inet4' })
  })

  it('parses the machinestatus sample with an empty unmetConditions list', () => {
    const [m] = parseResources('machinestatus', sample('machinestatus'))
    expect(m!.spec).toEqual({ stage: 'maintenance', status: { ready: true, unmetConditions: [] } })
  })
})

describe('odd but valid output', () => {
  it('returns an empty list for empty output (e.g. systemdisk on a fresh boot)', () => {
    expect(parseResources('systemdisk', '')).toEqual([])
    expect(parseResources('disks', '')).toEqual([])
  })

  it('accepts a v1.9 disk without symlinks, and an HDD with rotational true', () => {
    const v19 = sample('disks').replace(/,\n\s+"symlinks": \[[^\]]*\]/g, '')
    expect(v19).not.toContain('symlinks')
    expect(parseResources('disks', v19)).toHaveLength(2)
    const [hdd] = parseResources('disks', emit([disk('sdb', { size: 4e12, transport: 'sata', rotational: true, model: 'WDC WD40EFRX-68N' })]))
    expect(hdd!.spec.rotational).toBe(true)
    expect(hdd!.spec.model).toHaveLength(16)
  })

  it('keeps unknown fields from newer Talos versions instead of failing', () => {
    const text = sample('disks').replace('"cdrom": false,', '"cdrom": false,\n        "future_field": {"x": 1},')
    const [d] = parseResources('disks', text)
    expect((d!.spec as Record<string, unknown>).future_field).toEqual({ x: 1 })
  })

  it('accepts a --watch event key and extra metadata keys', () => {
    const text = sample('machinestatus')
      .replace('"node": ""', '"event": "updated",\n    "node": ""')
      .replace('"version": 3}', '"version": 3, "labels": {"a": "b"}}')
    const [m] = parseResources('machinestatus', text)
    expect(m!.metadata.labels).toEqual({ a: 'b' })
  })

  it('parses every other resource kind the product reads', () => {
    expect(parseResources('hostname', emit([hostname('talos-2gd-7ph')]))[0]!.spec.hostname).toBe('talos-2gd-7ph')
    expect(parseResources('resolvers', emit([resolvers(['1.1.1.1'])]))[0]!.spec.dnsServers).toEqual(['1.1.1.1'])
    expect(parseResources('version', emit([version('v1.11.6')]))[0]!.spec.version).toBe('v1.11.6')
    expect(parseResources('discoveredvolumes', emit([volume('/dev/sda1', { type: 'partition', name: 'vfat', parent: 'sda' })]))[0]!.spec.parent).toBe('sda')
    expect(parseResources('cpus', emit([cpu('CPU-0', { coreCount: 4 })]))[0]!.spec.coreCount).toBe(4)
    // SMBIOS keys are all omitempty: an empty spec is valid.
    expect(parseResources('memorymodules', emit([memoryModule('DIMM-0', 0)]))[0]!.spec).toEqual({})
    expect(parseResources('systeminformation', emit([systemInformation({ uuid: 'u' })]))[0]!.spec.uuid).toBe('u')
  })
})

describe('output that breaks the documented shape', () => {
  it.each<[string, ResourceKind, string]>([
    ['a disk without dev_path', 'disks', sample('disks').replace('"dev_path": "/dev/nvme0n1",', '')],
    ['a disk size as a string', 'disks', sample('disks').replace('"size": 1000204886016', '"size": "1 TB"')],
    ['metadata.version as a string', 'routes', sample('routes').replace('"version": 1\n', '"version": "1"\n')],
    ['a link without linkState', 'links', sample('links').replace('"linkState": true,\n        "mtu": 65536', '"mtu": 65536')],
    ['a resource without node', 'addresses', sample('addresses').replace('"node": "",', '')],
    [
      'machinestatus without status',
      'machinestatus',
      '{"metadata": {"id": "machine", "namespace": "runtime", "type": "MachineStatuses.runtime.talos.dev", "version": 1}, "node": "", "spec": {"stage": "running"}}'
    ]
  ])('refuses %s as MALFORMED_OUTPUT naming the field', (_name, kind, text) => {
    const err = malformed(() => parseResources(kind, text))
    expect(err.code).toBe('MALFORMED_OUTPUT')
    expect(err.message).toMatch(/unexpected shape/)
  })
})
