import { describe, expect, it } from 'vitest'
import { decideArch, type ArchEvidence } from '@core/talos/hardware/arch'
import type { Cpu, SystemInformation } from '@core/talos/resources'

const meta = { id: 'x', namespace: 'hardware', type: 'T', version: 1 }
const sys = (manufacturer: string, productName: string): SystemInformation => ({ node: '', metadata: meta, spec: { manufacturer, productName } })
const cpu = (manufacturer: string, productName: string): Cpu => ({ node: '', metadata: meta, spec: { manufacturer, productName, coreCount: 4 } })
const none: ArchEvidence = { versionOsArch: null, bootArch: null, system: null, cpus: [] }

describe('architecture from what a machine and the boot server say', () => {
  it('trusts the Version API first, and still names a recognised board', () => {
    const d = decideArch({ ...none, versionOsArch: 'linux/arm64', bootArch: 'amd64', system: sys('Radxa', 'ROCK 5B') })
    expect(d).toMatchObject({ arch: 'arm64', archSource: 'talos', board: { name: 'Radxa ROCK 5B' } })
    expect(d.archReason).toBe('Talos reports OS/Arch linux/arm64.')
  })

  it('takes the DHCP client architecture when the machine booted from our server', () => {
    const d = decideArch({ ...none, bootArch: 'arm64', cpus: [cpu('Intel(R) Corporation', 'Core i5')] })
    expect(d).toMatchObject({ arch: 'arm64', archSource: 'network-boot' })
    expect(d.archReason).toContain('network boot server as an arm64 client')
  })

  it('ignores a boot record of an architecture it cannot boot (ia32, unknown)', () => {
    expect(decideArch({ ...none, bootArch: 'ia32' }).arch).toBeNull()
    expect(decideArch({ ...none, bootArch: 'unknown', cpus: [cpu('AMD', 'Ryzen 5')] })).toMatchObject({ arch: 'amd64', archSource: 'cpu' })
  })

  it.each([
    [sys('Radxa', 'ROCK 5B'), 'Radxa ROCK 5B', { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }],
    [
      sys('Raspberry Pi Foundation', 'Raspberry Pi 4 Model B Rev 1.4'),
      'Raspberry Pi 4 / CM4 / 400',
      { image: 'siderolabs/sbc-raspberrypi', name: 'rpi_generic' }
    ],
    [sys('Raspberry Pi Ltd', 'Raspberry Pi 5 Model B Rev 1.0'), 'Raspberry Pi 5', { image: 'siderolabs/sbc-raspberrypi', name: 'rpi_5' }],
    [sys('NVIDIA', 'Jetson Nano Developer Kit'), 'NVIDIA Jetson Nano', { image: 'siderolabs/sbc-jetson', name: 'jetson_nano' }]
  ])('recognises %o as %s and suggests its overlay', (system, name, overlay) => {
    const d = decideArch({ ...none, system })
    expect(d).toMatchObject({ arch: 'arm64', archSource: 'board', board: { name, arch: 'arm64', overlay } })
    expect(d.archReason).toContain(`It identifies as a ${name}`)
  })

  it('falls back to the CPU name: an Arm SoC or an x86 vendor', () => {
    expect(decideArch({ ...none, cpus: [cpu('Rockchip', 'RK3588')] })).toMatchObject({ arch: 'arm64', archSource: 'cpu', board: null })
    expect(decideArch({ ...none, cpus: [cpu('QEMU', 'pc-i440fx-9.0')] })).toMatchObject({ arch: 'amd64', archSource: 'cpu' })
  })

  it('asks the operator when nothing tells', () => {
    const d = decideArch({ ...none, system: sys('To Be Filled By O.E.M.', 'To Be Filled By O.E.M.'), cpus: [cpu('', 'Unknown')] })
    expect(d).toMatchObject({ arch: null, archSource: null, board: null })
    expect(d.archReason).toContain('Choose amd64 or arm64.')
  })
})
