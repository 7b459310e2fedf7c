import { describe, expect, it } from 'vitest'
import { MIN_INSTALL_DISK_BYTES, bootMedia, chooseInstallDisk, describeDisks, diskKind, exclusionReason } from '@core/talos/hardware/disks'
import { parseResources } from '@core/talos/resources'
import { GB, disk, emit, loop0, sr0, systemDisk, volume, type DiskOpts } from '../fixtures/resources'

const parseDisks = (...rs: ReturnType<typeof disk>[]) => parseResources('disks', emit(rs))
const one = (id: string, o: DiskOpts) => parseDisks(disk(id, o))[0]!
const none = { systemDisk: null, volumes: [], maintenance: true }

describe('diskKind', () => {
  it.each<[string, string, DiskOpts, string]>([
    ['NVMe', 'nvme0n1', { size: GB, transport: 'nvme' }, 'nvme'],
    ['SATA SSD', 'sda', { size: GB, transport: 'sata' }, 'ssd'],
    ['SATA HDD', 'sda', { size: GB, transport: 'sata', rotational: true }, 'hdd'],
    ['USB HDD counts as USB', 'sdb', { size: GB, transport: 'usb', rotational: true }, 'usb'],
    ['SD card / eMMC', 'mmcblk0', { size: GB, transport: 'mmc' }, 'mmc'],
    ['virtio disk', 'vda', { size: GB, transport: 'virtio' }, 'ssd'],
    ['CD drive', 'sr0', { size: 0, cdrom: true }, 'cd'],
    ['loop device', 'loop0', { size: GB }, 'virtual'],
    ['device-mapper', 'dm-0', { size: GB, bus_path: '/virtual' }, 'virtual'],
    ['no transport at all', 'xvda', { size: GB }, 'unknown']
  ])('%s', (_name, id, o, kind) => {
    expect(diskKind(one(id, o))).toBe(kind)
  })
})

describe('exclusionReason', () => {
  const boot = new Map<string, string>()
  it.each<[string, string, DiskOpts, RegExp | null]>([
    ['a good SSD', 'sda', { size: 500 * GB, transport: 'sata' }, null],
    ['exactly the minimum', 'vda', { size: MIN_INSTALL_DISK_BYTES, transport: 'virtio' }, null],
    ['one byte under the minimum', 'vda', { size: MIN_INSTALL_DISK_BYTES - 1, transport: 'virtio' }, /too small \(10 GB; Talos needs at least 10 GB\)/],
    ['a CD drive with media', 'sr0', { size: 700_000_000, cdrom: true, readonly: true }, /^CD\/DVD drive$/],
    ['a loop device', 'loop0', { size: 75_000_000, readonly: true, bus_path: '/virtual' }, /^loop device/],
    ['a device-mapper device', 'dm-0', { size: 500 * GB, bus_path: '/virtual' }, /virtual device/],
    ['a ZFS zvol', 'zd0', { size: 500 * GB }, /virtual block device/],
    ['a DRBD device', 'drbd1000', { size: 500 * GB }, /virtual block device/],
    ['an eMMC boot area', 'mmcblk0boot1', { size: 4_194_304, transport: 'mmc', readonly: true }, /eMMC boot/],
    ['a composite disk', 'md0', { size: 500 * GB, secondary_disks: ['sda', 'sdb'] }, /built on other disks \(sda, sdb\)/],
    ['a read-only disk', 'sda', { size: 500 * GB, transport: 'sata', readonly: true }, /^read-only$/],
    ['an empty card reader', 'sdc', { size: 0, transport: 'usb' }, /no medium inserted/]
  ])('%s', (_name, id, o, expected) => {
    const d = one(id, o)
    const reason = exclusionReason(d, [d], boot)
    if (expected === null) expect(reason).toBeNull()
    else expect(reason).toMatch(expected)
  })
})

