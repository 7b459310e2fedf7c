import { describe, expect, it } from 'vitest'
import { Machine } from '../../src/lab/model'
import { PRESET_IPS, PRESET_NAMES, allPresets, preset, presetIn } from '../../src/lab/machines'
import { newLab, run, splitObjects } from './lab-helpers'

/** The machine presets describe the shapes they are named after, as talosctl would show them. */

type Obj = Record<string, any>
const objects = (text: string): Obj[] => splitObjects(text).map((s) => JSON.parse(s) as Obj)

describe('machine presets', () => {
  it('are valid lab machines on distinct loopback addresses', () => {
    const all = allPresets().map((m) => Machine.parse(m))
    expect(all.map((m) => m.id)).toEqual(PRESET_NAMES)
    expect(new Set(all.map((m) => m.ip)).size).toBe(all.length)
    for (const m of all) expect(m.ip).toBe(PRESET_IPS[m.id as keyof typeof PRESET_IPS])
    expect(preset('virtio-vm', { ip: '127.0.20.5' }).dhcpIp).toBe('127.0.20.5')
  })

  it('show each shape through get disks and get links', async () => {
    const lab = await newLab({ machines: allPresets() })
    const disks = async (ip: string) => objects((await run(lab, ['get', 'disks', '-i', '-n', ip, '-o', 'json'])).stdout).map((o) => o.spec)
    const links = async (ip: string) => objects((await run(lab, ['get', 'links', '-i', '-n', ip, '-o', 'json'])).stdout).map((o) => o.spec)

    const mini = await disks('127.0.10.11')
    expect(mini.find((d) => d.dev_path === '/dev/sda')).toMatchObject({ transport: 'usb' })
    expect(mini.find((d) => d.dev_path === '/dev/nvme0n1')).toMatchObject({ transport: 'nvme' })
    const tower = await disks('127.0.10.12')
    expect(tower.find((d) => d.dev_path === '/dev/sdb')).toMatchObject({ rotational: true, transport: 'sata' })
    expect(tower.find((d) => d.dev_path === '/dev/sda')?.rotational).toBeUndefined()
    expect((await links('127.0.10.13')).find((l) => l.driver === 'virtio_net')).toMatchObject({ speedMbit: 4294967295 })
    const board = await disks('127.0.10.14')
    expect(board.filter((d) => d.transport === 'mmc').map((d) => d.dev_path)).toEqual([
      '/dev/mmcblk0',
      '/dev/mmcblk0boot0',
      '/dev/mmcblk0boot1',
      '/dev/mmcblk1'
    ])
    expect(board.find((d) => d.dev_path === '/dev/mmcblk0boot0')?.readonly).toBe(true)
    expect((await disks('127.0.10.15')).find((d) => d.dev_path === '/dev/sr0')).toMatchObject({ cdrom: true, readonly: true, modalias: 'scsi:t-0x05' })
    expect((await disks('127.0.10.16')).find((d) => d.dev_path === '/dev/sda')?.readonly).toBe(true)
    const bond = await links('127.0.10.17')
    const master = bond.find((l) => l.kind === 'bond' && l.operationalState === 'up')!
    const slaves = bond.filter((l) => l.slaveKind === 'bond')
    expect(slaves).toHaveLength(2)
    for (const s of slaves) expect(s.masterIndex).toBe(master.index)
    expect(master.bondMaster.mode).toBe('802.3ad')
    const two = await links('127.0.10.18')
    expect(two.find((l) => l.hardwareAddr === '54:b2:03:0a:0b:0c')).toMatchObject({ operationalState: 'down', linkState: false })
    expect(two.find((l) => l.hardwareAddr === '54:b2:03:0a:0b:0d')).toMatchObject({ operationalState: 'up', linkState: true })
    const routes = objects((await run(lab, ['get', 'routes', '-i', '-n', '127.0.10.18', '-o', 'json'])).stdout)
    expect(routes.find((r) => r.spec.dst === '' && r.spec.gateway)?.spec.outLinkName).toBe('enp2s0')
  })

  it('make the configured node refuse maintenance calls and belong to another cluster', async () => {
    const lab = await newLab({ machines: [preset('configured-node')] })
    const r = await run(lab, ['get', 'machinestatus', '-i', '-n', '127.0.10.19'])
    expect(r.stderr).toContain('tls: certificate required')
    const v = await lab.machine('127.0.10.19')
    expect(v).toMatchObject({ stage: 'running', api: 'apid' })
    expect(v?.machine.cluster?.name).toBe('other-cluster')
  })

  it('sit in another /24 with presetIn: same host numbers, gateway and DNS moved along (e2e workers each own one)', async () => {
    const tower = presetIn('127.3.10', 'sata-tower')
    expect(tower).toMatchObject({ ip: '127.3.10.12', dhcpIp: '127.3.10.12', resolvers: { dnsServers: ['127.3.10.1'] } })
    const other = presetIn('127.3.10', 'configured-node')
    for (const m of [tower, other]) expect(JSON.stringify(m)).not.toContain('127.0.10.')
    const lab = await newLab({ machines: [tower, other] })
    const routes = objects((await run(lab, ['get', 'routes', '-i', '-n', '127.3.10.12', '-o', 'json'])).stdout)
    expect(routes.find((r) => r.spec.dst === '' && r.spec.gateway)?.spec.gateway).toBe('127.3.10.1')
    expect(other.config).toContain('gateway: 127.3.10.1')
    expect(other.cluster?.endpoint).toBe('https://127.3.10.19:6443')
    // The usual block is unchanged, and a block that is not three octets is refused.
    expect(presetIn('127.0.10', 'sata-tower')).toMatchObject({ ip: PRESET_IPS['sata-tower'], resolvers: { dnsServers: ['127.0.10.1'] } })
    expect(JSON.stringify(preset('sata-tower'))).not.toContain('127.3.10.')
    expect(() => presetIn('127.3.10.0', 'sata-tower')).toThrow('a /24 as its first three octets, like 127.1.10, not 127.3.10.0')
  })
})
