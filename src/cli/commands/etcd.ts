import type { Command } from 'commander'
import { restoreSteps } from '../../core/etcd/restore-help'
import { coreFor, instanceFor } from '../context'
import { followOperation } from '../follow'
import { action, output } from '../output'

/** `wild etcd snapshot|restore-help`; `etcd snapshots` is a verb of the contract table (src/cli/verbs/etcd.ts). */
export function registerEtcdCommands(program: Command): void {
  const etcd = program.command('etcd').description('etcd snapshots of the cluster, and how to restore one')

  etcd
    .command('snapshot')
    .description('Save an etcd snapshot from a control-plane node into the instance; Ctrl-C cancels')
    .option('--node <hostname|ip>', 'the control-plane node to take it from (default: the first set-up one)')
    .action(
      action(async (signal, o: { node?: string }, cmd: Command) => {
        const core = coreFor(cmd)
        try {
          const instance = await instanceFor(cmd, core)
          const op = await core.etcd.snapshot(instance, { node: o.node })
          process.stderr.write(`Taking an etcd snapshot from ${op.target} (${op.id})\n`)
          const final = await followOperation(core, instance, op, signal)
          const saved = (await core.etcd.snapshots(instance)).find((s) => s.status === 'ok' && s.takenAt >= op.startedAt)
          output(cmd, { operationId: final.id, snapshot: saved ?? null }, () => [final.message, '', ...restoreSteps(saved?.path ?? '<snapshot>')].join('\n'))
        } finally {
          await core.close()
        }
      })
    )

  etcd
    .command('restore-help [snapshot]')
    .description('Print how to restore the cluster from an etcd snapshot (Talos disaster recovery)')
    .action(
      action(async (_signal, snapshot: string | undefined, _o: unknown, cmd: Command) => {
        const steps = restoreSteps(snapshot ?? '<snapshot file>')
        output(cmd, { steps }, () => steps.join('\n'))
      })
    )
}
