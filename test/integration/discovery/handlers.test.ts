import { describe, expect, it } from 'vitest'
import { createAppContext } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import type { Operation } from '@shared/contract/operations'
import { withTempDir } from '../../helpers/tmp'

function contextFor(dataDir: string) {
  return createAppContext({
    settings: createMemorySettings({ ...defaultSettings(dataDir, {}), dataDir, talosctlPath: '/nonexistent/talosctl' }),
    shell: { kind: 'browser', version: 'test', openExternal: async () => {} }
  })
}

describe('operations.* and discovery.* over dispatch', () => {
  it('checks input at the boundary and answers with envelopes', async () => {
    await withTempDir(async (dir) => {
      const ctx = contextFor(dir)
      const h = createHandlers(ctx)
      await ctx.core.instances.create('home', { use: true })
      expect(await dispatch(h, 'operations.list', { instance: 'home' })).toEqual({ ok: true, value: [] })
      expect(await dispatch(h, 'operations.get', { instance: 'home', id: '../x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
      expect(await dispatch(h, 'operations.get', { instance: 'home', id: 'op_verify_20250101000000_none' })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' }
      })
      expect(await dispatch(h, 'operations.cleanup', { instance: 'home', keep: 5 })).toEqual({ ok: true, value: { removed: 0 } })
      expect(await dispatch(h, 'discovery.start', { instance: 'home', cidr: '10.0.0.0/8' })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringMatching(/\/16/) }
      })
      expect(await dispatch(h, 'discovery.start', { instance: 'home', cidr: '10.0.0.0/24', extra: 1 })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION' }
      })
      expect(await dispatch(h, 'discovery.status', { instance: 'ghost' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const suggest = await dispatch(h, 'discovery.suggest', {})
      expect(suggest.ok && Array.isArray(suggest.value)).toBe(true)
      await ctx.close()
    })
  })

  it('starts a scan whose operation outlives the call, then lists, shows and clears it', async () => {
    await withTempDir(async (dir) => {
      const ctx = contextFor(dir)
      const h = createHandlers(ctx)
      await ctx.core.instances.create('home', { use: true })
      const call = new AbortController()
      const started = await dispatch(h, 'discovery.start', { instance: 'home', cidr: '127.0.97.0/29', port: 50737, timeoutMs: 300 }, call.signal)
      call.abort() // the window that asked went away; the scan goes on
      expect(started).toMatchObject({ ok: true, value: { operationId: expect.stringMatching(/^op_discover_\d{14}_/), warning: null } })
      const id = (started as { value: { operationId: string } }).value.operationId
      const done = await ctx.core.operations.wait('home', id)
      expect(done.status).toBe('completed')
      const listed = await dispatch(h, 'operations.list', { instance: 'home' })
      expect((listed as { value: Operation[] }).value.map((o) => o.id)).toEqual([id])
      expect(await dispatch(h, 'operations.cancel', { instance: 'home', id })).toMatchObject({ ok: true, value: { status: 'completed' } })
      expect(await dispatch(h, 'discovery.status', { instance: 'home' })).toMatchObject({ ok: true, value: { probed: 6, total: 6, nodesFound: [] } })
      expect(await dispatch(h, 'discovery.clear', { instance: 'home' })).toEqual({ ok: true, value: { ok: true } })
      expect(await dispatch(h, 'discovery.status', { instance: 'home' })).toMatchObject({ ok: true, value: { cidr: null } })
      await ctx.close()
    })
  })
})
