import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'

// electron-store asks Electron for the app-data folder; never load the real electron package.
const userData = await mkdtemp(join(tmpdir(), 'wild-settings-'))
vi.mock('electron', () => {
  const app = { getPath: () => userData, getVersion: () => '0.0.0', getName: () => 'wild-central', on: () => {}, isReady: () => true }
  return { default: { app, ipcMain: { on: () => {}, handle: () => {} }, shell: {} }, app, ipcMain: { on: () => {}, handle: () => {} }, shell: {} }
})

const { createElectronSettings } = await import('@main/shell/electron-settings')
const { cliSettings, defaultSettings } = await import('@core/app-settings')

describe('settings persisted with electron-store', () => {
  beforeEach(() => vi.clearAllMocks())

  it('defaults the data folder to $WILD_CENTRAL_DATA, else the app-data folder', () => {
    expect(defaultSettings('/appdata', { WILD_CENTRAL_DATA: '/srv/wild' }).dataDir).toBe('/srv/wild')
    expect(defaultSettings('/appdata', {}).dataDir).toBe(join('/appdata', 'data'))
    expect(defaultSettings('/appdata', { WILD_TALOSCTL: '/opt/talosctl' }).talosctlPath).toBe('/opt/talosctl')
  })

  it('writes a change to disk and reads it back in a new store', async () => {
    const defaults = defaultSettings(userData, {})
    const first = createElectronSettings(defaults)
    first.set({ theme: 'dark', talosctlPath: '/usr/local/bin/talosctl' })
    const saved = JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))
    expect(saved.settings).toMatchObject({ theme: 'dark', talosctlPath: '/usr/local/bin/talosctl' })
    expect(createElectronSettings(defaults).get()).toMatchObject({ theme: 'dark', talosctlPath: '/usr/local/bin/talosctl' })
  })

  it('refuses an invalid setting and keeps the old value', () => {
    const store = createElectronSettings(defaultSettings(userData, {}))
    expect(() => store.set({ theme: 'neon' as never })).toThrow(/theme/)
    expect(['light', 'dark', 'system']).toContain(store.get().theme)
  })

  it("saves where the CLI reads: a data folder changed in the app is the CLI's too", () => {
    createElectronSettings(defaultSettings(userData, {})).set({ dataDir: '/srv/moved' })
    expect(cliSettings(userData, {}).dataDir).toBe('/srv/moved')
  })
})
