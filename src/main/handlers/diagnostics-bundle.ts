import { homedir } from 'node:os'
import { join } from 'node:path'
import { bundleFileName, talosctlVersionForBundle, writeDiagnosticsBundle } from '../../core/logs/bundle'
import { logsDir } from '../../core/logs/paths'
import { ensureDir, SECRET_DIR_MODE } from '../../core/fs-safe'
import { AppError } from '../../shared/errors'
import type { AppContext, ShellFiles } from '../app-context'

function desktopFiles(ctx: AppContext): ShellFiles {
  if (!ctx.shell.files) {
    throw new AppError('FORBIDDEN', 'Opening folders and saving files needs the desktop app. Here, use `wild diagnostics bundle --output FILE` instead.')
  }
  return ctx.shell.files
}

/**
 * "Open logs" and "Save a diagnostics bundle". The file the bundle goes to is the operator's
 * choice in main's native save dialog; the page can neither name nor read it.
 */
export function diagnosticsBundleHandlers(ctx: AppContext) {
  return {
    'diagnostics.openLogs': async () => {
      const files = desktopFiles(ctx)
      const path = logsDir(ctx.settings().dataDir)
      // Made if nothing was logged yet, so the file manager opens on the right folder, not an error.
      await ensureDir(path, SECRET_DIR_MODE)
      await files.openPath(path)
      return { path }
    },
    'diagnostics.saveBundle': async (_: unknown, { signal }: { signal: AbortSignal }) => {
      const files = desktopFiles(ctx)
      const file = await files.pickSaveFile({
        title: 'Save a diagnostics bundle',
        defaultPath: join(homedir(), bundleFileName()),
        filters: [{ name: 'Zip archive', extensions: ['zip'] }]
      })
      if (!file) return { saved: false, file: null, entries: [] }
      const settings = ctx.settings()
      const talosctl = await talosctlVersionForBundle((o) => ctx.core.talos.clientVersion(o), signal)
      const r = await writeDiagnosticsBundle({
        file,
        settingsDataDir: settings.dataDir,
        instancesDataDir: ctx.core.options.dataDir,
        settings,
        versions: { app: ctx.shell.version, talosctl, electron: process.versions.electron }
      })
      return { saved: true, file: r.file, entries: r.entries }
    }
  }
}
