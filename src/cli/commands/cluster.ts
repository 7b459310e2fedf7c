import type { Command } from 'commander'
import type { ClusterSettings, ClusterSettingsUpdate } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { action, output } from '../output'

interface ConfigOpts {
  name?: string
  vip?: string
  talosVersion?: string
  kubernetesVersion?: string
  schematicId?: string
  subnet?: string
  gateway?: string
  dns?: string
  hostnamePrefix?: string
  allowSchedulingOnControlPlanes?: string
  generate?: boolean
}

function describeSettings(s: ClusterSettings): string {
  const row = (k: string, v: string | null | boolean) => `  ${k.padEnd(34)} ${v === null || v === '' ? '-' : String(v)}`
  return [
    `Cluster ${s.name}`,
    row('control-plane VIP', s.vip),
    row('Talos version', s.talosVersion),
    row('Kubernetes version', s.kubernetesVersion),
    row('schematic ID', s.schematicId),
    row('subnet', s.network.subnet),
    row('gateway', s.network.gateway),
    row('DNS servers', s.network.dnsServers.join(', ')),
    row('hostname prefix', s.hostnamePrefix),
    row('allow scheduling on control planes', s.allowSchedulingOnControlPlanes),
    row('bootstrapped', s.bootstrapped ? `on ${s.bootstrapped.node} at ${s.bootstrapped.at}` : 'no')
  ].join('\n')
}

/** "" clears a value; booleans are typed true/false. */
export function settingsChanges(o: ConfigOpts): ClusterSettingsUpdate {
  const clear = (v: string | undefined) => (v === undefined ? undefined : v === '' ? null : v)
  let allow: boolean | undefined
  if (o.allowSchedulingOnControlPlanes !== undefined) {
    if (!['true', 'false'].includes(o.allowSchedulingOnControlPlanes)) {
      throw new AppError('VALIDATION', '--allow-scheduling-on-control-planes takes true or false.')
    }
    allow = o.allowSchedulingOnControlPlanes === 'true'
  }
  const network =
    o.subnet !== undefined || o.gateway !== undefined || o.dns !== undefined
      ? {
          subnet: clear(o.subnet),
          gateway: clear(o.gateway),
          dnsServers:
            o.dns === undefined
              ? undefined
              : o.dns
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean)
        }
      : undefined
  const changes: ClusterSettingsUpdate = {
    name: o.name,
    vip: clear(o.vip),
    talosVersion: o.talosVersion,
    kubernetesVersion: o.kubernetesVersion,
    schematicId: clear(o.schematicId),
    hostnamePrefix: o.hostnamePrefix,
    allowSchedulingOnControlPlanes: allow,
    network: network && (Object.fromEntries(Object.entries(network).filter(([, v]) => v !== undefined)) as typeof network)
  }
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as ClusterSettingsUpdate
}

/** `wild cluster config|bootstrap|kubeconfig|health`. */
export function registerClusterCommands(program: Command): void {
  const cluster = program.command('cluster').description('Cluster settings, bootstrap, kubeconfig and health')

  cluster
    .command('config')
    .description('Show the cluster settings; with options, change them ("" clears a value)')
    .option('--name <name>', 'cluster name')
    .option('--vip <ip>', 'control-plane VIP: a free address in the subnet')
    .option('--talos-version <tag>', 'Talos version, like v1.11.6')
    .option('--kubernetes-version <v>', 'Kubernetes version, like 1.34.1')
    .option('--schematic-id <id>', 'Image Factory schematic ID ("" for the vanilla installer)')
    .option('--subnet <cidr>', "the nodes' subnet, like 192.168.1.0/24")
    .option('--gateway <ip>', 'default gateway (the router)')
    .option('--dns <ips>', 'DNS servers, comma-separated')
    .option('--hostname-prefix <prefix>', 'prefix for suggested hostnames')
    .option('--allow-scheduling-on-control-planes <bool>', 'true for a single-node cluster')
    .option('--generate', 'generate the cluster secrets (once) and machine configs now')
    .action(
      action(async (signal, o: ConfigOpts, cmd: Command) => {
        const core = coreFor(cmd)
        const instance = await instanceFor(cmd, core)
        const changes = settingsChanges(o)
        let settings = Object.keys(changes).length ? await core.config.updateSettings(instance, changes) : await core.config.settings(instance)
        if (o.generate) {
          await core.cluster.generateConfig(instance, signal)
          settings = await core.config.settings(instance)
        }
        output(cmd, settings, () => describeSettings(settings) + (o.generate ? '\nGenerated the cluster configuration.' : ''))
      })
    )

  cluster
    .command('bootstrap [hostname]')
    .description('Bootstrap etcd once on a control-plane node, follow health, save the kubeconfig; Ctrl-C cancels')
    .action(
      action(async (signal, hostname: string | undefined, _o: unknown, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const op = await core.cluster.bootstrap(instance, hostname)
          process.stderr.write(`Bootstrapping on ${op.target} (${op.id})\n`)
          const final = await followOperation(core, instance, op, signal)
          const kube = core.instances.paths(instance).kubeconfig
          output(cmd, { operationId: final.id, kubeconfig: kube }, () => `${final.message}\nNext: kubectl --kubeconfig ${kube} get nodes`)
        } finally {
          await core.close()
        }
      })
    )

  cluster
    .command('kubeconfig')
    .description("Print where the instance's kubeconfig is; --merge adds it to ~/.kube/config (backed up first)")
    .option('--refresh', 'fetch it from the cluster again')
    .option('--print', 'print its content')
    .option('--merge', 'merge it into your kubeconfig (a backup of the old file is made first)')
    .option('--into <path>', 'the kubeconfig to merge into (default: $KUBECONFIG or ~/.kube/config)')
    .option('--no-set-context', 'keep your current context when merging')
    .action(
      action(async (signal, o: { refresh?: boolean; print?: boolean; merge?: boolean; into?: string; setContext: boolean }, cmd: Command) => {
        const core = coreFor(cmd)
        const instance = await instanceFor(cmd, core)
        const kube = await core.cluster.kubeconfig(instance, { refresh: o.refresh, signal })
        const merged = o.merge ? await core.cluster.mergeKubeconfig(instance, { target: o.into, setCurrentContext: o.setContext }) : null
        const value = { path: kube.path, ...(o.print ? { content: kube.content } : {}), ...(merged ? { merged } : {}) }
        output(cmd, value, () => {
          if (o.print) return kube.content.trimEnd()
          const lines = [kube.path]
          if (merged) {
            lines.push(`Merged into ${merged.target} (context ${merged.context}).`)
            if (merged.backup) lines.push(`The previous file was saved as ${merged.backup}.`)
          }
          return lines.join('\n')
        })
      })
    )

  cluster
    .command('health')
    .description('Run the cluster health checks, one line per check; Ctrl-C cancels')
    .option('--timeout <seconds>', 'give up after this long', (v) => Number(v))
    .action(
      action(async (signal, o: { timeout?: number }, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const op = await core.cluster.health(instance, { waitTimeoutSeconds: o.timeout })
          const final = await followOperation(core, instance, op, signal)
          output(cmd, final, () => 'The cluster is healthy.')
        } finally {
          await core.close()
        }
      })
    )
}
