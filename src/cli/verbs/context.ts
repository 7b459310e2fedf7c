import type { Command } from 'commander'
import type { Settings } from '../../shared/contract/app'
import { AppError } from '../../shared/errors'
import type { AppContext } from '../../main/app-context'
import { cliSettings, osAppDataDir } from '../../core/app-settings'
import { coreFor, globalOptions } from '../context'
import { WILD_VERSION } from '../version'
import { cliFiles } from './cli-files'

function appOnly(what: string): never {
  throw new AppError('FORBIDDEN', `${what} happens in the desktop app only: there is no wild command for it.`)
}

/**
 * The context the contract handlers are bound to when `wild` runs them: the core built from the
 * flags (coreFor), no Electron, no dialogs. What only the app can do (its demo switch, saving its
 * settings) refuses with FORBIDDEN; the verb table marks those commands app-only, so no verb calls it.
 */
export function cliAppContext(cmd: Command): AppContext {
  const core = coreFor(cmd)
  const settings = (): Settings => ({ ...cliSettings(osAppDataDir()), dataDir: core.options.dataDir, talosctlPath: core.options.talosctlPath })
  return {
    events: core.events,
    shell: { kind: 'browser', version: WILD_VERSION, openExternal: async () => appOnly('Opening a link'), files: cliFiles(cmd, appOnly) },
    core,
    demo: globalOptions(cmd).demo === true,
    terminal: true,
    settings,
    updateSettings: async () => appOnly('Changing the settings'),
    enterDemo: async () => appOnly('Switching to the demo'),
    leaveDemo: async () => appOnly('Leaving the demo'),
    resetDemo: async () => appOnly('Resetting the demo'),
    close: () => core.close()
  }
}
