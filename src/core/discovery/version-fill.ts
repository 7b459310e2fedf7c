import type { DiscoveredNode } from '../../shared/contract/discovery'
import type { TalosApi } from '../talos/talos-api'
import { limiter } from './scan-job'

/** The Talos version of a maintenance machine, or null when it does not tell (v1.9 has no `version` resource). */
export type ReadVersion = (ip: string, signal: AbortSignal) => Promise<string | null>

/** `talosctl get version --insecure`: one process per machine (real talosctl reaches one maintenance node per process). */
export function createVersionReader(api: Pick<TalosApi, 'talosVersion'>, options: { timeoutMs?: number } = {}): ReadVersion {
  const timeoutMs = options.timeoutMs ?? 10_000
  return (ip, signal) => api.talosVersion({ node: ip, insecure: true, signal, timeoutMs })
}

/** Only maintenance machines answer `--insecure`; a configured node's version needs its talosconfig. */
export const wantsVersion = (n: DiscoveredNode) => n.state === 'maintenance' && !n.version

/**
 * Fills in the Talos version of each machine a finished scan reported, a few at a time, handing
 * each version over as it arrives. The scan reports machines complete without it, so each
 * costs at most two talosctl processes before that; this is the third, afterwards. A failure
 * leaves the version unknown (the row stays as it was); a cancel stops at once.
 */
export async function fillVersions(
  nodes: readonly DiscoveredNode[],
  read: ReadVersion,
  o: { concurrency: number; signal: AbortSignal; onVersion: (ip: string, version: string) => void }
): Promise<void> {
  const limit = limiter(Math.max(1, o.concurrency))
  await Promise.all(
    nodes.filter(wantsVersion).map((n) =>
      limit(async () => {
        if (o.signal.aborted) return
        const version = await read(n.ip, o.signal).catch(() => null)
        if (version && !o.signal.aborted) o.onVersion(n.ip, version)
      })
    )
  )
}
