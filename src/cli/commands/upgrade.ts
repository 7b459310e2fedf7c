import type { Command } from 'commander'
import type { UpgradePlan } from '../../shared/contract/upgrade'
import { AppError } from '../../shared/errors'
import { KubernetesVersion } from '../../shared/schemas/fields'
import { action, output, table } from '../output'
import { parseOption } from '../parse-option'
import { followStarted } from '../verbs/follow-started'
import { withSession } from '../verbs/session'

/**
 * `wild cluster upgrade` and `wild node upgrade NODE`: rolling Talos upgrades (an etcd snapshot
 * first, control planes first, one node at a time) and Kubernetes upgrades (the dry run shown
 * first). Steps go to stderr; Ctrl-C stops after the node in progress; both show in `wild ops`.
 * By hand, through a session: each shows one command's answer (plan, dry run) before it starts another.
 */

interface TalosOpts {
  talosVersion?: string
  schematic?: string
}

/** The Talos target as typed ("" asks for the vanilla installer); the contract checks it. */
function talosTarget(o: TalosOpts): { talosVersion?: string; schematicId?: string | null } {
  return { talosVersion: o.talosVersion, schematicId: o.schematic === '' ? null : o.schematic }
}

function describePlan(p: UpgradePlan): string {
  const rows = p.nodes.map((n, i) => [
    String(i + 1),
    n.hostname,
    n.role,
    n.runningVersion ?? `? (${n.problem ?? 'no answer'})`,
    n.action === 'skip' ? 'already there' : `→ ${p.target.talosVersion}`
  ])
  const schematic = p.target.schematicId ? ` (schematic ${p.target.schematicId.slice(0, 12)}…)` : ''
  return [
    `Talos ${p.talosVersion} → ${p.target.talosVersion}${schematic}; Kubernetes ${p.kubernetesVersion}`,
    table(['ORDER', 'NODE', 'ROLE', 'RUNNING', 'UPGRADE'], rows)
  ].join('\n')
}

/** Ctrl-C cancels the operation, which takes effect between nodes: say so when it is pressed. */
function sayStopsBetweenNodes(signal: AbortSignal): void {
  const say = () => process.stderr.write('  The node in progress finishes first; the upgrade stops before the next one.\n')
  signal.addEventListener('abort', say, { once: true })
}

function group(program: Command, name: string): Command {
  const found = program.commands.find((c) => c.name() === name)
  if (!found) throw new Error(`the "${name}" command group must be registered before upgrades`)
  return found
}

/** Adds `upgrade` to the existing `cluster` and `node` groups. */
export function registerUpgradeCommands(program: Command): void {
  group(program, 'cluster')
    .command('upgrade')
    .description('Upgrade Talos on every node (etcd snapshot first, control planes first, one at a time), then Kubernetes; Ctrl-C stops after the current node')
    .option('--talos-version <version>', 'the Talos version to upgrade every node to (like v1.12.0)')
    .option('--schematic <id>', 'an Image Factory schematic to switch to (a schematic change is an upgrade too); "" for the vanilla installer')
    .option('--kubernetes-version <version>', 'the Kubernetes version to upgrade to (like 1.35.0), after Talos')
    .option('--dry-run', 'show the order and what would change; change nothing')
    .action(
      action(async (signal, o: TalosOpts & { kubernetesVersion?: string; dryRun?: boolean }, cmd: Command) => {
        const target = talosTarget(o)
        const k8s = o.kubernetesVersion
        const talos = target.talosVersion !== undefined || target.schematicId !== undefined
        if (!talos && k8s === undefined) {
          throw new AppError(
            'VALIDATION',
            'Name what to upgrade to: --talos-version V and/or --kubernetes-version V. See the current versions with: wild cluster upgrade --talos-version V --dry-run'
          )
        }
        // upgrade.kubernetes checks this too, but only after the rolling Talos upgrade: a typo must stop the run before it starts.
        if (talos && k8s !== undefined) parseOption(KubernetesVersion, k8s)
        await withSession(cmd, signal, async (s) => {
          if (o.dryRun) {
            // Two answers: each value is exactly that command's output.
            const plan = await s.call('upgrade.plan', target)
            const dry = k8s === undefined ? null : await s.call('upgrade.kubernetesDryRun', { kubernetesVersion: k8s })
            output(cmd, { plan, kubernetes: dry }, () =>
              [describePlan(plan), ...(dry ? ['', `Kubernetes ${dry.from} → ${dry.to} (dry run):`, ...dry.lines] : [])].join('\n')
            )
            return
          }
          sayStopsBetweenNodes(signal)
          if (talos) {
            process.stderr.write(describePlan(await s.call('upgrade.plan', target)) + '\n')
            const started = await s.call('upgrade.cluster', target)
            await followStarted(s, started.operationId, (op) => `Upgrading Talos (${op.id})`)
          }
          if (k8s !== undefined) {
            const dry = await s.call('upgrade.kubernetesDryRun', { kubernetesVersion: k8s })
            process.stderr.write(`Dry run of Kubernetes ${dry.from} → ${dry.to} (through ${dry.node}):\n${dry.lines.map((l) => `    ${l}`).join('\n')}\n`)
            const started = await s.call('upgrade.kubernetes', { kubernetesVersion: k8s })
            await followStarted(s, started.operationId, (op) => `Upgrading Kubernetes to ${dry.to} (${op.id})`)
          }
          // What the cluster runs now answers the command: the settings, where the versions are recorded after success.
          const settings = await s.call('cluster.settings.get', {})
          output(cmd, settings, () => `The cluster runs Talos ${settings.talosVersion} and Kubernetes ${settings.kubernetesVersion}.`)
        })
      })
    )

  group(program, 'node')
    .command('upgrade <node>')
    .description('Upgrade Talos on one node (etcd snapshot first); the version is recorded on the node')
    .option('--talos-version <version>', "the Talos version (default: the cluster's)")
    .option('--schematic <id>', 'an Image Factory schematic to switch to; "" for the vanilla installer')
    .action(
      action(async (signal, node: string, o: TalosOpts, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const started = await s.call('upgrade.node', { node, ...talosTarget(o) })
          sayStopsBetweenNodes(signal)
          const final = await followStarted(s, started.operationId, (op) => `Upgrading ${op.target} (${op.id})`)
          output(cmd, started, () => final.message)
        })
      )
    )
}
