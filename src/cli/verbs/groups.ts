/** Descriptions of the verb groups (`wild node …`), for the groups the verb table creates. */
export const GROUPS: Record<string, string> = {
  instance: 'Create, list, select and delete instances',
  node: 'Detect, add, list, set up and delete nodes',
  config: "Read and change the instance's config.yaml by dotted key",
  cluster: 'Cluster settings, bootstrap, kubeconfig and health',
  ops: 'List, show, cancel and clean up long-running operations',
  assets: 'Boot assets (kernel, initramfs, ISO) from the Talos Image Factory',
  talos: 'Talos releases',
  pxe: "Network boot: serve the instance's Talos assets to machines booting from the LAN",
  etcd: 'etcd snapshots of the cluster, and how to restore one',
  board: 'arm64 boards (factory overlays) and Secure Boot media per node',
  machines: 'Every machine the instance knows: scanned, booted by network, registered'
}

/** The order `wild --help` lists the top-level commands in (as before the verb table). */
const HELP_ORDER = ['instance', 'diagnostics', 'node', 'config', 'cluster', 'ops', 'discover', 'assets', 'talos', 'pxe', 'etcd', 'board', 'machines']

export function helpOrder(name: string): number {
  const i = HELP_ORDER.indexOf(name)
  return i === -1 ? HELP_ORDER.length : i
}
