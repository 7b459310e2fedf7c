import { createTalosRunner } from './runner'
import { createTalosApi } from './talos-api'

/**
 * `talosctl version --client` needs no node. Kept as its own entry point so diagnostics does not
 * depend on the rest of the core; failures are the runner's AppErrors (TALOSCTL_NOT_FOUND, …).
 */
export async function talosctlClientVersion(talosctlPath: string, signal?: AbortSignal): Promise<string> {
  const api = createTalosApi(createTalosRunner({ talosctlPath, defaultTimeoutMs: 10_000 }))
  return api.clientVersion({ signal })
}
