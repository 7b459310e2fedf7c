import { existsSync, promises as fs } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppContext } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import type { DownloadFiles } from '@shared/contract/assets'
import { sha256File } from '@core/assets/hash'
import { startFakeFactory, VANILLA_ID, type FakeFactory } from '../../helpers/fake-factory'
import { withTempDir } from '../../helpers/tmp'

let factory: FakeFactory

beforeEach(async () => {
  factory = await startFakeFactory()
})
afterEach(async () => {
  await factory.close()
})

const sel = { instance: 'home', version: 'v1.11.5', arch: 'amd64' }
const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10))
  if (!ok()) throw new Error(`timed out waiting for ${what}`)
}

async function withContext(fn: (ctx: ReturnType<typeof createAppContext>, dir: string, seen: DownloadFiles[]) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const ctx = createAppContext({
      settings: createMemorySettings({ ...defaultSettings(dir, {}), dataDir: dir, talosctlPath: '/nonexistent/talosctl', factoryUrl: factory.url }),
      shell: { kind: 'browser', version: 'test', openExternal: async () => {} }
    })
    const seen: DownloadFiles[] = []
    const off = ctx.events.onAny((name, payload) => name === 'assets.fileProgress' && seen.push(payload as DownloadFiles))
    try {
      await ctx.core.instances.create('home', { use: true })
      await fn(ctx, dir, seen)
    } finally {
      off()
      await ctx.close()
    }
  })
}

function value<T>(r: unknown): T {
  expect(r).toMatchObject({ ok: true })
  return (r as { value: T }).value
}

