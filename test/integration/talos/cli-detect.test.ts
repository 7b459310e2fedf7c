import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runWild } from '../../helpers/cli'
import { makeTempDir } from '../../helpers/tmp'
import { shapes } from '../../unit/talos/fixtures/machines'
import { emit } from '../../unit/talos/fixtures/resources'
import { rm } from 'node:fs/promises'

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
let dir: string

/** Writes a machine shape where the fake talosctl serves it from. */
function serve(name: string): { dir: string; ip: string } {
  const shape = shapes.find((s) => s.name.startsWith(name))!
  const d = join(dir, 'machines', shape.ip)
  mkdirSync(d, { recursive: true })
  for (const [kind, res] of Object.entries(shape.resources)) writeFileSync(join(d, `${kind}.out`), emit(res))
  return { dir: d, ip: shape.ip }
}

const wild = (args: string[], env: Record<string, string>) => runWild(['--data-dir', join(dir, 'data'), '--talosctl', FAKE, ...args], env, 30_000)

beforeAll(async () => {
  chmodSync(FAKE, 0o755)
  dir = await makeTempDir()
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('wild node detect', () => {
  it('prints one JSON object with the suggestion and every disk and interface', async () => {
    const m = serve('NVMe plus the USB stick')
    const r = await wild(['node', 'detect', m.ip, '--json'], { FAKE_MODE: 'serve', FAKE_DIR: m.dir })
    expect(r.code).toBe(0)
    const info = r.json() as Record<string, unknown> & { disks: Record<string, unknown>[]; interfaces: Record<string, unknown>[] }
    expect(info).toMatchObject({
      ip: m.ip,
      mac: 'a8:b8:e0:04:12:02',
      interface: 'enp1s0',
      gateway: '192.168.1.1',
      selectedDisk: '/dev/nvme0n1',
      maintenanceMode: true,
      talosVersion: 'v1.11.6',
      stage: 'maintenance',
      hostname: 'talos-2gd-7ph'
    })
    expect(info.selectedDiskReason).toMatch(/sda is skipped/)
    for (const d of info.disks)
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['path', 'size', 'model', 'transport', 'rotational', 'readonly', 'candidate']))
    for (const i of info.interfaces) expect(Object.keys(i)).toEqual(expect.arrayContaining(['name', 'mac', 'state', 'speedMbit', 'physical']))
  })

  it('prints a readable summary without --json', async () => {
    const m = serve('SATA SSD plus a data HDD')
    const r = await wild(['node', 'detect', m.ip], { FAKE_MODE: 'serve', FAKE_DIR: m.dir })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Machine 192\.168\.1\.51 \(talos-2gd-7ph\): maintenance mode/)
    expect(r.stdout).toMatch(/Install disk: \/dev\/sda/)
    expect(r.stdout).toMatch(/\/dev\/sdb\s+4\.0 TB\s+hdd\s+WDC WD40EFRX-68N\s+possible/)
    expect(r.stdout).toMatch(/enp1s0\s+a8:b8:e0:04:12:02\s+up\s+yes\s+2500 Mb\/s/)
  })

  it('reports a configured machine without a talosconfig as NOT_IN_MAINTENANCE, exit 1', async () => {
    const m = serve('a configured machine')
    const r = await wild(['--json', 'node', 'detect', m.ip], { FAKE_MODE: 'serve', FAKE_DIR: m.dir, FAKE_CONFIGURED: '1' })
    expect(r.code).toBe(1)
    expect(r.json()).toEqual({ error: { code: 'NOT_IN_MAINTENANCE', message: expect.stringMatching(/already configured/) } })
  })

  it('reports an unreachable machine as NODE_UNREACHABLE, exit 1', async () => {
    const stderr =
      'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 192.168.1.99:50000: connect: no route to host"\n'
    const r = await wild(['--json', 'node', 'detect', '192.168.1.99'], { FAKE_MODE: 'fail', FAKE_STDERR: stderr })
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({ error: { code: 'NODE_UNREACHABLE' } })
    expect(r.stderr).toMatch(/Could not reach 192\.168\.1\.99/)
  })

  it('reports a missing talosctl as TALOSCTL_NOT_FOUND, exit 1', async () => {
    const r = await runWild(['--data-dir', join(dir, 'data'), '--talosctl', join(dir, 'no-talosctl'), '--json', 'node', 'detect', '192.168.1.50'])
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({ error: { code: 'TALOSCTL_NOT_FOUND' } })
  })

  it('refuses an address that is not IPv4', async () => {
    const r = await wild(['--json', 'node', 'detect', '192.168.1.256'], { FAKE_MODE: 'echo' })
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({ error: { code: 'VALIDATION' } })
  })
})
