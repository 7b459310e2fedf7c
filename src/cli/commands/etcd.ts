import type { Command } from 'commander'
import { action, output } from '../output'
import { restoreSteps } from '../restore-steps'
import { followStarted } from '../verbs/follow-started'
import { withSession } from '../verbs/session'

/** `wild etcd snapshot|restore-help`; `etcd snapshots` is a verb of the contract table (src/cli/verbs/etcd.ts). */
export function registerEtcdCommands(program: Command): void {
  const etcd = program.command('etcd').description('etcd snapshots of the cluster, and how to restore one')

  // By hand: it starts the snapshot, follows it, then lists the snapshots to name the saved file in the restore steps.
  etcd
    .command('snapshot')
    .description('Save an etcd snapshot from a control-plane node into the instance; Ctrl-C cancels')
    .option('--node <hostname|ip>', 'the control-plane node to take it from (default: the first set-up one)')
    .action(
      action(async (signal, o: { node?: string }, cmd: Command) =>
        withSession(cmd, signal, async (s) => {
          const started = await s.call('etcd.snapshot', { node: o.node })
          const final = await followStarted(s, started.operationId, (op) => `Taking an etcd snapshot from ${op.target} (${op.id})`)
          const saved = (await s.call('etcd.snapshots', {})).find((e) => e.status === 'ok' && e.takenAt >= final.startedAt)
          output(cmd, started, () => [final.message, '', ...restoreSteps(saved?.path ?? '<snapshot>')].join('\n'))
        })
      )
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
