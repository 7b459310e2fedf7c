import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appMenuTemplate } from '@main/shell/app-menu'
import { loadWindowState, saveWindowState } from '@main/shell/window-state'
import { withTempDir } from '../../helpers/tmp'

const roles = (t: ReturnType<typeof appMenuTemplate>): string[] =>
  t.flatMap((m) => [m.role ?? m.label ?? '', ...(Array.isArray(m.submenu) ? m.submenu.map((i) => String(i.role ?? i.type ?? i.label)) : [])])

describe('application menu', () => {
  it('has no Reload or DevTools when packaged, and keeps them in development', () => {
    const packaged = roles(appMenuTemplate({ packaged: true, platform: 'linux', appName: 'Wild Central' }))
    expect(packaged).not.toContain('reload')
    expect(packaged).not.toContain('toggleDevTools')
    expect(packaged).toEqual(expect.arrayContaining(['quit', 'editMenu', 'windowMenu']))
    const dev = roles(appMenuTemplate({ packaged: false, platform: 'linux', appName: 'Wild Central' }))
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']))
  })

  it('puts the app menu first on macOS', () => {
    const t = appMenuTemplate({ packaged: true, platform: 'darwin', appName: 'Wild Central' })
    expect(t[0]!.label).toBe('Wild Central')
  })
})

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('remembers size and position, maximized or not', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'window-state.json')
      await saveWindowState(file, { x: 100, y: 80, width: 1300, height: 850 }, true)
      expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 80, width: 1300, height: 850, maximized: true })
    })
  })

  it('forgets a position on a screen that is gone, and a damaged file', async () => {
    await withTempDir(async (dir) => {
      const file = join(dir, 'window-state.json')
      await saveWindowState(file, { x: 2500, y: 80, width: 1300, height: 850 }, false)
      expect(loadWindowState(file, screen)).toBeNull()
      await writeFile(file, '{')
      expect(loadWindowState(file, screen)).toBeNull()
      expect(loadWindowState(join(dir, 'missing.json'), screen)).toBeNull()
    })
  })
})
