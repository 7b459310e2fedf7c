import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, screen, session, shell } from 'electron'
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME, resolveAppUrl } from './shell/app-protocol'
import sudoPrompt from '@vscode/sudo-prompt'
import { createAppContext } from './app-context'
import { cliModeArgs, cliModePrefix, createPxeElevation } from './shell/pxe-elevation'
import { useChildRecords } from '../core/talos/child-groups'
import { createHandlers } from './handlers'
import { defaultSettings } from '../core/app-settings'
import { createElectronSettings } from './shell/electron-settings'
import { bindIpc } from './shell/ipc-main'
import { createNativeDialogs } from './shell/native-dialogs'
import { appMenuTemplate } from './shell/app-menu'
import { loadWindowState, saveWindowState, windowStateFile } from './shell/window-state'
import { appResponseHeaders, CONTENT_SECURITY_POLICY, isAllowedOrigin, mainWindowOptions } from './shell/secure-window'
import { isAllowedExternalUrl } from './security/url-guard'
import { createLogs } from '../core/logs/logger'
import { talosCallLogger } from '../core/logs/talos-calls'
import { logOperations } from '../core/logs/operation-log'
import { createShellFiles } from './shell/shell-files'
import { createQuitGuard } from './shell/quit-guard'
import { askQuit } from './shell/quit-dialog'
import { installCliFromMenu } from './shell/cli-install'
import { checkForUpdatesIfConfigured } from './shell/auto-update'

// Windows groups the taskbar entry and notifications by this id (electron-builder.yml's appId).
app.setAppUserModelId('dev.wildcloud.central')

