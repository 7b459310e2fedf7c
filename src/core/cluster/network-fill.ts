import type { ClusterSettings, ClusterSettingsUpdate } from '../../shared/contract/cluster'
import type { HardwareInfo } from '../../shared/contract/talos'
import { AppError } from '../../shared/errors'
import { createHardwareCache } from '../nodes/hardware-cache'
import type { NodeRecord } from '../nodes/model'
import { inferNetwork, missingNetwork } from './infer-network'

export interface NetworkFillDeps {
  updateSettings: (instance: string, update: ClusterSettingsUpdate) => Promise<ClusterSettings>
}

/** The sentence the op log and the CLI show, naming only what was filled in. */
export function filledSentence(hostname: string, u: { subnet?: string; gateway?: string }): string {
  if (u.subnet && u.gateway) {
    return `Cluster subnet ${u.subnet} and gateway ${u.gateway} taken from ${hostname}'s detected address and default route.`
  }
  if (u.subnet) return `Cluster subnet ${u.subnet} taken from ${hostname}'s detected address.`
  return `Cluster gateway ${u.gateway} taken from ${hostname}'s default route.`
}

/**
 * When config.yaml has no cluster subnet or gateway, takes them from what detection saw on this
 * machine (its address prefix and default route) instead of refusing, writes them and says so.
 * `hw` is a detection made just now; otherwise the last one saved for the machine is used.
 */
export async function fillNetworkFromMachine(
  deps: NetworkFillDeps,
  instance: string,
  root: string,
  n: Pick<NodeRecord, 'hostname' | 'mac' | 'currentIp' | 'targetIp'>,
  hw: HardwareInfo | null,
  s: ClusterSettings,
  log: (line: string) => void
): Promise<ClusterSettings> {
  if (s.network.subnet && s.network.gateway) return s
  const cache = createHardwareCache(root)
  const seen = hw ?? (n.mac ? await cache.byMac(n.mac) : null) ?? (n.currentIp ? await cache.byIp(n.currentIp) : null)
  const update = missingNetwork(s.network, seen ? inferNetwork(seen.ipCidr, seen.gateway) : null)
  if (!update) return s
  try {
    const next = await deps.updateSettings(instance, { network: update })
    log(filledSentence(n.hostname, update))
    return next
  } catch (e) {
    // A node's target outside the inferred subnet, say: the operator decides, setup says why.
    if (!(e instanceof AppError) || e.code !== 'VALIDATION') throw e
    log(`The subnet seen on ${n.hostname} (${update.subnet ?? s.network.subnet}) was not taken: ${e.message}`)
    return s
  }
}
