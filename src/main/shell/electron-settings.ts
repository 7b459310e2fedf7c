import Store from 'electron-store'
import { Settings } from '../../shared/contract/app'
import { mergeSettings, SAVED_SETTINGS_NAME, type SettingsStore } from '../../core/app-settings'

/** App settings persisted by electron-store in the OS app-data folder; the CLI reads the same file (cliSettings). */
export function createElectronSettings(defaults: Settings): SettingsStore {
  const store = new Store<{ settings: Partial<Settings> }>({ name: SAVED_SETTINGS_NAME, defaults: { settings: {} } })
  const saved = Settings.partial().safeParse(store.get('settings'))
  let value = mergeSettings(defaults, saved.success ? saved.data : {})
  return {
    get: () => value,
    set: (patch) => {
      value = mergeSettings(value, patch)
      store.set('settings', value)
      return value
    }
  }
}
