import { promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { Settings } from '../shared/contract/app'
import { AppError } from '../shared/errors'
import { writeJsonAtomically } from './fs-safe'

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

/** Conventional per-user app-data folder when Electron's app.getPath is not at hand (CLI, preview). */
export function osAppDataDir(appName = 'wild-central'): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', appName)
  if (process.platform === 'win32') return join(process.env.APPDATA || join(homedir(), 'AppData', 'Roaming'), appName)
  return join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), appName)
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

/** A JSON-file store for the browser preview; written atomically so a crash never truncates it. */
export async function createFileSettings(file: string, defaults: Settings): Promise<SettingsStore> {
  let value = defaults
  try {
    const parsed = Settings.partial().safeParse(JSON.parse(await fs.readFile(file, 'utf8')))
    if (parsed.success) value = mergeSettings(defaults, parsed.data)
  } catch {
    /* first run or unreadable: defaults */
  }
  return {
    get: () => value,
    set: (patch) => {
      value = mergeSettings(value, patch)
      void writeJsonAtomically(file, value)
      return value
    }
  }
}
