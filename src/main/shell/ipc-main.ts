import type { BrowserWindow, IpcMain } from 'electron'
import { commandNames } from '../../shared/contract'
import { commandChannel, EVENT_CHANNEL, READY_CHANNEL } from '../../shared/ipc'
import type { AppContext } from '../app-context'
import { dispatch, type Handlers } from '../ipc/dispatch'
import { EventGate } from '../ipc/event-gate'
import { isTrustedSender } from './secure-window'

/**
 * Registers every contract command on ipcMain through one wrapper (sender check, zod parse,
 * AbortSignal, envelope) and forwards the core's events to the window through a ready gate.
 */
export function bindIpc(opts: {
  ipcMain: IpcMain
  handlers: Handlers
  ctx: AppContext
  getWindow: () => BrowserWindow | null
  allowedOrigins: readonly string[]
}): { registered: string[] } {
  const { ipcMain, handlers, ctx, getWindow, allowedOrigins } = opts
  const inflight = new Set<AbortController>()
  const gate = new EventGate((message) => {
    const win = getWindow()
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, message)
  })
  ctx.events.onAny((name, payload) => gate.push({ name, payload }))

  const registered: string[] = []
  for (const name of commandNames) {
    const channel = commandChannel(name)
    ipcMain.handle(channel, async (event, input) => {
      const win = getWindow()
      if (!isTrustedSender(event, win ? win.webContents.id : null, allowedOrigins)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Refused: the request did not come from the app window.' } }
      }
      const controller = new AbortController()
      inflight.add(controller)
      try {
        return await dispatch(handlers, name, input, controller.signal)
      } finally {
        inflight.delete(controller)
      }
    })
    registered.push(channel)
  }

  ipcMain.on(READY_CHANNEL, (event) => {
    const win = getWindow()
    if (isTrustedSender(event, win ? win.webContents.id : null, allowedOrigins)) gate.open()
  })

  const win = getWindow()
  // A new document must say it is ready again; an in-page (hash/pushState) change is not one.
  win?.webContents.on('did-start-navigation', (_e, _url, isInPlace, isMainFrame) => {
    if (isMainFrame && !isInPlace) gate.close()
  })
  win?.on('closed', () => {
    for (const c of inflight) c.abort()
  })
  return { registered }
}
