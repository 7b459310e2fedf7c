import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppContext } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { makeTempDir } from '../../helpers/tmp'
import { shapes } from '../../unit/talos/fixtures/machines'
import { emit } from '../../unit/talos/fixtures/resources'
import { rm } from 'node:fs/promises'

const FAKE = join(__dirname, 'fixtures', 'fake-talosctl.mjs')
let dir: string

function serve(prefix: string): string {
  const shape = shapes.find((s) => s.name.startsWith(prefix))!
  const d = join(dir, 'machines', shape.ip)
  mkdirSync(d, { recursive: true })
  for (const [kind, res] of Object.entries(shape.resources)) writeFileSync(join(d, `${kind}.out`), emit(res))
  process.env.FAKE_DIR = d
  return shape.ip
}

function context() {
  const dataDir = join(dir, 'data')
  return createAppContext({
    settings: createMemorySettings({ ...defaultSettings(dataDir, {}), dataDir, talosctlPath: FAKE }),
    shell: { kind: 'browser', version: 'test', openExternal: async () => {} }
  })
}

beforeAll(async () => {
  chmodSync(FAKE, 0o755)
  dir = await makeTempDir()
  // The runner passes the app's environment on to talosctl; the fake reads its mode from it.
  process.env.FAKE_MODE = 'serve'
})
afterAll(async () => {
  delete process.env.FAKE_MODE
  delete process.env.FAKE_DIR
  delete process.env.FAKE_CONFIGURED
  await rm(dir, { recursive: true, force: true })
})

describe("'hardware.detect' through the IPC path", () => {
  it('describes a maintenance machine for an instance', async () => {
    const ctx = context()
    await ctx.core.instances.create('home')
    const ip = serve('SATA SSD plus a data HDD')
    const r = await dispatch(createHandlers(ctx), 'hardware.detect', { instance: 'home', ip })
    expect(r).toMatchObject({ ok: true, value: { ip, selectedDisk: '/dev/sda', interface: 'enp1s0', maintenanceMode: true } })
  })

  it("reads a configured machine with the instance's talosconfig", async () => {
    const ctx = context()
    await ctx.core.instances.create('lab')
    const talosconfig = ctx.core.instances.paths('lab').talosconfig
    mkdirSync(join(talosconfig, '..'), { recursive: true })
    writeFileSync(talosconfig, 'context: lab\ncontexts: {}\n')
    const ip = serve('a configured machine on a bonded pair')
    process.env.FAKE_CONFIGURED = '1'
    try {
      const r = await dispatch(createHandlers(ctx), 'hardware.detect', { instance: 'lab', ip })
      expect(r).toMatchObject({ ok: true, value: { maintenanceMode: false, stage: 'running', interface: 'bond0', selectedDisk: '/dev/nvme0n1' } })
    } finally {
      delete process.env.FAKE_CONFIGURED
    }
  })

  it('refuses an unknown instance with NOT_FOUND', async () => {
    const r = await dispatch(createHandlers(context()), 'hardware.detect', { instance: 'nope', ip: '192.168.1.50' })
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('refuses an address that is not IPv4 before running anything', async () => {
    const r = await dispatch(createHandlers(context()), 'hardware.detect', { instance: 'home', ip: 'talos.local' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
  })
})
