import { delimiter } from 'node:path'
import type { Command } from 'commander'
import type { ClusterSettings, ClusterSettingsUpdate } from '../../shared/contract/cluster'
import { AppError } from '../../shared/errors'
import { globalOptions } from '../context'
import { action, output } from '../output'
import { followStarted } from '../verbs/follow-started'
import { withSession } from '../verbs/session'

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

/**
 * `--into` names the file the merge writes. The contract takes no path from its callers (the app's
 * page may not point it at files), so the CLI names it the way the merge's default is documented:
 * as this process's $KUBECONFIG. The demo merges into its lab's own home and ignores both.
 */
function mergeInto(cmd: Command, into: string | undefined): void {
  if (into === undefined) return
  if (globalOptions(cmd).demo)
    throw new AppError('VALIDATION', "--into does not apply to the demo: it merges into the demo lab's own kubeconfig. Leave --into out.")
  if (into.includes(delimiter)) throw new AppError('VALIDATION', `--into takes one file; "${into}" holds "${delimiter}", which separates $KUBECONFIG entries.`)
  process.env.KUBECONFIG = into
}

/**
 * `wild cluster config|bootstrap|kubeconfig`, by hand: each runs several contract commands
 * (change then show, start then follow then show the kubeconfig, fetch then merge) through a
 * session. `cluster health` is a verb of the contract table (src/cli/verbs/cluster.ts).
 */
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
      action(async (signal, o: ConfigOpts, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const changes = settingsChanges(o)
          const settings = Object.keys(changes).length ? await s.call('cluster.settings.update', { changes }) : await s.call('cluster.settings.get', {})
          if (o.generate) await s.call('cluster.generateConfig', {})
          output(cmd, settings, () => describeSettings(settings) + (o.generate ? '\nGenerated the cluster configuration.' : ''))
        })
      )
    )

  cluster
    .command('bootstrap [hostname]')
    .description('Bootstrap etcd once on a control-plane node, follow health, save the kubeconfig; Ctrl-C cancels')
    .action(
      action(async (signal, hostname: string | undefined, _o: unknown, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const started = await s.call('cluster.bootstrap', { hostname })
          const final = await followStarted(s, started.operationId, (op) => `Bootstrapping on ${op.target} (${op.id})`)
          const kube = (await s.call('cluster.kubeconfig', {})).path
          output(cmd, started, () => `${final.message}\nNext: kubectl --kubeconfig ${kube} get nodes`)
        })
      )
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
      action(async (signal, o: { refresh?: boolean; print?: boolean; merge?: boolean; into?: string; setContext: boolean }, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          if (o.merge) mergeInto(cmd, o.into)
          const kube = await s.call('cluster.kubeconfig', { refresh: o.refresh })
          const merged = o.merge ? await s.call('cluster.mergeKubeconfig', { setCurrentContext: o.setContext }) : null
          // The content is the cluster's admin credential: printed only on --print, as before.
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
    )
}
