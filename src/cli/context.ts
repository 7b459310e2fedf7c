import type { Command } from 'commander'
import { createCore, type Core } from '../core'
import { cliSettings, osAppDataDir } from '../core/app-settings'
import { timingFromEnv } from '../core/cluster/timing'
import type { DemoLab } from '../core/demo'
import { join } from 'node:path'
import { cliLogs } from './logs'

export interface GlobalOptions {
  dataDir?: string
  instance?: string
  talosctl?: string
  json?: boolean
  demo?: boolean
}

/** `wild --demo`: the demo lab's folder (the desktop app's, unless --data-dir says otherwise). */
export function demoDataDir(g: GlobalOptions): string {
  return g.dataDir ?? join(osAppDataDir(), 'demo')
}

// Set by the preAction hook of `wild --demo`, which loads the lab (lazily: only in demo mode).
let demoLab: DemoLab | null = null
export function useDemoLab(lab: DemoLab): void {
  demoLab = lab
}

/** Reads the global options from the root command, whatever subcommand is running. */
export function globalOptions(cmd: Command): GlobalOptions {
  let root: Command = cmd
  while (root.parent) root = root.parent
  return root.opts<GlobalOptions>()
}

/** One core per CLI run, built from flags, then the environment, then defaults. */
export function coreFor(cmd: Command): Core {
  const g = globalOptions(cmd)
  // The file the app saves: a data folder changed in the app is the CLI's too.
  const defaults = cliSettings(osAppDataDir())
  const dataDir = g.demo ? demoDataDir(g) : (g.dataDir ?? defaults.dataDir)
  const logs = cliLogs(dataDir)
  const common = { dataDir, factoryUrl: process.env.WILD_FACTORY_URL || defaults.factoryUrl, lifecycleTiming: timingFromEnv(), talosCalls: logs.talosCalls }
  let core: Core
  if (g.demo) {
    if (!demoLab) throw new Error('the demo lab is not loaded (wild --demo loads it before a command runs)')
    core = createCore({ ...common, talosctlPath: 'talosctl (demo lab)', proxy: null, demo: demoLab })
  } else {
    core = createCore({ ...common, talosctlPath: g.talosctl ?? defaults.talosctlPath, proxy: defaults.proxy })
  }
  const unwatch = logs.watch(core.events)
  const close = core.close.bind(core)
  return {
    ...core,
    async close() {
      await close()
      unwatch()
      await logs.flush()
    }
  }
}

/** The instance a command means: --instance, else the current one. */
export async function instanceFor(cmd: Command, core: Core): Promise<string> {
  return core.instances.resolve(globalOptions(cmd).instance ?? null)
}
