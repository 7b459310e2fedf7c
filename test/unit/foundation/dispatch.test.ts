import { describe, expect, it } from 'vitest'
import { createAppContext } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch, type Handlers } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { commandNames } from '@shared/contract'
import { AppError } from '@shared/errors'
import { withTempDir } from '../../helpers/tmp'

function contextFor(dataDir: string) {
  return createAppContext({
    settings: createMemorySettings({ ...defaultSettings(dataDir, {}), dataDir, talosctlPath: '/nonexistent/talosctl' }),
    shell: { kind: 'browser', version: 'test', openExternal: async () => {} }
  })
}

describe('dispatch', () => {
  it('has a handler for every contract command', async () => {
    await withTempDir(async (dir) => {
      const handlers = createHandlers(contextFor(dir))
      expect(Object.keys(handlers).sort()).toEqual([...commandNames].sort())
    })
  })

  it('refuses an unknown command with VALIDATION', async () => {
    const r = await dispatch({} as Handlers, 'nope.nothing', {})
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'Unknown command: nope.nothing' } })
  })

  it('returns the zod issues for bad input and never calls the handler', async () => {
    let called = false
    const handlers = { 'instances.create': async () => ((called = true), {}) } as unknown as Handlers
    const r = await dispatch(handlers, 'instances.create', { name: 'Bad Name!' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.message).toMatch(/name/)
    expect(Array.isArray(r.error.details)).toBe(true)
    expect(called).toBe(false)
  })

  it('rejects unexpected extra keys in strict inputs', async () => {
    const r = await dispatch({} as Handlers, 'instances.use', { instance: 'a', evil: 1 })
    expect(r.ok).toBe(false)
  })

  it('turns a thrown AppError into an error envelope with its code', async () => {
    const handlers = {
      'instances.list': async () => {
        throw new AppError('NOT_FOUND', 'gone', { x: 1 })
      }
    } as unknown as Handlers
    expect(await dispatch(handlers, 'instances.list', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'gone', details: { x: 1 } }
    })
  })

  it('catches a malformed handler answer as INTERNAL instead of passing it on', async () => {
    const handlers = { 'instances.list': async () => [{ name: 42 }] } as unknown as Handlers
    const r = await dispatch(handlers, 'instances.list', {})
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe('INTERNAL')
  })

  it('hands the handler the abort signal it was given', async () => {
    const controller = new AbortController()
    let seen: AbortSignal | undefined
    const handlers = {
      'instances.list': async (_: unknown, ctx: { signal: AbortSignal }) => ((seen = ctx.signal), [])
    } as unknown as Handlers
    await dispatch(handlers, 'instances.list', {}, controller.signal)
    expect(seen).toBe(controller.signal)
  })

  it('runs a real command end to end against the core', async () => {
    await withTempDir(async (dir) => {
      const handlers = createHandlers(contextFor(dir))
      const created = await dispatch(handlers, 'instances.create', { name: 'lab' })
      expect(created).toMatchObject({ ok: true, value: { name: 'lab', current: true } })
      const list = await dispatch(handlers, 'instances.list', {})
      expect(list).toMatchObject({ ok: true, value: [{ name: 'lab', current: true, nodeCount: 0 }] })
    })
  })
})
