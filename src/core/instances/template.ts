/**
 * The config.yaml a new instance starts with. The keys follow the Go original's layout
 * (cluster.nodes.active.<hostname>, cluster.nodes.talos.*, cluster.nodes.control.vip) so an
 * operator's existing folder opens; the comments are for the operator who edits it by hand.
 * It must stay valid for the config schema (src/core/config/schema.ts).
 */
export function initialConfigYaml(name: string): string {
  return `# Wild Central instance "${name}".
# You may edit this file by hand; the app keeps your comments and key order.
cluster:
  # Cluster name used by talosctl gen config.
  name: ${name}
  # Prefix for suggested hostnames (<prefix>control-1, <prefix>worker-1).
  hostnamePrefix: ""
  # A single-node cluster needs true, or no workload is ever scheduled.
  allowSchedulingOnControlPlanes: false
  network:
    # The LAN the nodes live on, e.g. 192.168.1.0/24; node addresses must be inside it.
    subnet: ""
    # The router: every node's default route.
    gateway: ""
    dnsServers: []
  nodes:
    talos:
      version: v1.11.6
      kubernetesVersion: 1.34.1
      # Image Factory schematic; empty means the vanilla installer.
      schematicId: ""
    control:
      # Control-plane endpoint: a free address in the subnet shared by the control-plane nodes.
      vip: ""
    active: {}
`
}
