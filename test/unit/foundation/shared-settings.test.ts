import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSettings, savedSettingsFile } from '@core/app-settings'
import { withTempDir } from '../../helpers/tmp'

// The app saves through electron-store ({settings: {...}} in <userData>/settings.json); the CLI
// reads that same file, so changing the data folder in the app moves `wild` along with it.
describe('settings shared by the app and the CLI', () => {
  const save = async (appData: string, settings: unknown) => {
    await mkdir(appData, { recursive: true })
    await writeFile(savedSettingsFile(appData), JSON.stringify({ settings }))
  }

  it('follows the data folder, talosctl, factory and proxy the app saved', async () => {
    await withTempDir(async (dir) => {
      await save(dir, { dataDir: '/srv/wild', talosctlPath: '/opt/talosctl', factoryUrl: 'https://factory.example', proxy: 'http://proxy:3128', theme: 'dark' })
      expect(cliSettings(dir, {})).toMatchObject({
        dataDir: '/srv/wild',
        talosctlPath: '/opt/talosctl',
        factoryUrl: 'https://factory.example',
        proxy: 'http://proxy:3128'
      })
    })
  })

  it('lets the environment win over the saved file, and defaults fill the rest', async () => {
    await withTempDir(async (dir) => {
      await save(dir, { dataDir: '/srv/wild' })
      const s = cliSettings(dir, { WILD_CENTRAL_DATA: '/tmp/other', WILD_TALOSCTL: '/usr/local/bin/talosctl' })
      expect(s).toMatchObject({ dataDir: '/tmp/other', talosctlPath: '/usr/local/bin/talosctl', factoryUrl: 'https://factory.talos.dev' })
    })
  })

  it('uses the defaults when there is no file, or it is damaged, or a value is invalid', async () => {
    await withTempDir(async (dir) => {
      expect(cliSettings(dir, {}).dataDir).toBe(join(dir, 'data'))
      await mkdir(dir, { recursive: true })
      await writeFile(savedSettingsFile(dir), '{oops')
      expect(cliSettings(dir, {}).dataDir).toBe(join(dir, 'data'))
      await save(dir, { dataDir: 42 })
      expect(cliSettings(dir, {}).dataDir).toBe(join(dir, 'data'))
    })
  })
})
