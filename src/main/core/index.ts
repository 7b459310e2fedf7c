import { EventBus } from './event-bus'
import { createInstanceService } from './instances/instances'
import { createDiagnostics } from './diagnostics/diagnostics'
import { talosctlClientVersion } from './talos/client-version'

export interface CoreOptions {
  /** Root of everything the app writes: <dataDir>/instances/<name>/… */
  dataDir: string
  /** The talosctl executable: a path, or a name looked up on PATH. */
  talosctlPath: string
  /** Image Factory base URL. */
  factoryUrl?: string
  /** HTTP(S) proxy set in the app; HTTPS_PROXY/NO_PROXY are honoured as well. */
  proxy?: string | null
  /** Shared bus; a new one is made when absent. */
  events?: EventBus
}

export const DEFAULT_FACTORY_URL = 'https://factory.talos.dev'

/**
 * The composition root: every service of the engine, wired once. Plain Node — no electron —
 * so the shell, the CLI, the browser harness and the tests all use the same core.
 */
export function createCore(options: CoreOptions) {
  const events = options.events ?? new EventBus()
  const instances = createInstanceService({ dataDir: options.dataDir, events })
  const diagnostics = createDiagnostics({
    dataDir: options.dataDir,
    talosctlPath: options.talosctlPath,
    talosctlClientVersion: (signal) => talosctlClientVersion(options.talosctlPath, signal)
  })
  return {
    options: { factoryUrl: DEFAULT_FACTORY_URL, proxy: null, ...options },
    events,
    instances,
    diagnostics,
    /** Stops background work; call before replacing the core. */
    async close(): Promise<void> {}
  }
}

export type Core = ReturnType<typeof createCore>
