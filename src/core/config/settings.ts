import type { ClusterSettings, ClusterSettingsUpdate } from '../../shared/contract/cluster'
import { DEFAULT_KUBERNETES_VERSION, DEFAULT_TALOS_VERSION, KEYS, type ConfigFile } from './schema'
import type { ConfigEdit } from './store'

/**
 * The cluster settings as the app shows them, read from config.yaml. The Go original kept the
 * gateway at cloud.router.ip; it is used when cluster.network.gateway is unset.
 */
export function settingsFrom(config: ConfigFile, instance: string): ClusterSettings {
  type Cluster = NonNullable<ConfigFile['cluster']>
  const c: Partial<Cluster> = config.cluster ?? {}
  const talos: Partial<NonNullable<NonNullable<Cluster['nodes']>['talos']>> = c.nodes?.talos ?? {}
  const network: Partial<NonNullable<Cluster['network']>> = c.network ?? {}
  return {
    name: c.name ?? instance,
    vip: c.nodes?.control?.vip ?? null,
    talosVersion: talos.version ?? DEFAULT_TALOS_VERSION,
    kubernetesVersion: talos.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    schematicId: talos.schematicId ?? null,
    network: {
      subnet: network.subnet ?? null,
      gateway: network.gateway ?? config.cloud?.router?.ip ?? null,
      dnsServers: network.dnsServers ?? []
    },
    hostnamePrefix: c.hostnamePrefix ?? '',
    allowSchedulingOnControlPlanes: c.allowSchedulingOnControlPlanes ?? false,
    bootstrapped: c.bootstrap ? { node: c.bootstrap.node, at: c.bootstrap.at } : null
  }
}

/** Writes only the keys that changed; a cleared value is written as "" like the Go original. */
export function applySettings(edit: ConfigEdit, changes: ClusterSettingsUpdate): void {
  const put = (path: readonly string[], value: unknown) => {
    if (value !== undefined) edit.set(path, value === null ? '' : value)
  }
  put(KEYS.clusterName, changes.name)
  put(KEYS.vip, changes.vip)
  put(KEYS.talosVersion, changes.talosVersion)
  put(KEYS.kubernetesVersion, changes.kubernetesVersion)
  put(KEYS.schematicId, changes.schematicId)
  put(KEYS.hostnamePrefix, changes.hostnamePrefix)
  put(KEYS.allowScheduling, changes.allowSchedulingOnControlPlanes)
  if (changes.network) {
    put(KEYS.subnet, changes.network.subnet)
    put(KEYS.gateway, changes.network.gateway)
    put(KEYS.dnsServers, changes.network.dnsServers)
  }
}
