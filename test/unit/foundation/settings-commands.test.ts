import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createAppContext, type AppContext, type PathDialogs } from '@main/app-context'
import { createHandlers } from '@main/handlers'
import { dispatch } from '@main/ipc/dispatch'
import { createMemorySettings, defaultSettings } from '@core/app-settings'
import { makeTempDir } from '../../helpers/tmp'

/** A scripted stand-in for the native dialogs: records what it was asked, answers as told. */
function fakeDialogs(answers: { file?: string | null; folder?: string | null; confirm?: boolean } = {}) {
  const asked: Array<{ kind: 'file' | 'folder' | 'confirm'; options: Record<string, unknown> }> = []
  const dialogs: PathDialogs = {
    pickFile: async (options) => (asked.push({ kind: 'file', options }), answers.file ?? null),
    pickFolder: async (options) => (asked.push({ kind: 'folder', options }), answers.folder ?? null),
    confirmPath: async (options) => (asked.push({ kind: 'confirm', options }), answers.confirm ?? false)
  }
  return { dialogs, asked }
}

let open: AppContext[] = []
afterEach(async () => {
  for (const ctx of open) await ctx.close()
  open = []
})

async function world(dialogs?: PathDialogs) {
  const dir = await makeTempDir()
  const dataDir = join(dir, 'data')
  const ctx = createAppContext({
    settings: createMemorySettings({ ...defaultSettings(dir, {}), dataDir, talosctlPath: '/usr/bin/talosctl' }),
    shell: { kind: 'electron', version: 'test', openExternal: async () => {}, dialogs }
  })
  open.push(ctx)
  const changed: unknown[] = []
  ctx.events.onAny((name, payload) => name === 'settings.changed' && changed.push(payload))
  return { ctx, dir, dataDir, changed, call: (name: string, input: unknown) => dispatch(createHandlers(ctx), name, input) }
}

describe('settings.set from the renderer', () => {
  it('refuses a new talosctl path and changes nothing', async () => {
    const w = await world(fakeDialogs().dialogs)
    const r = await w.call('settings.set', { talosctlPath: '/tmp/evil' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Change…/) } })
    expect(w.ctx.settings().talosctlPath).toBe('/usr/bin/talosctl')
    expect(w.ctx.core.options.talosctlPath).toBe('/usr/bin/talosctl')
    expect(w.changed).toEqual([])
  })

  it('refuses a new data folder, even mixed with an allowed change, and changes nothing', async () => {
    const w = await world(fakeDialogs().dialogs)
    const r = await w.call('settings.set', { theme: 'dark', dataDir: '/tmp/elsewhere' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/Change…/) } })
    expect(w.ctx.settings()).toMatchObject({ dataDir: w.dataDir, theme: 'system' })
    expect(w.changed).toEqual([])
  })

  it('still changes the theme, proxy and factory URL', async () => {
    const w = await world()
    const r = await w.call('settings.set', { theme: 'dark', proxy: 'http://127.0.0.1:3128' })
    expect(r).toMatchObject({ ok: true, value: { theme: 'dark', proxy: 'http://127.0.0.1:3128' } })
  })
})

