import type { BaseWindow, Dialog, Shell } from 'electron'
import { AppError } from '../../shared/errors'
import type { ShellFiles } from '../app-context'

/** "Open logs" and the bundle's save dialog on Electron; modal to the window when there is one. */
export function createShellFiles(o: {
  shell: Pick<Shell, 'openPath'>
  dialog: Pick<Dialog, 'showSaveDialog'>
  getWindow: () => BaseWindow | null
}): ShellFiles {
  return {
    async openPath(path) {
      // openPath answers with an error text, never throws.
      const problem = await o.shell.openPath(path)
      if (problem) throw new AppError('IO', `The file manager could not open ${path}: ${problem}. Open that folder yourself.`)
    },
    async pickSaveFile(options) {
      const w = o.getWindow()
      const opts = {
        ...options,
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'] as (
          'createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent'
        )[]
      }
      const r = w && !w.isDestroyed() ? await o.dialog.showSaveDialog(w, opts) : await o.dialog.showSaveDialog(opts)
      return r.canceled || !r.filePath ? null : r.filePath
    }
  }
}
