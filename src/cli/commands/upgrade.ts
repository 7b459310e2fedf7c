import type { Command } from 'commander'
import type { UpgradePlan } from '../../shared/contract/upgrade'
import { AppError } from '../../shared/errors'
import { KubernetesVersion, NodeHostname, SchematicId, TalosVersion } from '../../shared/schemas/fields'
import type { Core } from '../../core'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { action, output, table } from '../output'
import { parseOption } from '../parse-option'

/**
 * `wild cluster upgrade` and `wild node upgrade NODE`: rolling Talos upgrades (an etcd snapshot
 * first, control planes first, one node at a time) and Kubernetes upgrades (the dry run shown
 * first). Steps go to stderr; Ctrl-C stops after the node in progress; both show in `wild ops`.
 */

interface TalosOpts {
  talosVersion?: string
  schematic?: string
}

function talosTarget(o: TalosOpts): { talosVersion?: string; schematicId?: string | null } {
  return {
    talosVersion: o.talosVersion === undefined ? undefined : parseOption(TalosVersion, o.talosVersion),
    schematicId: o.schematic === undefined ? undefined : o.schematic === '' ? null : parseOption(SchematicId, o.schematic)
  }
}

export function describePlan(p: UpgradePlan): string {
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

const STOPS_BETWEEN_NODES = '  The node in progress finishes first; the upgrade stops before the next one.'

async function follow(core: Core, instance: string, op: Awaited<ReturnType<Core['upgrade']['cluster']>>, signal: AbortSignal) {
  signal.addEventListener('abort', () => process.stderr.write(STOPS_BETWEEN_NODES + '\n'), { once: true })
  return followOperation(core, instance, op, signal)
}

/** Shows the dry run first (stderr), then runs the real Kubernetes upgrade as an operation. */
async function kubernetes(core: Core, instance: string, version: string, signal: AbortSignal) {
  const dry = await core.upgrade.kubernetesDryRun(instance, version, signal)
  process.stderr.write(`Dry run of Kubernetes ${dry.from} → ${dry.to} (through ${dry.node}):\n${dry.lines.map((l) => `    ${l}`).join('\n')}\n`)
  const op = await core.upgrade.kubernetes(instance, version)
  process.stderr.write(`Upgrading Kubernetes to ${dry.to} (${op.id})\n`)
  return follow(core, instance, op, signal)
}

async function withCore(cmd: Command, fn: (core: Core, instance: string) => Promise<void>): Promise<void> {
  const core = coreFor(cmd)
  try {
    await fn(core, await instanceFor(cmd, core))
  } finally {
    await core.close()
  }
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
        const k8s = o.kubernetesVersion === undefined ? undefined : parseOption(KubernetesVersion, o.kubernetesVersion)
        const talos = target.talosVersion !== undefined || target.schematicId !== undefined
        if (!talos && !k8s) {
          throw new AppError(
            'VALIDATION',
            'Name what to upgrade to: --talos-version V and/or --kubernetes-version V. See the current versions with: wild cluster upgrade --talos-version V --dry-run'
          )
        }
        await withCore(cmd, async (core, instance) => {
          const plan = talos || o.dryRun ? await core.upgrade.plan(instance, target) : null
          if (o.dryRun) {
            const dry = k8s ? await core.upgrade.kubernetesDryRun(instance, k8s, signal) : null
            output(cmd, { plan, kubernetes: dry }, () =>
              [describePlan(plan!), ...(dry ? ['', `Kubernetes ${dry.from} → ${dry.to} (dry run):`, ...dry.lines] : [])].join('\n')
            )
            return
          }
          const ops: string[] = []
          if (talos) {
            process.stderr.write(describePlan(plan!) + '\n')
            const op = await core.upgrade.cluster(instance, target)
            process.stderr.write(`Upgrading Talos (${op.id})\n`)
            ops.push((await follow(core, instance, op, signal)).id)
          }
          if (k8s) ops.push((await kubernetes(core, instance, k8s, signal)).id)
          const s = await core.config.settings(instance)
          output(
            cmd,
            { operationIds: ops, talosVersion: s.talosVersion, kubernetesVersion: s.kubernetesVersion },
            () => `The cluster runs Talos ${s.talosVersion} and Kubernetes ${s.kubernetesVersion}.`
          )
        })
      })
    )

  group(program, 'node')
    .command('upgrade <node>')
    .description('Upgrade Talos on one node (etcd snapshot first); the version is recorded on the node')
    .option('--talos-version <version>', "the Talos version (default: the cluster's)")
    .option('--schematic <id>', 'an Image Factory schematic to switch to; "" for the vanilla installer')
    .action(
      action(async (signal, node: string, o: TalosOpts, cmd: Command) => {
        const hostname = parseOption(NodeHostname, node)
        const target = talosTarget(o)
        await withCore(cmd, async (core, instance) => {
          const op = await core.upgrade.node(instance, hostname, target)
          process.stderr.write(`Upgrading ${op.target} (${op.id})\n`)
          const final = await follow(core, instance, op, signal)
          output(cmd, { operationId: final.id }, () => final.message)
        })
      })
    )
}