describe('settings.chooseTalosctl', () => {
  it('leaves everything as it was when the operator cancels the file picker', async () => {
    const fake = fakeDialogs({ file: null })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseTalosctl', {})
    expect(r).toMatchObject({ ok: true, value: { changed: false, settings: { talosctlPath: '/usr/bin/talosctl' } } })
    expect(fake.asked.map((a) => a.kind)).toEqual(['file'])
    expect(w.ctx.core.options.talosctlPath).toBe('/usr/bin/talosctl')
    expect(w.changed).toEqual([])
  })

  it('uses the program the operator picked, and rebuilds the core with it', async () => {
    const fake = fakeDialogs({ file: '/opt/talos/talosctl' })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseTalosctl', {})
    expect(r).toMatchObject({ ok: true, value: { changed: true, settings: { talosctlPath: '/opt/talos/talosctl' } } })
    expect(fake.asked[0]!.options).toMatchObject({ defaultPath: '/usr/bin/talosctl' })
    expect(w.ctx.core.options.talosctlPath).toBe('/opt/talos/talosctl')
    expect(w.changed).toEqual([expect.objectContaining({ talosctlPath: '/opt/talos/talosctl' })])
  })

  it('asks for a confirmation naming a suggested path; a cancel changes nothing', async () => {
    const fake = fakeDialogs({ confirm: false })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseTalosctl', { suggested: '/home/op/bin/talosctl' })
    expect(r).toMatchObject({ ok: true, value: { changed: false } })
    expect(fake.asked).toEqual([{ kind: 'confirm', options: expect.objectContaining({ path: '/home/op/bin/talosctl' }) }])
    expect(JSON.stringify(fake.asked[0]!.options)).toContain('/home/op/bin/talosctl')
    expect(w.ctx.settings().talosctlPath).toBe('/usr/bin/talosctl')
  })

  it('applies a suggested path only on the operator OK', async () => {
    const w = await world(fakeDialogs({ confirm: true }).dialogs)
    const r = await w.call('settings.chooseTalosctl', { suggested: 'talosctl' })
    expect(r).toMatchObject({ ok: true, value: { changed: true, settings: { talosctlPath: 'talosctl' } } })
    expect(w.ctx.core.options.talosctlPath).toBe('talosctl')
  })

  it('refuses a relative suggested path before showing any dialog', async () => {
    const fake = fakeDialogs({ confirm: true })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseTalosctl', { suggested: '../x/talosctl' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/full path/) } })
    expect(fake.asked).toEqual([])
  })

  it('refuses without a native dialog (browser preview) and says what to do instead', async () => {
    const w = await world(undefined)
    const r = await w.call('settings.chooseTalosctl', { suggested: '/opt/talosctl' })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/--talosctl/) } })
    expect(w.ctx.settings().talosctlPath).toBe('/usr/bin/talosctl')
  })
})

describe('settings.chooseDataDir', () => {
  it('leaves the data folder when the operator cancels the folder picker', async () => {
    const fake = fakeDialogs({ folder: null })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseDataDir', {})
    expect(r).toMatchObject({ ok: true, value: { changed: false, settings: { dataDir: w.dataDir } } })
    expect(fake.asked.map((a) => a.kind)).toEqual(['folder'])
    expect(w.ctx.core.options.dataDir).toBe(w.dataDir)
  })

  it('moves the app to the folder the operator picked', async () => {
    const w = await world(fakeDialogs({ folder: '/srv/wild' }).dialogs)
    const r = await w.call('settings.chooseDataDir', {})
    expect(r).toMatchObject({ ok: true, value: { changed: true, settings: { dataDir: '/srv/wild' } } })
    expect(w.ctx.core.options.dataDir).toBe('/srv/wild')
  })

  it('confirms a suggested folder by name: cancel keeps, OK applies', async () => {
    const no = fakeDialogs({ confirm: false })
    const w1 = await world(no.dialogs)
    expect(await w1.call('settings.chooseDataDir', { suggested: '/srv/other' })).toMatchObject({ ok: true, value: { changed: false } })
    expect(no.asked).toEqual([{ kind: 'confirm', options: expect.objectContaining({ path: '/srv/other' }) }])
    expect(w1.ctx.settings().dataDir).toBe(w1.dataDir)

    const w2 = await world(fakeDialogs({ confirm: true }).dialogs)
    expect(await w2.call('settings.chooseDataDir', { suggested: '/srv/other' })).toMatchObject({
      ok: true,
      value: { changed: true, settings: { dataDir: '/srv/other' } }
    })
  })

  it('refuses a suggested folder that is not an absolute path, before any dialog', async () => {
    const fake = fakeDialogs({ confirm: true })
    const w = await world(fake.dialogs)
    const r = await w.call('settings.chooseDataDir', { suggested: 'data' })
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/full path/) } })
    expect(fake.asked).toEqual([])
  })
})
