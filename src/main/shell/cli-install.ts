import type { BaseWindow, Dialog, MessageBoxOptions } from 'electron'
import { defaultLauncherDir, installLauncher, launcherText, onPath, WINDOWS_CLI_NOTE } from './cli-launcher'

type DialogApi = Pick<Dialog, 'showMessageBox' | 'showOpenDialog'>

/**
 * File › Install Command-Line Tool…: main asks (native box naming the exact file), the operator
 * may pick another folder, and only then is the launcher written. Nothing from the page is involved.
 */
export async function installCliFromMenu(o: {
  dialog: DialogApi
  window: BaseWindow | null
  platform: NodeJS.Platform
  app: { execPath: string; appPath: string; packaged: boolean }
}): Promise<void> {
  const box = (options: MessageBoxOptions) => (o.window ? o.dialog.showMessageBox(o.window, options) : o.dialog.showMessageBox(options))
  if (o.platform === 'win32') {
    await box({ type: 'info', message: 'The wild command line on Windows', detail: WINDOWS_CLI_NOTE, buttons: ['OK'] })
    return
  }
  let dir = defaultLauncherDir()
  const buttons = ['Cancel', 'Choose Another Folder…', 'Install']
  const answer = await box({
    type: 'question',
    message: 'Install the wild command?',
    detail: `Wild Central will write ${dir}/wild, a small script that runs this app as the wild command line.`,
    buttons,
    defaultId: 2,
    cancelId: 0,
    noLink: true
  })
  if (answer.response === 0) return
  if (answer.response === 1) {
    const picked = await o.dialog.showOpenDialog({ title: 'Folder for the wild command', defaultPath: dir, properties: ['openDirectory', 'createDirectory'] })
    if (picked.canceled || !picked.filePaths[0]) return
    dir = picked.filePaths[0]
  }
  try {
    const file = await installLauncher(dir, launcherText(o.app))
    const hint = onPath(dir)
      ? 'Open a new terminal and run: wild --help'
      : `${dir} is not on your PATH: add it (for example in ~/.profile), then run: wild --help`
    await box({ type: 'info', message: `Installed ${file}`, detail: hint, buttons: ['OK'] })
  } catch (e) {
    await box({ type: 'error', message: 'The wild command was not installed', detail: e instanceof Error ? e.message : String(e), buttons: ['OK'] })
  }
}