describe('cancelling one file of a download', () => {
  it('stops that file mid-stream and removes its partial file; the other finishes, verified, and the op is done with 1 cancelled', async () => {
    await withContext(async (ctx, dir, seen) => {
      const h = createHandlers(ctx)
      // The kernel (first in order) trickles so the cancel lands mid-stream; the ISO then comes at full speed.
      factory.faults.push({ kind: 'slow', chunk: 8192, everyMs: 20 })
      const { operationId } = value<{ operationId: string }>(await dispatch(h, 'assets.download', { ...sel, types: ['iso', 'kernel'] }))
      const setDir = join(dir, 'instances', 'home', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64')
      const kernel = (f: DownloadFiles | undefined) => f?.files.find((x) => x.type === 'kernel')
      await until('the kernel to be mid-stream', () => (kernel(seen.at(-1))?.bytesDone ?? 0) > 30_000)
      expect(seen.at(-1)!.files.map((f) => [f.type, f.state])).toEqual([
        ['kernel', 'downloading'],
        ['iso', 'queued']
      ])

      const after = value<DownloadFiles>(await dispatch(h, 'assets.cancelFile', { instance: 'home', operationId, file: 'kernel' }))
      expect(after.files.find((f) => f.type === 'iso')?.state).not.toBe('cancelled')
      const op = await ctx.core.operations.wait('home', operationId)

      expect(op.status).toBe('completed')
      expect(op.message).toBe('Done with 1 cancelled (kernel); download it again when you need it.')
      expect(op.steps.map((s) => [s.name, s.status, s.message])).toEqual([
        ['Check sizes and free space', 'completed', null],
        ['Download kernel', 'skipped', 'cancelled by the operator'],
        ['Download talos.iso', 'completed', null]
      ])
      const files = value<DownloadFiles>(await dispatch(h, 'assets.downloadFiles', { instance: 'home', operationId }))
      const iso = files.files.find((f) => f.type === 'iso')!
      const isoSha = factory.sha256(VANILLA_ID, 'v1.11.5', 'metal-amd64.iso')
      expect(iso).toMatchObject({ state: 'done', bytesDone: factory.size('metal-amd64.iso'), sha256: isoSha, etaSeconds: null })
      expect(kernel(files)).toMatchObject({ state: 'cancelled', message: 'cancelled by the operator', sha256: null })
      expect((await sha256File(join(setDir, 'talos.iso'))).sha256).toBe(isoSha)
      // Nothing of the kernel stays: no file, no .part to resume from by surprise.
      expect(existsSync(join(setDir, 'kernel'))).toBe(false)
      expect(existsSync(join(setDir, 'kernel.part'))).toBe(false)
      // The last event carries the final states; the ISO was seen verifying on the way.
      expect(seen.at(-1)!.files.map((f) => f.state)).toEqual(['cancelled', 'done'])

      const listed = value<{ type: string; state: string }[]>(await dispatch(h, 'assets.list', sel))
      expect(listed.map((a) => [a.type, a.state])).toContainEqual(['kernel', 'missing'])
      // Fetched again later, in full.
      const again = value<{ operationId: string }>(await dispatch(h, 'assets.download', { ...sel, types: ['kernel'] }))
      expect(await ctx.core.operations.wait('home', again.operationId)).toMatchObject({ status: 'completed', message: 'Completed' })
      expect((await sha256File(join(setDir, 'kernel'))).sha256).toBe(factory.sha256(VANILLA_ID, 'v1.11.5', 'kernel-amd64'))
    })
  })

  it('cancels a queued file before it starts, and refuses to cancel a finished or unknown one', async () => {
    await withContext(async (ctx) => {
      const h = createHandlers(ctx)
      factory.faults.push({ kind: 'slow', chunk: 8192, everyMs: 20 })
      const { operationId } = value<{ operationId: string }>(await dispatch(h, 'assets.download', { ...sel, types: ['kernel', 'iso'] }))
      await until('the kernel to start', () => ctx.core.assets.downloadFiles({ instance: 'home', operationId }).files[0]!.state === 'downloading')
      const after = value<DownloadFiles>(await dispatch(h, 'assets.cancelFile', { instance: 'home', operationId, file: 'iso' }))
      expect(after.files.map((f) => [f.type, f.state])).toEqual([
        ['kernel', 'downloading'],
        ['iso', 'cancelled']
      ])
      const op = await ctx.core.operations.wait('home', operationId)
      expect(op).toMatchObject({ status: 'completed', message: 'Done with 1 cancelled (talos.iso); download it again when you need it.' })
      // One GET only: the ISO never went out.
      expect(factory.imageGets().map((r) => r.path.split('/').at(-1))).toEqual(['kernel-amd64'])

      const refused = await dispatch(h, 'assets.cancelFile', { instance: 'home', operationId, file: 'kernel' })
      expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('kernel is already downloaded') } })
      const other = await dispatch(h, 'assets.cancelFile', { instance: 'home', operationId, file: 'initramfs' })
      expect(other).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const unknown = await dispatch(h, 'assets.downloadFiles', { instance: 'home', operationId: 'op_download_nope' })
      expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    })
  })

  it('a cancel of the whole download keeps the .part for resume and marks the files cancelled', async () => {
    await withContext(async (ctx, dir) => {
      const h = createHandlers(ctx)
      factory.faults.push({ kind: 'slow', chunk: 8192, everyMs: 20 })
      const { operationId } = value<{ operationId: string }>(await dispatch(h, 'assets.download', { ...sel, types: ['kernel', 'iso'] }))
      await until('the kernel to be mid-stream', () => ctx.core.assets.downloadFiles({ instance: 'home', operationId }).files[0]!.bytesDone > 30_000)
      await ctx.core.operations.cancel('home', operationId)
      const op = await ctx.core.operations.wait('home', operationId)
      expect(op.status).toBe('cancelled')
      const files = ctx.core.assets.downloadFiles({ instance: 'home', operationId }).files
      expect(files.map((f) => f.state)).toEqual(['cancelled', 'cancelled'])
      const part = join(dir, 'instances', 'home', 'pxe', `${VANILLA_ID}@v1.11.5`, 'amd64', 'kernel.part')
      expect((await fs.stat(part)).size).toBeGreaterThan(0)
    })
  })
})
