import { execFile } from 'node:child_process'
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { configuredFeedFile, updateDecision } from '@main/shell/auto-update'
import { installLauncher, launcherText, onPath } from '@main/shell/cli-launcher'
import { withTempDir } from '../../helpers/tmp'

const POSIX = process.platform !== 'win32'

describe('auto-update stays off until a feed is configured', () => {
  const feed = '/res/app-update.yml'
  it('never checks in development, in tests or without a feed', () => {
    expect(updateDecision({ packaged: false, env: {}, feedFile: feed }).check).toBe(false)
    expect(updateDecision({ packaged: true, env: { NODE_ENV: 'test' }, feedFile: feed }).check).toBe(false)
    expect(updateDecision({ packaged: true, env: { CI: 'true' }, feedFile: feed }).check).toBe(false)
    expect(updateDecision({ packaged: true, env: {}, feedFile: null })).toEqual({ check: false, why: 'no update feed configured' })
    expect(updateDecision({ packaged: true, env: {}, feedFile: feed }).check).toBe(true)
  })

  it('counts a feed only when app-update.yml names a url', async () => {
    await withTempDir(async (dir) => {
      expect(configuredFeedFile(dir)).toBeNull()
      await writeFile(join(dir, 'app-update.yml'), 'provider: generic\nurl: ""\n')
      expect(configuredFeedFile(dir)).toBeNull()
      await writeFile(join(dir, 'app-update.yml'), 'provider: generic\nurl: https://updates.example/wild\n')
      expect(configuredFeedFile(dir)).toBe(join(dir, 'app-update.yml'))
    })
  })
})

describe('Install command-line tool', () => {
  const app = { execPath: '/Applications/Wild Central.app/Contents/MacOS/Wild Central', appPath: '/x/app.asar', packaged: true }

  it('writes a launcher that runs the app binary in CLI mode, quoted', () => {
    expect(launcherText(app)).toBe(
      '#!/bin/sh\n# Installed by Wild Central: the wild command line, run by the desktop app.\nexec \'/Applications/Wild Central.app/Contents/MacOS/Wild Central\' --no-sandbox --wild-cli "$@"\n'
    )
    // From a checkout, electron needs the app folder first.
    expect(launcherText({ ...app, execPath: '/n/electron', packaged: false })).toContain('exec /n/electron /x/app.asar --no-sandbox --wild-cli "$@"')
  })

  it.runIf(POSIX)('installs an executable 0755 file that passes its arguments on', async () => {
    await withTempDir(async (dir) => {
      // A stand-in for the app binary that prints what it was given.
      const fakeApp = join(dir, 'fake app')
      await writeFile(fakeApp, '#!/bin/sh\nprintf "%s|" "$@"\n', { mode: 0o755 })
      const file = await installLauncher(join(dir, 'bin'), launcherText({ execPath: fakeApp, appPath: '', packaged: true }))
      expect((await stat(file)).mode & 0o777).toBe(0o755)
      const { stdout } = await promisify(execFile)(file, ['node', 'list', '--json'])
      expect(stdout).toBe('--no-sandbox|--wild-cli|node|list|--json|')
      // Reinstalling replaces our own launcher.
      await installLauncher(join(dir, 'bin'), '#!/bin/sh\n# Installed by Wild Central: v2\n')
      expect(await readFile(file, 'utf8')).toContain('v2')
    })
  })

  it('leaves a wild that is not ours alone, and says so', async () => {
    await withTempDir(async (dir) => {
      await mkdir(join(dir, 'bin'))
      await writeFile(join(dir, 'bin', 'wild'), '#!/bin/sh\necho someone else\n')
      await expect(installLauncher(join(dir, 'bin'), launcherText(app))).rejects.toThrow(/was not installed by Wild Central/)
      expect(await readFile(join(dir, 'bin', 'wild'), 'utf8')).toContain('someone else')
    })
  })

  it('tells whether the folder is on PATH', () => {
    expect(onPath('/home/a/.local/bin', { PATH: '/usr/bin:/home/a/.local/bin/' })).toBe(true)
    expect(onPath('/opt/bin', { PATH: '/usr/bin' })).toBe(false)
  })
})
