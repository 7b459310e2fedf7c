import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu, spelled out instead of Electron's default: a packaged app offers no
 * Reload (it would drop the page's state mid-operation) and no DevTools (a console with the
 * preload's API in reach). Development builds keep both. Plain data, so it is tested without Electron.
 */
export function appMenuTemplate(o: {
  packaged: boolean
  platform: NodeJS.Platform
  appName: string
  /** File › Install Command-Line Tool… (see cli-install.ts). */
  onInstallCli?: () => void
}): MenuItemConstructorOptions[] {
  const mac = o.platform === 'darwin'
  const view: MenuItemConstructorOptions[] = [
    ...(o.packaged ? [] : ([{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' }
  ]
  return [
    ...(mac
      ? [
          {
            label: o.appName,
            submenu: [
              { role: 'about' },
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' }
            ]
          } as MenuItemConstructorOptions
        ]
      : []),
    {
      label: 'File',
      submenu: [
        ...(o.onInstallCli ? ([{ label: 'Install Command-Line Tool…', click: o.onInstallCli }, { type: 'separator' }] as MenuItemConstructorOptions[]) : []),
        mac ? { role: 'close' } : { role: 'quit' }
      ]
    },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' }
  ]
}