const cliArgs = cliModeArgs(process.argv)
if (cliArgs) {
  // The app's binary as `wild` (the network boot helper started through the elevation prompt):
  // no window, no single-instance lock, the exit code of the command.
  void Promise.all([import('../cli/program'), import('../cli/signals')]).then(async ([{ runCli }, { installStopSignals }]) => {
    installStopSignals()
    app.exit(await runCli(cliArgs))
  })
} else if (!app.requestSingleInstanceLock()) {
  // One app per user: a second launch focuses the first window instead.
  app.quit()
} else {
  let mainWindow: BrowserWindow | null = null
  const devUrl = process.env.ELECTRON_RENDERER_URL
  const rendererDir = join(__dirname, '../renderer')
  const allowedOrigins = devUrl ? [new URL(devUrl).origin] : [APP_ORIGIN]

  // Must precede app ready: app:// behaves like https (secure, standard origin, module scripts).
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])

  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })

  // No webview, no new windows, no navigation away from the app, anywhere.
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.setWindowOpenHandler(({ url }) => {
      if (isAllowedExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedOrigin(url, allowedOrigins)) event.preventDefault()
    })
    contents.on('will-redirect', (event) => event.preventDefault())
  })

  void app.whenReady().then(async () => {
    const ses = session.defaultSession
    protocol.handle(APP_SCHEME, async (request) => {
      const notFound = () => new Response('not found', { status: 404, headers: appResponseHeaders('text/plain; charset=utf-8') })
      const target = resolveAppUrl(request.url, rendererDir)
      if (!target) return notFound()
      try {
        return new Response(await readFile(target.file), { headers: appResponseHeaders(target.type) })
      } catch {
        return notFound()
      }
    })
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
    ses.setPermissionCheckHandler(() => false)
    // Covers the dev server (http); app:// responses carry the header themselves.
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
      })
    })
    // Nothing remote is ever loaded: refuse every request that is not our own files or dev server.
    ses.webRequest.onBeforeRequest((details, callback) => {
      const ok = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools:') || (devUrl && details.url.startsWith(devUrl))
      callback({ cancel: !ok })
    })

    // Electron cannot run the child guard script (RunAsNode is off): talosctl groups are recorded
    // on disk instead, and those a previous run left behind when it was killed are reaped now.
    const reaped = await useChildRecords(join(app.getPath('userData'), 'run'))
    if (reaped.killed.length) console.warn(`Stopped ${reaped.killed.length} talosctl left running by a previous run.`)

    const settings = createElectronSettings(defaultSettings(app.getPath('userData')))
    // Logs live in the data folder chosen at start (logs/app.log, talosctl.log, operations.log).
    const logs = createLogs({ dataDir: settings.get().dataDir, source: 'app' })
    logs.app.info({ version: app.getVersion(), electron: process.versions.electron, platform: process.platform, packaged: app.isPackaged }, 'app started')
    // A monitor only: Electron's own handling of a crash stays as it is.
    process.on('uncaughtExceptionMonitor', (error) => logs.app.fatal({ error }, 'uncaught exception'))
    process.on('unhandledRejection', (error) => logs.app.error({ error }, 'unhandled promise rejection'))
    const ctx = createAppContext({
      settings,
      demoDataDir: join(app.getPath('userData'), 'demo'),
      shell: {
        kind: 'electron',
        version: app.getVersion(),
        openExternal: async (url) => {
          if (isAllowedExternalUrl(url)) await shell.openExternal(url)
        },
        dialogs: createNativeDialogs(dialog, () => mainWindow),
        files: createShellFiles({ shell, dialog, getWindow: () => mainWindow })
      },
      // Network boot needs ports 67/69/4011: the same `wild pxe serve`, as root after the system's prompt.
      coreOverrides: {
        talosCalls: talosCallLogger(logs.talosctl),
        pxeElevation: createPxeElevation({
          exec: sudoPrompt.exec,
          prefix: cliModePrefix({ execPath: process.execPath, appPath: app.getAppPath(), packaged: app.isPackaged })
        })
      }
    })
    nativeTheme.themeSource = ctx.settings().theme
    logOperations(ctx.events, logs.operations)
    ctx.events.onAny((name, payload) => {
      if (name === 'settings.changed') nativeTheme.themeSource = (payload as { theme: 'light' | 'dark' | 'system' }).theme
    })

    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        appMenuTemplate({
          packaged: app.isPackaged,
          platform: process.platform,
          appName: app.getName(),
          onInstallCli: () =>
            void installCliFromMenu({
              dialog,
              window: mainWindow,
              platform: process.platform,
              app: { execPath: process.execPath, appPath: app.getAppPath(), packaged: app.isPackaged }
            })
        })
      )
    )
    const preload = join(__dirname, '../preload/index.js')
    const stateFile = windowStateFile(app.getPath('userData'))
    // Size and position come back as the operator left them (when that screen is still there).
    const createWindow = () => {
      const saved = loadWindowState(
        stateFile,
        screen.getAllDisplays().map((d) => d.workArea)
      )
      const win = new BrowserWindow({
        ...mainWindowOptions(preload, nativeTheme.shouldUseDarkColors ? '#0f1115' : '#f7f7f8'),
        ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : {})
      })
      win.once('ready-to-show', () => {
        if (saved?.maximized) win.maximize()
        win.show()
      })
      win.on('close', () => void saveWindowState(stateFile, win.getNormalBounds(), win.isMaximized()).catch(() => {}))
      win.on('closed', () => (mainWindow = null))
      if (devUrl) void win.loadURL(devUrl)
      else void win.loadURL(APP_INDEX_URL)
      mainWindow = win
    }
    createWindow()

    bindIpc({ ipcMain, handlers: createHandlers(ctx), ctx, getWindow: () => mainWindow, allowedOrigins })
    // macOS: clicking the dock icon with no window open opens one again.
    app.on('activate', () => {
      if (!mainWindow) createWindow()
    })

    // Quit with operations running asks first; "stop" cancels them and waits (bounded) before exiting.
    const onBeforeQuit = createQuitGuard({
      running: () => ctx.core.operations.runningCount,
      ask: (n) => askQuit(dialog, mainWindow, n),
      stop: () => ctx.close(),
      kept: () => {
        if (!mainWindow) createWindow()
      },
      exit: () => {
        logs.app.info({}, 'app quit')
        app.exit(0)
      }
    })
    app.on('before-quit', (event) => void onBeforeQuit(() => event.preventDefault()))
    void checkForUpdatesIfConfigured({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, log: logs.app })
  })

  // macOS apps stay running without windows until Quit; elsewhere closing the window quits.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
