import type { Settings } from '../shared/contract/app'
import { createCore, type Core } from './core'
import { EventBus } from './core/event-bus'
import type { SettingsStore } from './settings'

/** What differs between the Electron shell and a browser (harness, preview). */
export interface ShellServices {
  kind: 'electron' | 'browser'
  version: string
  openExternal(url: string): Promise<void>
}

const CORE_KEYS: (keyof Settings)[] = ['dataDir', 'talosctlPath', 'factoryUrl', 'proxy']

/**
 * Settings plus the core built from them. A change to a setting the core depends on rebuilds
 * the core; the event bus survives so subscribers keep working.
 */
export function createAppContext(opts: { settings: SettingsStore; shell: ShellServices; events?: EventBus }) {
  const events = opts.events ?? new EventBus()
  const build = (s: Settings): Core =>
    createCore({ dataDir: s.dataDir, talosctlPath: s.talosctlPath, factoryUrl: s.factoryUrl, proxy: s.proxy, events })
  let core = build(opts.settings.get())

  return {
    events,
    shell: opts.shell,
    get core(): Core {
      return core
    },
    settings(): Settings {
      return opts.settings.get()
    },
    async updateSettings(patch: Partial<Settings>): Promise<Settings> {
      const before = opts.settings.get()
      const after = opts.settings.set(patch)
      if (CORE_KEYS.some((k) => before[k] !== after[k])) {
        await core.close()
        core = build(after)
      }
      events.emit('settings.changed', after)
      return after
    },
    async close(): Promise<void> {
      await core.close()
    }
  }
}
export type AppContext = ReturnType<typeof createAppContext>
