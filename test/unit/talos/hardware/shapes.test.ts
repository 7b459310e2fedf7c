import { describe, expect, it } from 'vitest'
import { describeHardware } from '@core/talos/hardware/describe'
import { HardwareInfo } from '@shared/contract/talos'
import { resourcesOf, shapes } from '../fixtures/machines'

describe('disk and interface choice across machine shapes', () => {
  it.each(shapes.map((s) => [s.name, s] as const))('%s', (_name, shape) => {
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: shape.maintenance })
    expect(HardwareInfo.safeParse(info).success).toBe(true)
    expect(info.selectedDisk).toBe(shape.expect.disk)
    expect(info.selectedDiskReason).toMatch(shape.expect.diskReason)
    expect(info.interface).toBe(shape.expect.iface)
    expect(info.gateway).toBe(shape.expect.gateway)
    if (shape.expect.ifaceReason) expect(info.interfaceReason).toMatch(shape.expect.ifaceReason)
    // The suggestion is always one of the candidates, except an installed system disk.
    const chosen = info.disks.find((d) => d.path === info.selectedDisk)
    if (chosen && !chosen.systemDisk) expect(chosen.candidate).toBe(true)
    if (info.interface) expect(info.mac).toBe(info.interfaces.find((i) => i.name === info.interface)!.mac)
  })

  it('never suggests the medium the machine booted from, and says why it was skipped', () => {
    const shape = shapes.find((s) => s.name.startsWith('NVMe plus the USB stick'))!
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: true })
    const stick = info.disks.find((d) => d.path === '/dev/sda')!
    expect(stick).toMatchObject({ candidate: false, bootMedium: true, kind: 'usb' })
    expect(stick.reason).toMatch(/booted from it/)
    expect(info.disks.find((d) => d.path === '/dev/loop0')!.reason).toMatch(/loop device/)
  })

  it('marks eMMC boot areas and the raw-image stick as unusable on the eMMC board', () => {
    const shape = shapes.find((s) => s.name.startsWith('an eMMC board'))!
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: true })
    const byPath = Object.fromEntries(info.disks.map((d) => [d.path, d]))
    expect(byPath['/dev/mmcblk0boot0']!.candidate).toBe(false)
    expect(byPath['/dev/sda']!.bootMedium).toBe(true)
    expect(byPath['/dev/mmcblk0']!.reason).toMatch(/SD card or eMMC/)
  })

  it('excludes a RAID set and its members, naming the set', () => {
    const shape = shapes.find((s) => s.name.startsWith('a RAID set'))!
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: true })
    const byPath = Object.fromEntries(info.disks.map((d) => [d.path, d]))
    expect(byPath['/dev/md127']!.reason).toMatch(/virtual device/)
    expect(byPath['/dev/sda']!.reason).toBe('member of md127 (RAID, LVM or encryption)')
  })

  it('reports the bond members as physical NICs enslaved to the bond', () => {
    const shape = shapes.find((s) => s.name.includes('bonded'))!
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: false })
    const physical = info.interfaces.filter((i) => i.physical).map((i) => [i.name, i.master])
    expect(physical).toEqual([
      ['enp1s0', 'bond0'],
      ['enp2s0', 'bond0']
    ])
    expect(info.ipCidr).toBe('10.0.0.11/24')
    expect(info.stage).toBe('running')
  })

  it('reports the link-down NIC as down with no speed', () => {
    const shape = shapes.find((s) => s.name.startsWith('two NICs, the first'))!
    const info = describeHardware(resourcesOf(shape), { ip: shape.ip, maintenance: true })
    expect(info.interfaces.find((i) => i.name === 'enp1s0')).toMatchObject({ state: 'down', linkUp: false, speedMbit: null })
    expect(info.interfaces.find((i) => i.name === 'enp2s0')).toMatchObject({ state: 'up', linkUp: true, speedMbit: 2500 })
  })
})
