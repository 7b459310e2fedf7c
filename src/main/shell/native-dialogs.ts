import type { BaseWindow, Dialog, MessageBoxOptions, OpenDialogOptions } from 'electron'
import type { PathDialogs } from '../app-context'

type DialogApi = Pick<Dialog, 'showOpenDialog' | 'showMessageBox'>

/**
 * The PathDialogs the handlers use, on Electron's native dialogs. Thin on purpose: the rules
 * (what may be suggested, when a setting changes) live in the handlers, tested with a fake.
 * Dialogs are modal to the window when there is one, so the operator sees what asked.
 */
export function createNativeDialogs(dialog: DialogApi, getWindow: () => BaseWindow | null): PathDialogs {
  const parent = (): BaseWindow | null => {
    const w = getWindow()
    return w && !w.isDestroyed() ? w : null
  }
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const w = parent()
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  }
  return {
    pickFile: ({ title, defaultPath }) => open({ title, defaultPath, properties: ['openFile', 'dontAddToRecent'] }),
    pickFolder: ({ title, defaultPath }) => open({ title, defaultPath, properties: ['openDirectory', 'createDirectory', 'promptToCreate', 'dontAddToRecent'] }),
    async confirmPath({ title, message, path, confirmLabel }) {
      const buttons = ['Cancel', confirmLabel]
      const options: MessageBoxOptions = {
        type: 'question',
        title,
        message: title,
        // The exact path is always in the text the operator reads, whatever the caller wrote.
        detail: message.includes(path) ? message : `${path}\n\n${message}`,
        buttons,
        // Enter or Escape without reading means no.
        defaultId: 0,
        cancelId: 0,
        noLink: true
      }
      const w = parent()
      const r = w ? await dialog.showMessageBox(w, options) : await dialog.showMessageBox(options)
      return r.response === buttons.indexOf(confirmLabel)
    }
  }
}
