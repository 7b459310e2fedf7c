import { promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppContext } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { withTempDir } from '../../helpers/tmp'

let factory: FakeFactory

beforeEach(async () => {
  factory = await startFakeFactory()
})
afterEach(async () => {
  await factory.close()
})

async function withContext(fn: (ctx: ReturnType<typeof createAppContext>) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const ctx = createAppContext({
      settings: createMemorySettings({ ...defaultSettings(dir, {}), dataDir: dir, talosctlPath: '/nonexistent/talosctl', factoryUrl: factory.url }),
      shell: { kind: 'browser', version: 'test', openExternal: async () => {} }
    })
    try {
      await ctx.core.instances.create('home', { use: true })
      await fn(ctx)
    } finally {
      await ctx.close()
    }
  })
}

describe('assets.* over dispatch with the real core', () => {
  it('checks input at the boundary', async () => {
    await withContext(async (ctx) => {
      const h = createHandlers(ctx)
      expect(await dispatch(h, 'assets.list', { instance: 'home', arch: 'sparc' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(await dispatch(h, 'assets.download', { instance: 'home', version: 'latest' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(await dispatch(h, 'assets.download', { instance: 'home', url: 'http://evil' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(await dispatch(h, 'assets.schematic.create', { extensions: ['../../etc'] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(await dispatch(h, 'assets.ipxe', { instance: 'home', baseUrl: 'not a url' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    })
  })

  it('downloads as an operation of the registry, then lists, verifies, scripts and deletes', async () => {
    await withContext(async (ctx) => {
      const h = createHandlers(ctx)
      const sel = { instance: 'home', version: 'v1.11.5', arch: 'amd64' }
      const started = await dispatch(h, 'assets.download', { ...sel, types: ['kernel', 'initramfs', 'cmdline'] })
      expect(started).toMatchObject({ ok: true, value: { operationId: expect.stringMatching(/^op_download_/) } })
      const id = (started as { value: { operationId: string } }).value.operationId
      const done = await ctx.core.operations.wait('home', id)
      expect(done).toMatchObject({ status: 'completed', type: 'download', target: 'cmdline, kernel, initramfs.xz v1.11.5 amd64', progress: 100 })

      const listed = await dispatch(h, 'assets.list', sel)
      expect(listed.ok).toBe(true)
      const states = (listed as { value: { type: string; state: string; schematicId: string }[] }).value.map((a) => [a.type, a.state])
      expect(states).toEqual([
        ['kernel', 'downloaded'],
        ['initramfs', 'downloaded'],
        ['iso', 'missing'],
        ['cmdline', 'downloaded']
      ])
      // With types: the chosen set only, one row per type asked for (what `wild assets download --json` answers).
      const some = await dispatch(h, 'assets.list', { ...sel, types: ['cmdline', 'iso'] })
      expect((some as { value: { type: string; state: string }[] }).value.map((a) => [a.type, a.state])).toEqual([
        ['cmdline', 'downloaded'],
        ['iso', 'missing']
      ])
      expect(await dispatch(h, 'assets.verify', sel)).toMatchObject({ ok: true, value: [{ type: 'kernel', state: 'downloaded' }, {}, {}] })
      const ipxe = await dispatch(h, 'assets.ipxe', { ...sel, baseUrl: 'http://10.0.0.2/pxe' })
      expect(ipxe).toMatchObject({
        ok: true,
        value: { script: expect.stringContaining(`initrd http://10.0.0.2/pxe/${VANILLA_ID}@v1.11.5/amd64/initramfs.xz`) }
      })
      expect(await dispatch(h, 'assets.delete', sel)).toMatchObject({ ok: true, value: { deleted: expect.any(Array) } })
      expect(await dispatch(h, 'assets.verify', sel)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  it('answers verify of a file with no record as "unknown", and records it when asked', async () => {
    await withContext(async (ctx) => {
      const h = createHandlers(ctx)
      const sel = { instance: 'home', version: 'v1.11.5', arch: 'amd64' }
      const dir = join(ctx.core.options.dataDir, 'instances', 'home', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')
      await fs.mkdir(dir, { recursive: true })
      await fs.writeFile(join(dir, 'kernel'), 'copied by hand')
      expect(await dispatch(h, 'assets.verify', sel)).toEqual({
        ok: true,
        value: [expect.objectContaining({ type: 'kernel', state: 'unknown', sha256: null })]
      })
      expect(await dispatch(h, 'assets.verify', { ...sel, record: true })).toEqual({
        ok: true,
        value: [expect.objectContaining({ type: 'kernel', state: 'downloaded', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]
      })
    })
  })

  it('creates schematics and lists extensions through the configured factory URL', async () => {
    await withContext(async (ctx) => {
      const h = createHandlers(ctx)
      expect(await dispatch(h, 'assets.schematic.create', { extensions: [] })).toEqual({ ok: true, value: { id: VANILLA_ID } })
      const ext = await dispatch(h, 'assets.extensions', { version: 'v1.11.5' })
      expect(ext).toMatchObject({ ok: true, value: [{ name: 'siderolabs/intel-ucode' }, { name: 'siderolabs/i915' }] })
    })
  })
})
