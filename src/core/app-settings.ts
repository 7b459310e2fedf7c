import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Settings } from '../shared/contract/app'
import { AppError } from '../shared/errors'

/** The Talos Image Factory the app and the CLI use unless the operator sets another. */
export const DEFAULT_FACTORY_URL = 'https://factory.talos.dev'

/** Where settings live: electron-store in the app, a JSON file or memory elsewhere. */
export interface SettingsStore {
  get(): Settings
  set(patch: Partial<Settings>): Settings
}

/** $WILD_CENTRAL_DATA wins; otherwise the OS app-data folder the shell passes in. */
export function defaultSettings(appDataDir: string, env: NodeJS.ProcessEnv = process.env): Settings {
  return {
    dataDir: env.WILD_CENTRAL_DATA || join(appDataDir, 'data'),
    talosctlPath: env.WILD_TALOSCTL || 'talosctl',
    theme: 'system',
    proxy: null,
    factoryUrl: DEFAULT_FACTORY_URL
  }
}

/**
 * Conventional per-user app-data folder when Electron's app.getPath is not at hand (CLI, preview).
 * It must equal Electron's userData, where the app saves settings.json. env-paths was considered
 * and not adopted: its config folder is ~/Library/Preferences/wild-central on macOS and
 * %APPDATA%\wild-central\Config on Windows (Linux matches), so the CLI would stop finding the
 * app's settings there and existing users' data folders would move. Keep this in step with Electron.
 */
export function osAppDataDir(appName = 'wild-central'): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName)
  if (process.platform === 'win32') return join(process.env.APPDATA || join(homedir(), 'AppData', 'Roaming'), appName)
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), appName)
}

/** The file the app's electron-store writes (name 'settings' in userData, which osAppDataDir matches). */
export const SAVED_SETTINGS_NAME = 'settings'
export function savedSettingsFile(appDataDir: string): string {
  return join(appDataDir, `${SAVED_SETTINGS_NAME}.json`)
}

/** What the app saved, as far as it is valid; nothing when there is no file or it is damaged. */
function readSavedSettings(appDataDir: string): Partial<Settings> {
  try {
    const raw = JSON.parse(readFileSync(savedSettingsFile(appDataDir), 'utf8')) as { settings?: unknown }
    const parsed = Settings.partial().safeParse(raw.settings)
    return parsed.success ? parsed.data : {}
  } catch {
    return {}
  }
}

/**
 * The CLI's settings: the same file the app saves, so changing the data folder in the app moves
 * `wild` too. $WILD_CENTRAL_DATA and $WILD_TALOSCTL win over the file (flags win over both).
 */
export function cliSettings(appDataDir: string, env: NodeJS.ProcessEnv = process.env): Settings {
  const saved = readSavedSettings(appDataDir)
  const valid = Settings.safeParse({ ...defaultSettings(appDataDir, {}), ...saved })
  const merged = valid.success ? valid.data : defaultSettings(appDataDir, {})
  return {
    ...merged,
    ...(env.WILD_CENTRAL_DATA ? { dataDir: env.WILD_CENTRAL_DATA } : {}),
    ...(env.WILD_TALOSCTL ? { talosctlPath: env.WILD_TALOSCTL } : {})
  }
}

export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  const next = Settings.safeParse({ ...current, ...patch })
  if (!next.success) {
    const i = next.error.issues[0]
    throw new AppError('VALIDATION', `Invalid setting ${i?.path.join('.')}: ${i?.message}`)
  }
  return next.data
}

export function createMemorySettings(initial: Settings): SettingsStore {
  let value = Settings.parse(initial)
  return {
    get: () => value,
    set: (patch) => (value = mergeSettings(value, patch))
  }
}
