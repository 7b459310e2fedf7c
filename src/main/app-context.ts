import { join } from 'node:path'
import { tmpdir } from 'node:os'
import type { Settings } from '../shared/contract/app'
import { createCore, type Core, type CoreOptions } from '../core'
import { EventBus } from '../core/event-bus'
import { ensureDemoInstance, wipeDemo } from '../core/demo-mode'
import type { DemoLab } from '../core/demo'
import type { SettingsStore } from '../core/app-settings'

/**
 * Native dialogs the main process shows itself, so a path to run or write to is always the
 * operator's choice, never the page's. Each resolves to null/false when the operator cancels.
 */
export interface PathDialogs {
  pickFile(options: { title: string; defaultPath?: string }): Promise<string | null>
  pickFolder(options: { title: string; defaultPath?: string }): Promise<string | null>
  /** A confirmation whose text names `path` exactly; true only on the operator's OK. */
  confirmPath(options: { title: string; message: string; path: string; confirmLabel: string }): Promise<boolean>
}

/** What differs between the Electron shell and a browser (harness, preview). */
export interface ShellServices {
  kind: 'electron' | 'browser'
  version: string
  openExternal(url: string): Promise<void>
  /** Absent in a browser: there the data folder and talosctl are set by whoever starts it. */
  dialogs?: PathDialogs
  /** Desktop only: the file manager and the save dialog behind "Open logs" and the diagnostics bundle. */
  files?: ShellFiles
}

export interface ShellFiles {
  /** Opens a folder in the system's file manager (Electron's shell.openPath). */
  openPath(path: string): Promise<void>
  /** A native save dialog; null when the operator cancels. */
  pickSaveFile(options: { title: string; defaultPath: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>
}

/** What the lab's one door (src/lab/demo-lab.ts) offers the shell. */
export type DemoLabModule = typeof import('../lab/demo-lab')

const CORE_KEYS: (keyof Settings)[] = ['dataDir', 'talosctlPath', 'factoryUrl', 'proxy']

/**
 * Settings plus the core built from them. A change to a setting the core depends on rebuilds
 * the core; the event bus survives so subscribers keep working. In demo mode the core runs on
 * its own data folder and the simulated lab, so the operator's real instances are untouched.
 */
export function createAppContext(opts: {
  settings: SettingsStore
  shell: ShellServices
  events?: EventBus
  /** Where the demo lab and its instance live; separate from the operator's data folder. */
  demoDataDir?: string
  /** Extra core options for tests (the simulated lab's environment, short waits). */
  coreOverrides?: Partial<CoreOptions>
  /** Loads the simulated lab; tests whose loader cannot import TypeScript lazily pass their own. */
  loadDemoLab?: () => Promise<DemoLabModule>
}) {
  const events = opts.events ?? new EventBus()
  const demoDataDir = opts.demoDataDir ?? join(tmpdir(), 'wild-central-demo')
  let demoLab: DemoLab | null = null
  let demoFactory: { url: string; close(): Promise<void> } | null = null

  const build = (s: Settings): Core =>
    demoLab
      ? createCore({
          dataDir: demoDataDir,
          talosctlPath: 'talosctl (demo lab)',
          factoryUrl: demoFactory?.url ?? s.factoryUrl,
          proxy: null,
          events,
          demo: demoLab,
          talosCalls: opts.coreOverrides?.talosCalls,
          // The simulated machines change within seconds: look often so each step shows at once.
          lifecycleTiming: { pollMs: 1000, ...opts.coreOverrides?.lifecycleTiming }
        })
      : createCore({ dataDir: s.dataDir, talosctlPath: s.talosctlPath, factoryUrl: s.factoryUrl, proxy: s.proxy, events, ...opts.coreOverrides })
  let core = build(opts.settings.get())

  async function rebuild(): Promise<void> {
    await core.close()
    core = build(opts.settings.get())
  }

  const ctx = {
    events,
    shell: opts.shell,
    get core(): Core {
      return core
    },
    get demo(): boolean {
      return demoLab !== null
    },
    settings(): Settings {
      return opts.settings.get()
    },
    async updateSettings(patch: Partial<Settings>): Promise<Settings> {
      const before = opts.settings.get()
      const after = opts.settings.set(patch)
      if (CORE_KEYS.some((k) => before[k] !== after[k])) await rebuild()
      events.emit('settings.changed', after)
      return after
    },
    async enterDemo(): Promise<void> {
      if (!demoLab) {
        // The simulator is loaded here, on the first demo, so a normal run never loads it.
        const lab = await (opts.loadDemoLab ?? (() => import('../lab/demo-lab')))()
        // Boot assets in the demo come from a simulated factory on loopback, never the real one.
        demoFactory ??= await lab.startDemoFactory()
        demoLab = lab.createDemoLab({ labFile: await lab.ensureDemoLab(demoDataDir) })
        await rebuild()
      }
      await ensureDemoInstance(core)
      events.emit('app.modeChanged', { demo: true })
    },
    async leaveDemo(): Promise<void> {
      if (!demoLab) return
      demoLab = null
      await rebuild()
      events.emit('app.modeChanged', { demo: false })
    },
    async resetDemo(): Promise<void> {
      const wasDemo = demoLab !== null
      demoLab = null
      await rebuild()
      await wipeDemo(demoDataDir)
      if (wasDemo) await ctx.enterDemo()
    },
    /** True only for `wild`: the operator typed the command, so terminal-only inputs are theirs (pxe.start). */
    terminal: false as boolean,
    async close(): Promise<void> {
      await core.close()
      await demoFactory?.close()
      demoFactory = null
    }
  }
  return ctx
}
export type AppContext = ReturnType<typeof createAppContext>
