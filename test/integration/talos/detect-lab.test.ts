import { writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectHardware } from '@core/talos/hardware/detect'
import { createTalosRunner } from '@core/talos/runner'
import { createTalosApi, type TalosApi } from '@core/talos/talos-api'
import { createLab, type Lab } from '@lab/lab'
import { PRESET_IPS, PRESET_NAMES, configuredNode, preset, type PresetName } from '@lab/machines'
import { HardwareInfo } from '@shared/contract/talos'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'

/**
 * Detection against the simulated lab (another helper's fake talosctl, built independently from
 * the same reference): the parser and the choices must hold on its output too.
 */
let dir: string
let lab: Lab
let api: TalosApi
let talosconfig: string
const maintenancePresets = PRESET_NAMES.filter((n) => n !== 'configured-node')

// Each detection starts a dozen talosctl processes: detect each preset once and share it.
const seen = new Map<string, Promise<HardwareInfo>>()
function detected(name: PresetName): Promise<HardwareInfo> {
  if (!seen.has(name)) seen.set(name, detectHardware(api, PRESET_IPS[name]))
  return seen.get(name)!
}

function labEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
}

beforeAll(async () => {
  dir = await makeTempDir()
  const configured = configuredNode()
  lab = await createLab({ dir, machines: [...maintenancePresets.map((n) => preset(n)), configured.machine] })
  talosconfig = join(dir, 'other-talosconfig')
  writeFileSync(talosconfig, stringify(configured.talosconfig), { mode: 0o600 })
  api = createTalosApi(createTalosRunner({ talosctlPath: lab.talosctlPath, env: labEnv(), defaultTimeoutMs: 20_000 }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('detectHardware against the lab presets', () => {
  it.each(maintenancePresets.map((n) => [n]))('%s: a valid description with sane choices', async (name) => {
    const ip = PRESET_IPS[name as PresetName]
    const info = await detected(name as PresetName)
    expect(HardwareInfo.safeParse(info).success).toBe(true)
    expect(info).toMatchObject({ ip, maintenanceMode: true, stage: 'maintenance' })
    expect(info.hostname).toBeTruthy()
    // Null on v1.9 in maintenance mode: no version resource, and the Version API is refused.
    if (info.talosVersion !== null) expect(info.talosVersion).toMatch(/^v1\.\d+\.\d+/)
    expect(info.ipCidr?.startsWith(`${ip}/`)).toBe(true)

    const chosen = info.disks.find((d) => d.path === info.selectedDisk)
    expect(chosen, info.selectedDiskReason).toBeDefined()
    expect(chosen).toMatchObject({ candidate: true, readonly: false, cdrom: false, bootMedium: false })
    expect(chosen!.size).toBeGreaterThanOrEqual(10_000_000_000)
    // Removable media only when nothing internal can hold Talos.
    if (chosen!.kind === 'usb' || chosen!.kind === 'mmc') {
      expect(info.disks.filter((d) => d.candidate && ['nvme', 'ssd', 'hdd'].includes(d.kind))).toEqual([])
    }

    const nic = info.interfaces.find((i) => i.name === info.interface)
    expect(nic, info.interfaceReason).toBeDefined()
    expect(nic!.linkUp).toBe(true)
    expect(info.mac).toBe(nic!.mac)
    expect(info.gateway).toBeTruthy()
  })

  it('suggests the NVMe of the mini PC, not the USB stick it booted from', async () => {
    const info = await detected('nvme-mini-pc')
    expect(info.selectedDisk).toBe('/dev/nvme0n1')
    expect(info.disks.filter((d) => d.kind === 'usb').every((d) => d.path !== info.selectedDisk)).toBe(true)
  })

  it('suggests the virtio disk of the VM', async () => {
    expect((await detected('virtio-vm')).selectedDisk).toBe('/dev/vda')
  })

  it('never suggests a CD drive', async () => {
    const info = await detected('iso-cd-machine')
    expect(info.disks.filter((d) => d.cdrom).every((d) => !d.candidate)).toBe(true)
  })

  it('reads a configured machine only with its talosconfig', async () => {
    const ip = PRESET_IPS['configured-node']
    await expect(detectHardware(api, ip)).rejects.toMatchObject({ code: 'NOT_IN_MAINTENANCE' })
    const info = await detectHardware(api, ip, { talosconfig })
    expect(info).toMatchObject({ maintenanceMode: false, stage: 'running', systemDisk: '/dev/nvme0n1', selectedDisk: '/dev/nvme0n1' })
    expect(info.selectedDiskReason).toMatch(/Talos is installed on this disk/)
  })

  it('reports an address where nothing answers as NODE_UNREACHABLE', async () => {
    await expect(detectHardware(api, '127.0.10.99')).rejects.toMatchObject({ code: 'NODE_UNREACHABLE' })
  })
})

describe('the built `wild node detect` against the lab', () => {
  const wild = (args: string[]) =>
    runWild(['--data-dir', join(dir, 'data'), '--talosctl', lab.talosctlPath, ...args], { ...labEnv(), TALOSCONFIG: undefined }, 30_000)

  it('prints the machine as one JSON object', async () => {
    const r = await wild(['--json', 'node', 'detect', PRESET_IPS['nvme-mini-pc']])
    expect(r.code, r.stderr).toBe(0)
    const info = HardwareInfo.parse(r.json())
    expect(info).toMatchObject({ ip: PRESET_IPS['nvme-mini-pc'], selectedDisk: '/dev/nvme0n1', maintenanceMode: true })
  })

  it('exits 1 with a JSON error for a configured machine', async () => {
    const r = await wild(['--json', 'node', 'detect', PRESET_IPS['configured-node']])
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({ error: { code: 'NOT_IN_MAINTENANCE' } })
  })
})