describe('bootMedia', () => {
  const stick = disk('sdb', { size: 16 * GB, transport: 'usb' })
  const nvme = disk('nvme0n1', { size: 500 * GB, transport: 'nvme' })
  const disks = parseDisks(stick, nvme)
  const vols = (...v: ReturnType<typeof volume>[]) => parseResources('discoveredvolumes', emit(v))
  const sys = (id: string) => parseResources('systemdisk', emit([systemDisk(id)]))[0]!

  it.each<[string, Parameters<typeof bootMedia>[1], string[]]>([
    ['nothing known', none, []],
    ['an ISO written to the whole stick', { ...none, volumes: vols(volume('/dev/sdb', { type: 'disk', name: 'iso9660' })) }, ['sdb']],
    ['an ISO partition on the stick', { ...none, volumes: vols(volume('/dev/sdb1', { type: 'partition', name: 'iso9660', parent: 'sdb' })) }, ['sdb']],
    ['a FAT partition is not evidence', { ...none, volumes: vols(volume('/dev/sdb1', { type: 'partition', name: 'vfat', parent: 'sdb' })) }, []],
    ['a raw image on a USB stick in maintenance mode', { ...none, systemDisk: sys('sdb') }, ['sdb']],
    ['an earlier install on the internal disk', { ...none, systemDisk: sys('nvme0n1') }, []],
    ['a configured machine running from a USB disk', { ...none, maintenance: false, systemDisk: sys('sdb') }, []]
  ])('%s', (_name, ctx, expected) => {
    expect([...bootMedia(disks, ctx).keys()]).toEqual(expected)
  })
})

describe('chooseInstallDisk', () => {
  const choose = (rs: ReturnType<typeof disk>[], ctx = none) => chooseInstallDisk(describeDisks(parseDisks(...rs), ctx), ctx)

  it.each<[string, ReturnType<typeof disk>[], string | null]>([
    ['NVMe before SATA SSD', [disk('sda', { size: 250 * GB, transport: 'sata' }), disk('nvme0n1', { size: 2000 * GB, transport: 'nvme' })], '/dev/nvme0n1'],
    [
      'SSD before HDD even when smaller',
      [disk('sdb', { size: 4000 * GB, transport: 'sata', rotational: true }), disk('sda', { size: 120 * GB, transport: 'sata' })],
      '/dev/sda'
    ],
    ['HDD before USB', [disk('sda', { size: 64 * GB, transport: 'usb' }), disk('sdb', { size: 1000 * GB, transport: 'sata', rotational: true })], '/dev/sdb'],
    [
      'HDD before SD/eMMC',
      [disk('mmcblk0', { size: 64 * GB, transport: 'mmc' }), disk('sda', { size: 1000 * GB, transport: 'sata', rotational: true })],
      '/dev/sda'
    ],
    ['a USB disk when nothing else is there', [loop0(), disk('sda', { size: 64 * GB, transport: 'usb' })], '/dev/sda'],
    [
      'the smaller of two equal kinds',
      [
        disk('sdb', { size: 1000 * GB, transport: 'sata' }),
        disk('sda', { size: 1000 * GB, transport: 'sata' }),
        disk('sdc', { size: 500 * GB, transport: 'sata' })
      ],
      '/dev/sdc'
    ],
    ['by name when kind and size tie', [disk('sdb', { size: 500 * GB, transport: 'sata' }), disk('sda', { size: 500 * GB, transport: 'sata' })], '/dev/sda'],
    ['nothing when only a CD and a loop device exist', [loop0(), sr0(700_000_000)], null],
    ['nothing when the machine reports no disks', [], null]
  ])('%s', (_name, rs, expected) => {
    expect(choose(rs).path).toBe(expected)
  })

  it('warns when the suggestion is a USB disk that may be the boot stick', () => {
    expect(choose([disk('sda', { size: 64 * GB, transport: 'usb' })]).reason).toMatch(/make sure it is not the stick/)
  })

  it('explains an empty machine', () => {
    expect(choose([]).reason).toMatch(/the machine reports no disks/)
  })

  it('keeps model, serial and transport null when the machine does not report them', () => {
    const [d] = describeDisks(parseDisks(disk('xvda', { size: 20 * GB })), none)
    expect(d).toMatchObject({ model: null, serial: null, transport: null, rotational: false, candidate: true, prettySize: '20 GB' })
  })
})
