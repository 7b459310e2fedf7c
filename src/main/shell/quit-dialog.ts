import type { BaseWindow, Dialog } from 'electron'
import { quitQuestion, type QuitAnswer } from './quit-guard'

/** The quit question as a native box; Escape and Enter keep the work running. */
export async function askQuit(dialog: Pick<Dialog, 'showMessageBox'>, window: BaseWindow | null, running: number): Promise<QuitAnswer> {
  const q = quitQuestion(running)
  const options = { type: 'warning' as const, message: q.message, detail: q.detail, buttons: [...q.buttons], defaultId: 0, cancelId: 0, noLink: true }
  const r = window && !window.isDestroyed() ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options)
  return r.response === 1 ? 'stop' : 'keep'
}
