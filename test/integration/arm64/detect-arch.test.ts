import { writeFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { detectHardware } from '@core/talos/hardware/detect'
import { createTalosRunner } from '@core/talos/runner'
import { createTalosApi, type TalosApi } from '@core/talos/talos-api'
import { createLab, type Lab } from '@lab/lab'
import { configuredNode, preset } from '@lab/machines'
import { HardwareInfo } from '@shared/contract/talos'
import { makeTempDir } from '../../helpers/tmp'

/**
 * Issue 15 item 4 (detection side): the architecture of each lab machine from what talosctl
 * shows — the Version API on a configured machine, the board's identity or CPU in maintenance
 * mode, the network boot record by MAC — and SecurityState's secureBoot (item 5).
 */
let dir: string
let lab: Lab
let api: TalosApi
let talosconfig: string
const BARE_BOARD = '127.0.10.114'

beforeAll(async () => {
  dir = await makeTempDir()
  const configured = configuredNode('127.0.10.119')
  // The ROCK 5B without UEFI firmware: no SMBIOS tables, an unnamed CPU.
  const bare = preset('emmc-board', { ip: BARE_BOARD, id: 'bare-board' })
  bare.hardware = { ...bare.hardware, systemInformation: {}, cpus: [] }
  lab = await createLab({
    dir,
    machines: [preset('emmc-board'), bare, preset('nvme-mini-pc', { secureBoot: true }), { ...configured.machine, arch: 'arm64' }]
  })
  talosconfig = join(dir, 'other-talosconfig')
  writeFileSync(talosconfig, stringify(configured.talosconfig), { mode: 0o600 })
  const env = Object.fromEntries(Object.entries(lab.env).filter((e): e is [string, string] => e[1] !== undefined))
  api = createTalosApi(createTalosRunner({ talosctlPath: lab.talosctlPath, env, defaultTimeoutMs: 20_000 }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('architecture and Secure Boot through the lab', () => {
  it('recognises the ROCK 5B in maintenance mode and suggests the Rockchip rock5b overlay', async () => {
    const info = await detectHardware(api, '127.0.10.14')
    expect(HardwareInfo.safeParse(info).success).toBe(true)
    expect(info).toMatchObject({
      arch: 'arm64',
      archSource: 'board',
      board: { name: 'Radxa ROCK 5B', overlay: { image: 'siderolabs/sbc-rockchip', name: 'rock5b' }, evidence: 'SMBIOS "Radxa ROCK 5B"' },
      secureBoot: false
    })
  })

  it('takes the DHCP client architecture when the board says nothing itself, and asks when nothing does', async () => {
    const asked: string[][] = []
    const withBoot = await detectHardware(api, BARE_BOARD, {
      bootArch: async (macs) => {
        asked.push(macs)
        return macs.includes('2e:4f:1a:8c:33:d0') ? 'arm64' : null
      }
    })
    expect(asked[0]).toContain('2e:4f:1a:8c:33:d0')
    expect(withBoot).toMatchObject({ arch: 'arm64', archSource: 'network-boot', board: null })
    const unknown = await detectHardware(api, BARE_BOARD)
    expect(unknown).toMatchObject({ arch: null, archSource: null })
    expect(unknown.archReason).toContain('Choose amd64 or arm64.')
  })

  it('reads OS/Arch from the Version API of a configured machine', async () => {
    const info = await detectHardware(api, '127.0.10.119', { talosconfig })
    expect(info).toMatchObject({ maintenanceMode: false, arch: 'arm64', archSource: 'talos', archReason: 'Talos reports OS/Arch linux/arm64.' })
  })

  it('reports Secure Boot from the SecurityState resource', async () => {
    const info = await detectHardware(api, '127.0.10.11')
    expect(info).toMatchObject({ secureBoot: true, arch: 'amd64', archSource: 'cpu' })
  })
})
